package org.miniops.plugins.fail2ban;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.miniops.api.Host;

/**
 * Reads fail2ban's jails from its configuration files the way {@code fail2ban-client} does, for
 * hosts where no command may run.
 *
 * <p>The jail files are read in fail2ban's order ({@code jail.conf}, {@code jail.d/*.conf},
 * {@code jail.local}, {@code jail.d/*.local}) with their {@code [INCLUDES]}; see
 * {@link ConfigStack} for the merge and interpolation rules. Every section except
 * {@code [INCLUDES]} and {@code [DEFAULT]} is a jail. Like fail2ban, the reader then checks each
 * enabled jail: its filter and actions must exist in {@code filter.d/} and {@code action.d/},
 * and at least one {@code logpath} must match a file unless the jail reads the systemd journal.
 *
 * <p>NOTE: the values a filter defines are not interpolated, so a jail option that refers to
 * one with {@code %(known/...)s} reads as empty; jail name, port, filter, log paths, ban action
 * and actions do not depend on them in fail2ban's stock configuration.
 */
public final class JailConfigReader {

    /** Options fail2ban 1.0 reads from every enabled jail; a broken reference in any of them stops fail2ban. */
    private static final List<String> JAIL_OPTIONS = List.of(
            "enabled", "backend", "maxretry", "maxmatches", "findtime", "bantime", "bantime.increment",
            "bantime.factor", "bantime.formula", "bantime.multipliers", "bantime.maxtime", "bantime.rndtime",
            "bantime.overalljails", "ignorecommand", "ignoreself", "ignoreip", "ignorecache", "filter",
            "logtimezone", "logencoding", "logpath", "action", "usedns", "prefregex", "ignoreregex", "failregex",
            "maxlines", "datepattern", "journalmatch");

    /** Words Python's fail2ban accepts as true for {@code enabled}, compared in lower case; anything else is false. */
    private static final Set<String> TRUE_WORDS = Set.of("1", "on", "true", "yes");

    private JailConfigReader() {
    }

    /**
     * Reads the jails configured under {@code configDir} on {@code host}.
     *
     * @param configDir host path of fail2ban's configuration directory, usually {@code /etc/fail2ban}
     * @throws java.nio.file.AccessDeniedException if a configuration file exists but may not be read
     * @throws Fail2BanConfigException if fail2ban would reject the configuration as a whole
     */
    public static JailConfiguration read(Host host, String configDir) throws IOException, Fail2BanConfigException {
        String baseDir = configDir.length() > 1 && configDir.endsWith("/")
                ? configDir.substring(0, configDir.length() - 1) : configDir;
        if (!host.isDirectory(baseDir)) {
            throw new Fail2BanConfigException("Base configuration directory " + baseDir + " does not exist");
        }
        ConfigStack stack = ConfigStack.read(host, baseDir, "jail");
        if (stack.filesRead().isEmpty()) {
            return new JailConfiguration(List.of(), List.of("Found no accessible config files for 'jail' under " + baseDir),
                    baseDir + "/jail.conf");
        }
        // fail2ban sets these before reading any jail; the version of the audited host is not known here.
        stack.putDefault("fail2ban_version", "unknown");
        stack.putDefault("fail2ban_confpath", baseDir);

        List<JailConfig> jails = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String section : stack.sectionNames()) {
            if (section.equals("INCLUDES")) {
                continue;
            }
            JailConfig jail = new JailParser(host, baseDir, stack, section).parse();
            jails.add(jail);
            if (jail.isEffective() && !jail.readsJournal() && jail.logFiles().isEmpty() && hasLogPath(stack, section)) {
                problems.add("Have not found any log file for " + section + " jail");
            }
        }
        return new JailConfiguration(jails, problems, String.join(", ", distinct(stack.filesRead())));
    }

    /** Returns whether Python's fail2ban reads {@code value} as true. */
    static boolean isTrue(String value) {
        return TRUE_WORDS.contains(value.toLowerCase(Locale.ROOT));
    }

    private static boolean hasLogPath(ConfigStack stack, String section) {
        return stack.raw(section, "logpath").isPresent();
    }

    private static List<String> distinct(List<String> files) {
        return files.stream().distinct().toList();
    }

    /** Reads one jail section in fail2ban's two passes. */
    private static final class JailParser {
        private final Host host;
        private final String baseDir;
        private final ConfigStack stack;
        private final String name;

        JailParser(Host host, String baseDir, ConfigStack stack, String name) {
            this.host = host;
            this.baseDir = baseDir;
            this.stack = stack;
            this.name = name;
        }

        JailConfig parse() throws IOException, Fail2BanConfigException {
            // First pass, for every jail: fail2ban stops on a broken reference even in a disabled jail.
            boolean enabled = stack.get(name, "enabled").map(JailConfigReader::isTrue).orElse(false);
            String backend = stack.get(name, "backend").orElse("auto");
            String filterValue = stack.get(name, "filter").orElse("");
            String source = stack.raw(name, "enabled").map(ConfigValue::location).orElse("");
            if (!enabled) {
                return disabled(backend, filterValue, source);
            }

            String filter = "";
            Map<String, String> filterValues = new HashMap<>();
            if (!filterValue.isEmpty()) {
                NamedOptions reference;
                try {
                    reference = NamedOptions.parse(filterValue);
                } catch (IllegalArgumentException e) {
                    return skipped(backend, "", source, "Invalid filter definition '" + filterValue + "': " + e.getMessage());
                }
                filter = reference.name();
                Optional<ConfigStack> filterConfig = readDefinition("filter.d", filter);
                if (filterConfig.isEmpty()) {
                    return skipped(backend, filter, source, "Unable to read the filter '" + filter + "'");
                }
                filterValues = knownFilterValues(filterConfig.get(), reference);
            }

            // Second pass: fail2ban reads every jail option, so any broken reference stops it.
            for (String option : JAIL_OPTIONS) {
                stack.get(name, option, filterValues);
            }
            String action = stack.get(name, "action", filterValues).orElse("");
            List<String> actions = new ArrayList<>();
            String actionError = readActions(action, actions);
            if (!actionError.isEmpty()) {
                return skipped(backend, filter, source, actionError);
            }

            List<String> logPaths = logPaths(stack.get(name, "logpath", filterValues).orElse(""));
            List<String> logFiles = backend.startsWith("systemd") ? List.of() : existingFiles(logPaths);
            return new JailConfig(name, true, lenient("port"), filter, logPaths, logFiles, lenient("banaction"),
                    actions, backend, "", source);
        }

        private JailConfig disabled(String backend, String filterValue, String source) {
            String filter = "";
            try {
                filter = filterValue.isEmpty() ? "" : NamedOptions.parse(filterValue).name();
            } catch (IllegalArgumentException e) {
                // A disabled jail's filter is never read, so its syntax does not matter.
            }
            List<String> logPaths = logPaths(lenient("logpath"));
            return new JailConfig(name, false, lenient("port"), filter, logPaths, List.of(), lenient("banaction"),
                    List.of(), backend, "", source);
        }

        private JailConfig skipped(String backend, String filter, String source, String error) {
            return new JailConfig(name, true, lenient("port"), filter, logPaths(lenient("logpath")), List.of(),
                    lenient("banaction"), List.of(), backend, error, source);
        }

        /** Reads an option fail2ban does not evaluate for this jail, so a broken reference reads as empty. */
        private String lenient(String option) {
            try {
                return stack.get(name, option).orElse("");
            } catch (Fail2BanConfigException e) {
                return "";
            }
        }

        /** Adds the action names fail2ban would add to {@code actions}; returns why it would skip the jail, or "". */
        private String readActions(String action, List<String> actions) throws IOException, Fail2BanConfigException {
            for (String entry : NamedOptions.split(action)) {
                if (entry.isEmpty()) {
                    continue;
                }
                NamedOptions reference;
                try {
                    reference = NamedOptions.parse(entry);
                } catch (IllegalArgumentException e) {
                    return "Invalid action definition '" + entry + "': " + e.getMessage();
                }
                if (reference.name().endsWith(".py")) {
                    String file = reference.name();
                    actions.add(reference.options().getOrDefault("actname", file.substring(0, file.length() - 3)));
                    continue;
                }
                if (readDefinition("action.d", reference.name()).isEmpty()) {
                    return "Unable to read action '" + reference.name() + "'";
                }
                actions.add(actionName(reference));
            }
            return "";
        }

        /** Names an action as fail2ban does: {@code actname}, else the file name plus any {@code name} suffix. */
        private String actionName(NamedOptions reference) {
            String actname = reference.options().get("actname");
            if (actname != null) {
                return actname;
            }
            String instance = reference.options().getOrDefault("name", name);
            if (instance.equals(name)) {
                return reference.name();
            }
            return reference.name() + (instance.startsWith(name) ? instance.substring(name.length()) : "-" + instance);
        }

        /** Reads {@code filter.d/NAME} or {@code action.d/NAME}, or returns empty when none of its files exist. */
        private Optional<ConfigStack> readDefinition(String directory, String definition)
                throws IOException, Fail2BanConfigException {
            if (ConfigStack.mainFiles(host, baseDir + "/" + directory, definition).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(ConfigStack.read(host, baseDir + "/" + directory, definition));
        }

        /**
         * Names the values a filter offers the jail as {@code %(known/...)s}; fail2ban resolves
         * them, this reader only lets references to them pass (see the class note).
         */
        private static Map<String, String> knownFilterValues(ConfigStack filter, NamedOptions reference) {
            Map<String, String> known = new HashMap<>();
            for (String section : List.of("Definition", "Init")) {
                for (String option : filter.optionNames(section)) {
                    known.put("known/" + option, "");
                }
            }
            reference.options().keySet().forEach(option -> known.put("known/" + option, ""));
            return known;
        }

        private List<String> existingFiles(List<String> patterns) throws IOException {
            List<String> files = new ArrayList<>();
            for (String pattern : patterns) {
                if (!pattern.startsWith("/")) {
                    continue;
                }
                for (String match : host.glob(pattern)) {
                    // A dangling symbolic link matches the pattern but cannot be monitored.
                    if (Files.exists(host.resolve(match))) {
                        files.add(match);
                    }
                }
            }
            return files;
        }
    }

    /** Splits a {@code logpath} value into paths, dropping the optional {@code head}/{@code tail} word after the last space. */
    private static List<String> logPaths(String value) {
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        for (String line : value.split("\n", -1)) {
            int space = line.lastIndexOf(' ');
            paths.add(space < 0 ? line : line.substring(0, space));
        }
        return paths;
    }
}
