package org.miniops.plugins.fail2ban;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parser for the tree that {@code fail2ban-client status} and {@code status JAIL} print.
 *
 * <p>Each line is {@code KEY:<TAB>VALUE} behind tree characters ({@code |-}, {@code `-},
 * {@code |}). fail2ban 0.9 wrote two tabs after {@code Jail list:}, 1.x writes one; the jail
 * list is comma-separated, banned addresses are space-separated, and 0.8 called the banned list
 * {@code IP list}. Keys are compared without case.
 */
final class StatusParser {

    private StatusParser() {
    }

    /**
     * Returns the jail names from {@code fail2ban-client status}, in the order printed.
     *
     * @throws IllegalArgumentException if the output has no {@code Jail list:} line
     */
    static List<String> jailNames(String output) {
        Map<String, String> fields = fields(output);
        String list = fields.get("jail list");
        if (list == null) {
            throw new IllegalArgumentException("no 'Jail list:' line in the output of fail2ban-client status: "
                    + abbreviate(output));
        }
        return words(list);
    }

    /**
     * Returns the counters from {@code fail2ban-client status JAIL}.
     *
     * @throws IllegalArgumentException if the output has none of the counters
     */
    static JailStatus jail(String name, String output) {
        Map<String, String> fields = fields(output);
        if (!fields.containsKey("currently banned") && !fields.containsKey("currently failed")) {
            throw new IllegalArgumentException("no jail counters in the output of fail2ban-client status " + name + ": "
                    + abbreviate(output));
        }
        String banned = fields.containsKey("banned ip list") ? fields.get("banned ip list") : fields.getOrDefault("ip list", "");
        return new JailStatus(name,
                counter(fields, "currently failed"), counter(fields, "total failed"),
                counter(fields, "currently banned"), counter(fields, "total banned"),
                words(banned), words(fields.getOrDefault("file list", "")));
    }

    /** Maps each {@code KEY: VALUE} line's key, in lower case and without tree characters, to its value. */
    private static Map<String, String> fields(String output) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String entry = withoutTree(line);
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = entry.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            fields.putIfAbsent(key, entry.substring(colon + 1).strip());
        }
        return fields;
    }

    private static String withoutTree(String line) {
        int i = 0;
        while (i < line.length() && "|`- \t".indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        return line.substring(i);
    }

    private static int counter(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            return -1;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<String> words(String value) {
        List<String> words = new ArrayList<>();
        for (String word : value.split("[,\\s]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static String abbreviate(String output) {
        String flat = output.strip().replace('\n', ' ');
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }
}
