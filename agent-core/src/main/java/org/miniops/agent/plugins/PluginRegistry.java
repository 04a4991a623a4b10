package org.miniops.agent.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.miniops.api.AuditCheck;
import org.miniops.api.Notifier;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Plugins loaded from the plugins directory with PF4J, with the checks and notifiers they contribute.
 *
 * <p>A plugin that fails to load or start, or an extension that cannot be created, is recorded
 * with its reason and logged once; every other plugin still runs. The registry is built once at
 * start-up and is read-only afterwards, so it is safe to share between threads.
 */
public final class PluginRegistry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PluginRegistry.class.getName());

    private final PluginManager manager;
    private final List<PluginInfo> plugins;
    private final List<RegisteredCheck> checks;
    private final List<RegisteredNotifier> notifiers;

    private PluginRegistry(PluginManager manager, List<PluginInfo> plugins, List<RegisteredCheck> checks,
                           List<RegisteredNotifier> notifiers) {
        this.manager = manager;
        this.plugins = List.copyOf(plugins);
        this.checks = List.copyOf(checks);
        this.notifiers = List.copyOf(notifiers);
    }

    /**
     * Loads and starts every plugin in {@code pluginsDir}.
     *
     * @param config merged agent configuration, from which each plugin gets its namespaced settings
     */
    public static PluginRegistry load(Path pluginsDir, Map<String, String> config) {
        long started = System.nanoTime();
        PluginManager manager = new DefaultPluginManager(pluginsDir);
        List<PluginInfo> infos = new ArrayList<>();

        for (Path candidate : candidates(pluginsDir)) {
            try {
                manager.loadPlugin(candidate);
            } catch (RuntimeException | LinkageError e) {
                String reason = describe(e);
                LOG.warning("Plugin " + candidate.getFileName() + " did not load: " + reason);
                infos.add(new PluginInfo(candidate.getFileName().toString(), "", "FAILED", candidate.toString(),
                        List.of(), Optional.of(reason)));
            }
        }
        manager.startPlugins();

        List<RegisteredCheck> checks = new ArrayList<>();
        List<RegisteredNotifier> notifiers = new ArrayList<>();
        for (PluginWrapper plugin : manager.getPlugins()) {
            infos.add(register(manager, plugin, config, checks, notifiers));
        }
        checks.sort(java.util.Comparator.comparing(registered -> registered.check().id()));

        long millis = (System.nanoTime() - started) / 1_000_000;
        long failed = infos.stream().filter(info -> info.failure().isPresent()).count();
        LOG.info(String.format("%d plugins from %s in %d ms: %d checks, %d notifiers, %d with failures",
                infos.size(), pluginsDir, millis, checks.size(), notifiers.size(), failed));
        return new PluginRegistry(manager, infos, checks, notifiers);
    }

    /** Returns every plugin found, including those that failed, in load order. */
    public List<PluginInfo> plugins() {
        return plugins;
    }

    /** Returns the checks of started plugins, sorted by id. */
    public List<RegisteredCheck> checks() {
        return checks;
    }

    /** Returns the notifiers of started plugins. */
    public List<RegisteredNotifier> notifiers() {
        return notifiers;
    }

    @Override
    public void close() {
        // PF4J 3.15's stopPlugins() removes from the list it iterates and throws
        // ConcurrentModificationException, so stop each plugin from a copy instead.
        for (PluginWrapper plugin : List.copyOf(manager.getStartedPlugins())) {
            try {
                manager.stopPlugin(plugin.getPluginId());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Plugin '" + plugin.getPluginId() + "' failed to stop", e);
            }
        }
        manager.unloadPlugins();
    }

    private static PluginInfo register(PluginManager manager, PluginWrapper plugin, Map<String, String> config,
                                       List<RegisteredCheck> checks, List<RegisteredNotifier> notifiers) {
        String id = plugin.getPluginId();
        String version = plugin.getDescriptor().getVersion();
        String path = plugin.getPluginPath().toString();
        if (plugin.getPluginState() != PluginState.STARTED) {
            String reason = plugin.getFailedException() != null
                    ? describe(plugin.getFailedException())
                    : "plugin is " + plugin.getPluginState().toString().toLowerCase(java.util.Locale.ROOT);
            LOG.warning("Plugin '" + id + "' did not start: " + reason);
            return new PluginInfo(id, version, plugin.getPluginState().toString(), path, List.of(), Optional.of(reason));
        }

        var settings = PluginSettingsView.forPlugin(id, PluginSettingsView.declaredPrefixes(plugin.getPluginPath()), config);
        List<String> extensions = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String className : manager.getExtensionClassNames(id)) {
            try {
                Object extension = create(manager, plugin, className);
                if (extension instanceof AuditCheck check) {
                    checks.add(new RegisteredCheck(id, check, settings));
                    extensions.add(check.id());
                } else if (extension instanceof Notifier notifier) {
                    notifiers.add(new RegisteredNotifier(id, notifier, settings));
                    extensions.add(notifier.id());
                }
            } catch (Exception | LinkageError e) {
                String reason = "extension " + className + " could not be created: " + describe(e);
                LOG.log(Level.WARNING, "Plugin '" + id + "': " + reason, e);
                failures.add(reason);
            }
        }
        Optional<String> failure = failures.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", failures));
        return new PluginInfo(id, version, plugin.getPluginState().toString(), path, extensions, failure);
    }

    private static Object create(PluginManager manager, PluginWrapper plugin, String className)
            throws ClassNotFoundException {
        Class<?> type = Class.forName(className, true, plugin.getPluginClassLoader());
        if (!AuditCheck.class.isAssignableFrom(type) && !Notifier.class.isAssignableFrom(type)) {
            // An extension of some other extension point; the agent has no use for it.
            return null;
        }
        return manager.getExtensionFactory().create(type);
    }

    private static List<Path> candidates(Path pluginsDir) {
        if (!Files.isDirectory(pluginsDir)) {
            LOG.warning("Plugins directory " + pluginsDir + " does not exist; no checks will run. Set PLUGINS_DIR to the directory that holds the plugin jars");
            return List.of();
        }
        try (Stream<Path> entries = Files.list(pluginsDir)) {
            return entries
                    .filter(path -> Files.isDirectory(path) || path.getFileName().toString().endsWith(".jar"))
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            LOG.warning("Cannot list plugins directory " + pluginsDir + ": " + e.getMessage());
            return List.of();
        }
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (root != failure && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return message;
    }
}
