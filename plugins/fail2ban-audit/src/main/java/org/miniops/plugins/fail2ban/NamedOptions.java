package org.miniops.plugins.fail2ban;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Filter or action reference as a jail writes it: a name with optional parameters, such as
 * {@code iptables-multiport[port="ssh", protocol=tcp]} or {@code sshd[mode=aggressive]}.
 *
 * <p>Parameter values may be quoted with {@code "} or {@code '}; an unquoted value ends at a
 * comma or {@code ]}. Several groups may follow each other, {@code name[a=1][b=2]}, as fail2ban
 * 0.10 and later allow.
 *
 * @param name the filter or action name, the file name in {@code filter.d/} or {@code action.d/}
 *     without extension
 * @param options parameters in the order given
 */
record NamedOptions(String name, Map<String, String> options) {

    NamedOptions {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * Parses one reference.
     *
     * @throws IllegalArgumentException if the text is not {@code name} or {@code name[...]},
     *     with a message in fail2ban's words
     */
    static NamedOptions parse(String text) {
        int open = text.indexOf('[');
        if (open < 0) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("unexpected option syntax");
            }
            return new NamedOptions(text, Map.of());
        }
        int close = text.lastIndexOf(']');
        if (open == 0 || close < open || !text.substring(close + 1).isBlank()) {
            throw new IllegalArgumentException("unexpected option syntax");
        }
        return new NamedOptions(text.substring(0, open), parseParameters(text.substring(open + 1, close)));
    }

    /**
     * Splits an {@code action} value into its references: they are separated by whitespace or
     * new lines, except inside a {@code [...]} parameter list.
     */
    static List<String> split(String value) {
        List<String> references = new ArrayList<>();
        int i = 0;
        while (i < value.length()) {
            while (i < value.length() && Character.isWhitespace(value.charAt(i))) {
                i++;
            }
            if (i >= value.length()) {
                break;
            }
            int start = i;
            while (i < value.length() && !Character.isWhitespace(value.charAt(i)) && value.charAt(i) != '[') {
                i++;
            }
            int afterGroups = skipParameterGroups(value, i);
            if (afterGroups > 0) {
                i = afterGroups;
            } else if (i < value.length() && value.charAt(i) == '[') {
                // An unbalanced list: take the rest of the word, as fail2ban does, and let parse() reject it.
                while (i < value.length() && !Character.isWhitespace(value.charAt(i))) {
                    i++;
                }
            }
            references.add(value.substring(start, i).strip());
        }
        return references;
    }

    /** Returns the index after the {@code [...]} groups that start at or after {@code from} (past blanks), or -1. */
    private static int skipParameterGroups(String value, int from) {
        int end = -1;
        int i = from;
        while (true) {
            int open = i;
            while (open < value.length() && Character.isWhitespace(value.charAt(open))) {
                open++;
            }
            if (open >= value.length() || value.charAt(open) != '[') {
                return end;
            }
            int close = closingBracket(value, open);
            if (close < 0) {
                return end;
            }
            end = close + 1;
            i = end;
        }
    }

    /** Finds the {@code ]} that closes the list at {@code open}, skipping quoted values. */
    private static int closingBracket(String value, int open) {
        int i = open + 1;
        while (i < value.length()) {
            char c = value.charAt(i);
            if ((c == '"' || c == '\'') && value.charAt(i - 1) == '=') {
                int quoteEnd = value.indexOf(c, i + 1);
                if (quoteEnd < 0) {
                    return -1;
                }
                i = quoteEnd + 1;
                continue;
            }
            if (c == ']') {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static Map<String, String> parseParameters(String list) {
        Map<String, String> options = new LinkedHashMap<>();
        int i = 0;
        while (i < list.length()) {
            int keyStart = i;
            while (i < list.length() && Character.isWhitespace(list.charAt(i))) {
                i++;
            }
            int nameStart = i;
            while (i < list.length() && isKeyCharacter(list.charAt(i))) {
                i++;
            }
            if (i == nameStart || i >= list.length() || list.charAt(i) != '=') {
                if (list.substring(keyStart).replaceFirst("^,", "").isBlank()) {
                    break;
                }
                throw new IllegalArgumentException("expected option, wrong syntax at " + keyStart + ": "
                        + abbreviate(list.substring(keyStart)));
            }
            String key = list.substring(nameStart, i);
            i++;

            String parameterValue;
            char first = i < list.length() ? list.charAt(i) : '\0';
            int quoteEnd = first == '"' || first == '\'' ? list.indexOf(first, i + 1) : -1;
            if (quoteEnd > 0) {
                parameterValue = list.substring(i + 1, quoteEnd);
                i = quoteEnd + 1;
            } else {
                int valueStart = i;
                while (i < list.length() && list.charAt(i) != ',' && list.charAt(i) != ']') {
                    i++;
                }
                parameterValue = list.substring(valueStart, i);
            }
            options.put(key.strip(), parameterValue.strip());

            i = afterSeparator(list, i, key);
        }
        return options;
    }

    /** Skips the {@code ,} or {@code ][} after a value, or returns the end; anything else is an error. */
    private static int afterSeparator(String list, int i, String key) {
        if (i >= list.length()) {
            return i;
        }
        if (list.charAt(i) == ',') {
            return i + 1;
        }
        if (list.charAt(i) == ']') {
            int next = i + 1;
            while (next < list.length() && Character.isWhitespace(list.charAt(next))) {
                next++;
            }
            if (next < list.length() && list.charAt(next) == '[') {
                return next + 1;
            }
        }
        throw new IllegalArgumentException("unexpected syntax at " + i + " after option '" + key + "': "
                + abbreviate(list.substring(i)));
    }

    private static boolean isKeyCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    private static String abbreviate(String text) {
        return text.length() > 25 ? text.substring(0, 25) : text;
    }
}
