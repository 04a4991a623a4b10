package org.miniops.plugins.ufw;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.miniops.api.Host;

/**
 * UFW's configuration as its files store it, the source when {@code ufw status} cannot run.
 *
 * <p>The settings come from {@code /etc/default/ufw} and then {@code /etc/ufw/ufw.conf}, read the
 * way ufw reads them: a line counts when it starts with {@code KEY=VALUE}, the value is
 * lower-cased and stripped of quotes, and a later line wins. The rules come from the
 * {@code ### tuple ###} lines of {@code user.rules} and, when {@code IPV6=yes}, {@code user6.rules}.
 * They describe what ufw loads when it starts, not whether it is running now.
 *
 * @param enabledAtBoot whether {@code ENABLED=yes}, so ufw starts at boot
 * @param defaultIncoming the {@code DEFAULT_INPUT_POLICY}
 * @param rules IPv4 rules, then IPv6 rules, as {@code ufw status} lists them
 * @param skippedTuples tuple lines ufw would skip as malformed, with file and reason
 */
record UfwConfigFiles(Observed<Boolean> enabledAtBoot, Observed<UfwPolicy> defaultIncoming,
                      Observed<List<UfwRule>> rules, List<String> skippedTuples) {

    static final String DEFAULTS = "/etc/default/ufw";
    static final String CONF = "/etc/ufw/ufw.conf";
    static final String RULES = "/etc/ufw/user.rules";
    static final String RULES6 = "/etc/ufw/user6.rules";

    /** The line pattern ufw matches before it splits a setting at '='. */
    private static final Pattern SETTING = Pattern.compile("^\\w+=\"?\\w+\"?");

    /** Reads the files under {@code host}; every read problem ends up in the matching field. */
    static UfwConfigFiles read(Host host) {
        Map<String, Setting> settings = new HashMap<>();
        Map<String, String> unreadable = new HashMap<>();
        for (String path : List.of(DEFAULTS, CONF)) {
            try {
                readSettings(host, path, settings);
            } catch (IOException e) {
                unreadable.put(path, describe(path, e));
            }
        }

        Observed<Boolean> enabled = enabledAtBoot(settings, unreadable);
        Observed<UfwPolicy> incoming = defaultIncoming(settings, unreadable);

        Setting ipv6 = settings.get("ipv6");
        boolean readIpv6 = ipv6 != null && ipv6.value().equals("yes");
        List<String> skipped = new ArrayList<>();
        Observed<List<UfwRule>> rules = readRules(host, readIpv6, skipped);
        return new UfwConfigFiles(enabled, incoming, rules, skipped);
    }

    private static void readSettings(Host host, String path, Map<String, Setting> settings) throws IOException {
        List<String> lines = host.readLines(path);
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if (!SETTING.matcher(line).find()) {
                continue;
            }
            String[] parts = line.strip().split("=", -1);
            String value = stripQuotes(parts[1].toLowerCase(Locale.ROOT));
            String key = parts[0].toLowerCase(Locale.ROOT);
            settings.put(key, new Setting(value, line.strip() + " (" + path + ":" + (index + 1) + ")"));
        }
    }

    private static Observed<Boolean> enabledAtBoot(Map<String, Setting> settings, Map<String, String> unreadable) {
        Setting enabled = settings.get("enabled");
        if (enabled != null) {
            return Observed.of(enabled.value().equals("yes"), enabled.source());
        }
        if (unreadable.containsKey(CONF)) {
            return Observed.missing(unreadable.get(CONF));
        }
        // ufw treats a missing ENABLED like ENABLED=no.
        return Observed.of(false, "no ENABLED line in " + CONF);
    }

    private static Observed<UfwPolicy> defaultIncoming(Map<String, Setting> settings, Map<String, String> unreadable) {
        Setting policy = settings.get("default_input_policy");
        if (policy == null) {
            if (unreadable.containsKey(DEFAULTS)) {
                return Observed.missing(unreadable.get(DEFAULTS));
            }
            return Observed.missing("DEFAULT_INPUT_POLICY is not set in " + DEFAULTS
                    + " in a form ufw reads (KEY=VALUE or KEY=\"VALUE\" at the start of a line), so ufw refuses to start");
        }
        try {
            return Observed.of(UfwPolicy.fromTarget(policy.value()), policy.source());
        } catch (IllegalArgumentException e) {
            return Observed.missing(policy.source() + ": " + e.getMessage());
        }
    }

    private static Observed<List<UfwRule>> readRules(Host host, boolean readIpv6, List<String> skipped) {
        UfwRulesFileParser parser = new UfwRulesFileParser();
        List<UfwRule> rules = new ArrayList<>();
        List<String> paths = readIpv6 ? List.of(RULES, RULES6) : List.of(RULES);
        for (String path : paths) {
            try {
                UfwRulesFile file = parser.parse(host.readLines(path), path.equals(RULES6));
                rules.addAll(file.rules());
                file.skipped().forEach(line -> skipped.add(path + " " + line));
            } catch (AccessDeniedException e) {
                return Observed.missing(describe(path, e) + " (ufw installs it readable by root only)");
            } catch (IOException e) {
                return Observed.missing(describe(path, e));
            }
        }
        return Observed.of(List.copyOf(rules), String.join(" and ", paths));
    }

    /** Strips leading and trailing quotes of either kind, as Python's {@code strip('"\'')} does. */
    private static String stripQuotes(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isQuote(value.charAt(start))) {
            start++;
        }
        while (end > start && isQuote(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    static String describe(String path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return path + " not found";
        }
        if (e instanceof AccessDeniedException) {
            return "cannot read " + path + ": permission denied";
        }
        return "cannot read " + path + ": " + e.getMessage();
    }

    private record Setting(String value, String source) {
    }
}
