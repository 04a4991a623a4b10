package org.miniops.plugins.ssh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Settings printed by {@code sshd -T}: one {@code keyword value} line per setting, keywords in
 * lower case, repeated keywords such as {@code port} and {@code listenaddress} on several lines.
 *
 * @param values the values of each keyword in printed order, keyed by lower-case keyword
 */
record SshdTestOutput(Map<String, List<String>> values) {

    SshdTestOutput {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((keyword, list) -> copy.put(keyword, List.copyOf(list)));
        values = Collections.unmodifiableMap(copy);
    }

    /** Parses the standard output of {@code sshd -T}. */
    static SshdTestOutput parse(String stdout) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int space = trimmed.indexOf(' ');
            String keyword = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
            String value = space < 0 ? "" : trimmed.substring(space + 1).strip();
            values.computeIfAbsent(keyword, key -> new ArrayList<>()).add(value);
        }
        return new SshdTestOutput(values);
    }

    /** Returns the first value printed for {@code keyword}, matched without regard to case. */
    Optional<String> first(String keyword) {
        List<String> all = all(keyword);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Returns every value printed for {@code keyword}, matched without regard to case. */
    List<String> all(String keyword) {
        return values.getOrDefault(keyword.toLowerCase(Locale.ROOT), List.of());
    }
}
