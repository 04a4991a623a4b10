package org.miniops.plugins.fail2ban;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the jails out of {@code fail2ban-client -d}, the command stream fail2ban-client would send
 * to the server at start-up.
 *
 * <p>The stream contains one Python list per line: {@code ['add', JAIL, BACKEND]} creates a jail,
 * {@code ['set', JAIL, 'addlogpath', FILE, 'head']} adds a monitored file,
 * {@code ['set', JAIL, 'addaction', NAME]} an action whose parameters follow in
 * {@code ['multi-set', JAIL, 'action', NAME, [[KEY, VALUE], ...]]} (or one
 * {@code ['set', JAIL, 'action', NAME, KEY, VALUE]} each), {@code ['start', JAIL]} starts it, and
 * {@code ['config-error', MESSAGE]} reports a jail fail2ban skips. Only enabled jails appear.
 */
final class ConfigDumpParser {

    private static final Pattern SKIPPED_JAIL = Pattern.compile("^Jail '(.+?)' skipped, because of wrong configuration: (.*)$", Pattern.DOTALL);
    private static final Pattern MISSING_LOG = Pattern.compile("Have not found any log file for \\S+ jail");

    private ConfigDumpParser() {
    }

    /**
     * Parses the output of {@code fail2ban-client -d}.
     *
     * @param stdout the command stream
     * @param stderr the client's log, where warnings such as a missing log file appear
     * @param source the command as run, recorded in the result
     * @throws Fail2BanConfigException if fail2ban-client could not build the stream, with its reason
     */
    static JailConfiguration parse(String stdout, String stderr, String source) throws Fail2BanConfigException {
        if (stdout.contains("ERROR: The configuration stream failed")) {
            List<String> errors = ClientFailure.messages(stderr, "ERROR");
            throw new Fail2BanConfigException(errors.isEmpty()
                    ? "fail2ban-client could not read its configuration" : String.join("; ", errors));
        }

        Map<String, JailBuilder> jails = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("[")) {
                continue;
            }
            Object parsed;
            try {
                parsed = PythonLiteral.parse(trimmed);
            } catch (IllegalArgumentException e) {
                throw new Fail2BanConfigException("cannot read the output of " + source + ": " + e.getMessage());
            }
            if (parsed instanceof List<?> command && !command.isEmpty()) {
                apply(command, jails);
            }
        }

        Set<String> problems = new LinkedHashSet<>();
        for (String warning : ClientFailure.messages(stderr, "WARNING")) {
            Matcher missing = MISSING_LOG.matcher(warning);
            if (missing.find()) {
                problems.add(missing.group());
            }
        }
        List<JailConfig> result = new ArrayList<>();
        jails.values().forEach(jail -> result.add(jail.build(source)));
        return new JailConfiguration(result, List.copyOf(problems), source);
    }

    private static void apply(List<?> command, Map<String, JailBuilder> jails) {
        String verb = text(command, 0);
        switch (verb) {
            case "add" -> {
                if (command.size() >= 2) {
                    JailBuilder jail = jails.computeIfAbsent(text(command, 1), JailBuilder::new);
                    jail.backend = text(command, 2);
                }
            }
            case "start" -> {
                JailBuilder jail = jails.get(text(command, 1));
                if (jail != null) {
                    jail.started = true;
                }
            }
            case "config-error" -> {
                Matcher skipped = SKIPPED_JAIL.matcher(text(command, 1));
                if (skipped.matches()) {
                    jails.computeIfAbsent(skipped.group(1), JailBuilder::new).configError = skipped.group(2);
                }
            }
            case "set", "multi-set" -> {
                JailBuilder jail = jails.get(text(command, 1));
                if (jail != null) {
                    jail.apply(verb, command);
                }
            }
            default -> {
                // Other commands set server options such as loglevel or dbfile.
            }
        }
    }

    private static String text(List<?> command, int index) {
        if (index >= command.size() || command.get(index) == null) {
            return "";
        }
        return String.valueOf(command.get(index));
    }

    /** Collects the commands of the stream that concern one jail. */
    private static final class JailBuilder {
        private final String name;
        private String backend = "";
        private boolean started;
        private String configError = "";
        private String port = "";
        private final List<String> logFiles = new ArrayList<>();
        private final List<String> actions = new ArrayList<>();

        JailBuilder(String name) {
            this.name = name;
        }

        void apply(String verb, List<?> command) {
            String option = text(command, 2);
            if (verb.equals("set") && option.equals("addlogpath")) {
                logFiles.add(text(command, 3));
            } else if (verb.equals("set") && option.equals("addaction")) {
                actions.add(text(command, 3));
            } else if (option.equals("action") && verb.equals("multi-set") && command.size() > 4
                    && command.get(4) instanceof List<?> parameters) {
                for (Object parameter : parameters) {
                    if (parameter instanceof List<?> pair && pair.size() == 2) {
                        actionParameter(text(command, 3), text(pair, 0), text(pair, 1));
                    }
                }
            } else if (option.equals("action") && verb.equals("set") && command.size() == 6) {
                actionParameter(text(command, 3), text(command, 4), text(command, 5));
            }
        }

        /** Takes the port from the first action's parameters, which fail2ban fills from the jail's {@code port}. */
        private void actionParameter(String action, String key, String value) {
            if (key.equals("port") && !actions.isEmpty() && actions.get(0).equals(action) && port.isEmpty()) {
                port = value;
            }
        }

        JailConfig build(String source) {
            String banaction = actions.isEmpty() ? "" : actions.get(0);
            // Every jail in the stream is enabled, but only a "start" command shows that fail2ban accepted it.
            String error = configError.isEmpty() && !started ? "not started by the configuration stream" : configError;
            return new JailConfig(name, true, port, "", logFiles, logFiles, banaction, actions, backend, error, source);
        }
    }
}
