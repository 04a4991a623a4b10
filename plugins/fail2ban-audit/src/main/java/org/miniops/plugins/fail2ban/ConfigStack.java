package org.miniops.plugins.fail2ban;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miniops.api.Host;

/**
 * Merged view of one fail2ban configuration, such as {@code jail} or {@code fail2ban}, read the
 * way fail2ban's client reads it.
 *
 * <p>Files are read in this order, later values replacing earlier ones option by option:
 * {@code NAME.conf}, {@code NAME.d/*.conf}, {@code NAME.local}, {@code NAME.d/*.local}. Before a
 * file come the files its {@code [INCLUDES] before} option lists, after it those of
 * {@code after}; an included {@code X.conf} brings its {@code X.local} along. When a later file
 * replaces an option of a section, the replaced value stays reachable as
 * {@code %(known/option)s}.
 *
 * <p>{@link #get} interpolates values as {@link Interpolation} describes.
 *
 * <p>Instances are not thread-safe, so each check run reads its own.
 */
final class ConfigStack {

    private static final String INCLUDES = "INCLUDES";
    private static final String INCLUDE_BEFORE = "before";
    private static final String INCLUDE_AFTER = "after";

    private static final Pattern CONDITIONAL_SECTION = Pattern.compile("^(\\w+)(\\?.+)$", Pattern.UNICODE_CHARACTER_CLASS);

    private final Host host;
    private final Map<String, IniFile> parsed = new HashMap<>();
    private final List<String> filesRead = new ArrayList<>();
    private final Map<String, ConfigValue> defaults = new LinkedHashMap<>();
    private final Map<String, Map<String, ConfigValue>> sections = new LinkedHashMap<>();
    /** Values that a later file replaced, per section: what {@code %(known/option)s} reads. */
    private final Map<String, Map<String, ConfigValue>> replaced = new HashMap<>();

    private ConfigStack(Host host) {
        this.host = host;
    }

    /**
     * Reads configuration {@code name} (for example {@code jail}) from {@code baseDir} on the host.
     * A file that does not exist is skipped, as fail2ban skips it.
     *
     * @throws java.nio.file.AccessDeniedException if a file exists but may not be read, since the
     *     merged result would then be incomplete
     * @throws Fail2BanConfigException if a file is malformed
     */
    static ConfigStack read(Host host, String baseDir, String name) throws IOException, Fail2BanConfigException {
        ConfigStack stack = new ConfigStack(host);
        List<String> files = new ArrayList<>();
        for (String file : mainFiles(host, baseDir, name)) {
            files.addAll(stack.withIncludes(file, List.of()));
        }
        for (String file : files) {
            stack.merge(file);
        }
        return stack;
    }

    /** Lists the files of configuration {@code name} that exist, in reading order. */
    static List<String> mainFiles(Host host, String baseDir, String name) throws IOException {
        String base = stripTrailingSlashes(baseDir) + "/" + name;
        List<String> candidates = new ArrayList<>();
        candidates.add(base + ".conf");
        candidates.addAll(host.glob(base + ".d/*.conf"));
        candidates.add(base + ".local");
        candidates.addAll(host.glob(base + ".d/*.local"));
        List<String> existing = new ArrayList<>();
        for (String candidate : candidates) {
            if (Files.exists(host.resolve(candidate))) {
                existing.add(candidate);
            }
        }
        return existing;
    }

    /** Files merged into this view, in order; a file included twice appears twice. */
    List<String> filesRead() {
        return List.copyOf(filesRead);
    }

    /** Names of the sections, in order of first appearance, without {@code [DEFAULT]}. */
    List<String> sectionNames() {
        return List.copyOf(sections.keySet());
    }

    /** Adds or replaces a {@code [DEFAULT]} value, as fail2ban does for {@code fail2ban_confpath}. */
    void putDefault(String option, String value) {
        defaults.put(option, new ConfigValue(value, "(set by fail2ban)", 0));
    }

    /** Returns the raw value of {@code option} in {@code section}, falling back to {@code [DEFAULT]}. */
    Optional<ConfigValue> raw(String section, String option) {
        String key = option.toLowerCase(Locale.ROOT);
        Map<String, ConfigValue> values = sections.get(section);
        if (values != null && values.containsKey(key)) {
            return Optional.of(values.get(key));
        }
        return Optional.ofNullable(defaults.get(key));
    }

    /**
     * Returns the interpolated value of {@code option} in {@code section}, or empty when neither
     * the section nor {@code [DEFAULT]} sets it.
     *
     * @throws Fail2BanConfigException if a {@code %(name)s} reference is malformed, names an
     *     option that does not exist, or nests deeper than configparser allows
     */
    Optional<String> get(String section, String option) throws Fail2BanConfigException {
        return get(section, option, Map.of());
    }

    /**
     * Returns the interpolated value of {@code option} in {@code section}, where {@code names}
     * resolve before the section's own options.
     *
     * @throws Fail2BanConfigException as {@link #get(String, String)}
     */
    Optional<String> get(String section, String option, Map<String, String> names) throws Fail2BanConfigException {
        Optional<ConfigValue> value = raw(section, option);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Interpolation(sections, defaults, replaced)
                .interpolate(section, option.toLowerCase(Locale.ROOT), value.get().text(), names));
    }

    /** Returns the option names {@code section} sets or inherits from {@code [DEFAULT]}; empty when it does not exist. */
    Set<String> optionNames(String section) {
        Map<String, ConfigValue> values = sections.get(section);
        if (values == null) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>(values.keySet());
        names.addAll(defaults.keySet());
        return names;
    }

    private List<String> withIncludes(String file, List<String> seen) throws IOException, Fail2BanConfigException {
        IniFile ini = parse(file);
        if (ini == null) {
            return List.of();
        }
        String directory = file.substring(0, file.lastIndexOf('/') + 1);
        List<String> before = includedFiles(ini, INCLUDE_BEFORE, file, directory, seen);
        List<String> after = includedFiles(ini, INCLUDE_AFTER, file, directory, seen);

        List<String> ordered = new ArrayList<>(before);
        ordered.add(file);
        ordered.addAll(after);
        return ordered;
    }

    private List<String> includedFiles(IniFile ini, String option, String file, String directory, List<String> seen)
            throws IOException, Fail2BanConfigException {
        Optional<String> value = includeOption(ini, option);
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> files = new ArrayList<>();
        for (String entry : value.get().split("\n", -1)) {
            if (entry.isEmpty()) {
                continue;
            }
            String included = entry.startsWith("/") ? entry : directory + entry;
            // fail2ban breaks include loops only along the chain of includers.
            if (seen.contains(included)) {
                continue;
            }
            List<String> chain = new ArrayList<>(seen);
            chain.add(file);
            for (String expanded : withLocal(included)) {
                files.addAll(withIncludes(expanded, chain));
            }
        }
        return files;
    }

    /** Reads {@code [INCLUDES] before} or {@code after}, interpolated within its own file as fail2ban does. */
    private static Optional<String> includeOption(IniFile ini, String option) throws Fail2BanConfigException {
        Map<String, ConfigValue> includes = ini.sections().get(INCLUDES);
        if (includes == null) {
            return Optional.empty();
        }
        ConfigValue value = includes.containsKey(option) ? includes.get(option) : ini.defaults().get(option);
        if (value == null) {
            return Optional.empty();
        }
        ConfigStack single = new ConfigStack(null);
        single.defaults.putAll(ini.defaults());
        single.sections.putAll(ini.sections());
        return single.get(INCLUDES, option);
    }

    /** Returns {@code file} followed by its {@code .local} companion when that file exists. */
    private List<String> withLocal(String file) {
        List<String> files = new ArrayList<>();
        files.add(file);
        String local = withoutExtension(file) + ".local";
        if (!local.equals(file) && Files.isRegularFile(host.resolve(local))) {
            files.add(local);
        }
        return files;
    }

    private IniFile parse(String file) throws IOException, Fail2BanConfigException {
        if (parsed.containsKey(file)) {
            return parsed.get(file);
        }
        IniFile ini;
        try {
            ini = IniFile.parse(file, host.readLines(file));
        } catch (NoSuchFileException e) {
            // A missing include, such as Debian's paths-overrides.local, is normal.
            ini = null;
        }
        parsed.put(file, ini);
        return ini;
    }

    private void merge(String file) throws IOException, Fail2BanConfigException {
        IniFile ini = parse(file);
        if (ini == null) {
            return;
        }
        filesRead.add(file);
        defaults.putAll(ini.defaults());
        for (Map.Entry<String, Map<String, ConfigValue>> section : ini.sections().entrySet()) {
            String name = section.getKey();
            Map<String, ConfigValue> values = new LinkedHashMap<>(section.getValue());

            // A section such as [sshd?family=inet6] adds options "name?family=inet6" to [sshd].
            Matcher conditional = CONDITIONAL_SECTION.matcher(name);
            if (conditional.matches()) {
                name = conditional.group(1);
                String condition = conditional.group(2);
                Map<String, ConfigValue> renamed = new LinkedHashMap<>();
                values.forEach((option, value) -> renamed.put(option + condition, value));
                values = renamed;
            }

            Map<String, ConfigValue> existing = sections.get(name);
            if (existing == null) {
                sections.put(name, values);
                continue;
            }
            Map<String, ConfigValue> known = replaced.computeIfAbsent(name, n -> new LinkedHashMap<>());
            for (String option : values.keySet()) {
                if (existing.containsKey(option)) {
                    known.put(option, existing.get(option));
                }
            }
            existing.putAll(values);
        }
    }

    private static String withoutExtension(String file) {
        int slash = file.lastIndexOf('/');
        String name = file.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        // Like Python's os.path.splitext, a name that only starts with dots has no extension.
        boolean onlyLeadingDots = name.substring(0, Math.max(dot, 0)).chars().allMatch(c -> c == '.');
        if (dot <= 0 || onlyLeadingDots) {
            return file;
        }
        return file.substring(0, slash + 1 + dot);
    }

    private static String stripTrailingSlashes(String path) {
        String stripped = path;
        while (stripped.length() > 1 && stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }
}
