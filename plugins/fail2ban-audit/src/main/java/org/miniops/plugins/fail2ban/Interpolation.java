package org.miniops.plugins.fail2ban;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expansion of {@code %(name)s} references in fail2ban option values, as Python's
 * {@code configparser.BasicInterpolation} does with fail2ban's additions.
 *
 * <ul>
 *   <li>{@code %(name)s} reads option {@code name} (without case) of the section being read,
 *       else of {@code [DEFAULT]}; a value read this way is expanded in turn, in the context of
 *       the section being read, at most 10 levels deep.</li>
 *   <li>{@code %%} is a literal {@code %}; any other {@code %} is an error.</li>
 *   <li>{@code %(__name__)s} is the name of the section being read.</li>
 *   <li>{@code %(known/name)s} reads the value that a later file replaced in this section,
 *       {@code %(default/name)s} reads {@code [DEFAULT]}, {@code %(other/name)s} reads section
 *       {@code other}; each falls back to {@code [DEFAULT]}.</li>
 * </ul>
 */
final class Interpolation {

    /** configparser's {@code MAX_INTERPOLATION_DEPTH}. */
    private static final int MAX_DEPTH = 10;

    private static final Pattern REFERENCE = Pattern.compile("%\\(([^)]+)\\)s");
    private static final Pattern SECTION_REFERENCE = Pattern.compile("%\\(([\\w\\-]+/([^)]+))\\)s", Pattern.UNICODE_CHARACTER_CLASS);

    private final Map<String, Map<String, ConfigValue>> sections;
    private final Map<String, ConfigValue> defaults;
    private final Map<String, Map<String, ConfigValue>> replaced;

    /**
     * Creates an interpolation over merged configuration values.
     *
     * @param sections options per section, names in lower case
     * @param defaults options of {@code [DEFAULT]}
     * @param replaced per section, the values that later files replaced
     */
    Interpolation(Map<String, Map<String, ConfigValue>> sections, Map<String, ConfigValue> defaults,
                  Map<String, Map<String, ConfigValue>> replaced) {
        this.sections = sections;
        this.defaults = defaults;
        this.replaced = replaced;
    }

    /** Option being expanded, with its raw value, for error messages. */
    private record Target(String section, String option, String rawValue) {
    }

    /**
     * Expands {@code rawValue}, the value of {@code option} in {@code section}.
     *
     * @param names values that resolve before the section's own options
     * @throws Fail2BanConfigException if a reference is malformed, names an option that does not
     *     exist, or nests deeper than configparser allows; the message follows configparser's
     */
    String interpolate(String section, String option, String rawValue, Map<String, String> names)
            throws Fail2BanConfigException {
        StringBuilder result = new StringBuilder();
        expand(new Target(section, option, rawValue), result, rawValue, new HashMap<>(names), 1);
        return result.toString();
    }

    private void expand(Target target, StringBuilder result, String rest, Map<String, String> extras, int depth)
            throws Fail2BanConfigException {
        if (depth > MAX_DEPTH) {
            throw new Fail2BanConfigException("Recursion limit exceeded in value substitution: option '" + target.option()
                    + "' in section '" + target.section() + "' contains an interpolation key which cannot be substituted in "
                    + MAX_DEPTH + " steps. Raw value: '" + target.rawValue() + "'");
        }
        Map<String, String> names = new HashMap<>(extras);
        names.put("__name__", target.section());
        mapSectionReferences(target.section(), rest, names);

        while (!rest.isEmpty()) {
            int percent = rest.indexOf('%');
            if (percent < 0) {
                result.append(rest);
                return;
            }
            result.append(rest, 0, percent);
            rest = rest.substring(percent);

            char next = rest.length() > 1 ? rest.charAt(1) : '\0';
            if (next == '%') {
                result.append('%');
                rest = rest.substring(2);
                continue;
            }
            if (next != '(') {
                throw new Fail2BanConfigException("'%' must be followed by '%' or '(', found: '" + rest + "' (option '"
                        + target.option() + "' in section '" + target.section() + "')");
            }
            Matcher reference = REFERENCE.matcher(rest);
            if (!reference.lookingAt()) {
                throw new Fail2BanConfigException("bad interpolation variable reference '" + rest + "' (option '"
                        + target.option() + "' in section '" + target.section() + "')");
            }

            String name = reference.group(1).toLowerCase(Locale.ROOT);
            rest = rest.substring(reference.end());
            String value = lookup(target.section(), name, names);
            if (value == null) {
                throw new Fail2BanConfigException("Bad value substitution: option '" + target.option() + "' in section '"
                        + target.section() + "' contains an interpolation key '" + name
                        + "' which is not a valid option name. Raw value: '" + target.rawValue() + "'");
            }
            if (value.indexOf('%') >= 0) {
                expand(target, result, value, names, depth + 1);
            } else {
                result.append(value);
            }
        }
    }

    private String lookup(String section, String name, Map<String, String> names) {
        if (names.containsKey(name)) {
            return names.get(name);
        }
        Map<String, ConfigValue> values = sections.get(section);
        if (values != null && values.containsKey(name)) {
            return values.get(name).text();
        }
        ConfigValue fallback = defaults.get(name);
        return fallback == null ? null : fallback.text();
    }

    /**
     * Makes the {@code %(prefix/option)s} references in {@code text} resolvable by adding their
     * values to {@code names}. A reference that nothing resolves is left for the caller to reject.
     */
    private void mapSectionReferences(String section, String text, Map<String, String> names) {
        if (text.indexOf('/') < 0 || !text.contains("%(")) {
            return;
        }
        Matcher reference = SECTION_REFERENCE.matcher(text);
        while (reference.find()) {
            String qualified = reference.group(1);
            String option = reference.group(2);
            if (lookup(section, qualified, names) != null) {
                continue;
            }
            String prefix = qualified.substring(0, qualified.length() - option.length() - 1);
            String prefixLower = prefix.toLowerCase(Locale.ROOT);
            ConfigValue value = null;
            if (prefixLower.equals("known")) {
                value = replaced.getOrDefault(section, Map.of()).get(option);
            } else if (!prefixLower.equals("default")) {
                Map<String, ConfigValue> other = sections.get(prefix);
                if (other == null) {
                    continue;
                }
                value = other.get(option);
            }
            if (value == null) {
                value = defaults.get(option);
            }
            if (value != null) {
                names.put(qualified, value.text());
            }
        }
    }
}
