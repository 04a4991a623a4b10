package org.miniops.plugins.fail2ban;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One fail2ban configuration file, parsed with the rules of Python's {@code configparser} as
 * fail2ban configures it (Python 3, fail2ban 0.10 and later).
 *
 * <ul>
 *   <li>A section starts with {@code [name]}; {@code [DEFAULT]} (upper case only) contains values
 *       that every section inherits.</li>
 *   <li>An option is {@code name = value} or {@code name: value}; the first {@code =} or
 *       {@code :} ends the name, and names are case-insensitive (stored in lower case).</li>
 *   <li>A line indented deeper than its option line continues the value; blank lines inside a
 *       value are kept, trailing ones are dropped.</li>
 *   <li>A line whose first non-blank character is {@code #} or {@code ;} is a comment.
 *       Inside a line only {@code ;} after whitespace starts a comment, so
 *       {@code enabled = true # note} has the value {@code true # note}.</li>
 *   <li>A section twice in one file, an option twice in one section, an option before any
 *       section, or a line that is neither is an error that stops fail2ban.</li>
 * </ul>
 */
final class IniFile {

    static final String DEFAULT_SECTION = "DEFAULT";

    private final String path;
    private final Map<String, ConfigValue> defaults;
    private final Map<String, Map<String, ConfigValue>> sections;

    private IniFile(String path, Map<String, ConfigValue> defaults, Map<String, Map<String, ConfigValue>> sections) {
        this.path = path;
        this.defaults = defaults;
        this.sections = sections;
    }

    /** Host path the file was read from. */
    String path() {
        return path;
    }

    /** Options of the {@code [DEFAULT]} section, in file order. */
    Map<String, ConfigValue> defaults() {
        return Collections.unmodifiableMap(defaults);
    }

    /** Sections other than {@code [DEFAULT]}, in file order, each with its options in file order. */
    Map<String, Map<String, ConfigValue>> sections() {
        return Collections.unmodifiableMap(sections);
    }

    /**
     * Parses the lines of one file.
     *
     * @param path host path of the file, used in values' locations and in error messages
     * @throws Fail2BanConfigException if configparser would reject the file
     */
    static IniFile parse(String path, List<String> lines) throws Fail2BanConfigException {
        return new Reader(path).read(lines);
    }

    /** Parser state for one pass over a file. */
    private static final class Reader {
        private final String path;
        private final Map<String, List<String>> defaultLines = new LinkedHashMap<>();
        private final Map<String, Map<String, List<String>>> sectionLines = new LinkedHashMap<>();
        private final Map<String, Integer> optionLineNumbers = new LinkedHashMap<>();
        private final Set<String> sectionsSeen = new HashSet<>();
        private final Set<String> optionsSeen = new HashSet<>();
        private final List<String> badLines = new ArrayList<>();

        private Map<String, List<String>> currentSection;
        private String currentSectionName;
        private String currentOption;
        private int indentLevel;

        Reader(String path) {
            this.path = path;
        }

        IniFile read(List<String> lines) throws Fail2BanConfigException {
            int lineNumber = 0;
            for (String line : lines) {
                lineNumber++;
                readLine(line, lineNumber);
            }
            if (!badLines.isEmpty()) {
                throw new Fail2BanConfigException("Source contains parsing errors: '" + path + "'" + String.join("", badLines));
            }
            return new IniFile(path, join(DEFAULT_SECTION, defaultLines), joinSections());
        }

        private void readLine(String line, int lineNumber) throws Fail2BanConfigException {
            int commentStart = commentStart(line);
            String value = (commentStart < 0 ? line : line.substring(0, commentStart)).strip();
            if (value.isEmpty()) {
                // configparser keeps blank lines inside a value, but not lines that held only a comment.
                if (commentStart < 0 && currentSection != null && currentOption != null) {
                    currentSection.get(currentOption).add("");
                }
                return;
            }

            int indent = indentOf(line);
            if (currentSection != null && currentOption != null && indent > indentLevel) {
                currentSection.get(currentOption).add(value);
                return;
            }
            indentLevel = indent;

            String header = sectionHeader(value);
            if (header != null) {
                startSection(header, lineNumber);
                return;
            }
            if (currentSection == null) {
                throw new Fail2BanConfigException("File contains no section headers.\nfile: '" + path + "', line: "
                        + lineNumber + "\n'" + line + "'");
            }
            readOption(value, line, lineNumber);
        }

        private void startSection(String name, int lineNumber) throws Fail2BanConfigException {
            if (name.equals(DEFAULT_SECTION)) {
                currentSection = defaultLines;
            } else {
                if (sectionsSeen.contains(name)) {
                    throw new Fail2BanConfigException("While reading from '" + path + "' [line " + lineNumberText(lineNumber)
                            + "]: section '" + name + "' already exists");
                }
                sectionsSeen.add(name);
                currentSection = new LinkedHashMap<>();
                sectionLines.put(name, currentSection);
            }
            currentSectionName = name;
            currentOption = null;
        }

        private void readOption(String value, String line, int lineNumber) throws Fail2BanConfigException {
            int delimiter = firstDelimiter(value);
            if (delimiter < 0) {
                badLines.add("\n\t[line " + lineNumberText(lineNumber) + "]: '" + line + "'");
                return;
            }
            String name = value.substring(0, delimiter).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                badLines.add("\n\t[line " + lineNumberText(lineNumber) + "]: '" + line + "'");
            }
            String key = currentSectionName + "\u0000" + name;
            if (optionsSeen.contains(key)) {
                throw new Fail2BanConfigException("While reading from '" + path + "' [line " + lineNumberText(lineNumber)
                        + "]: option '" + name + "' in section '" + currentSectionName + "' already exists");
            }
            optionsSeen.add(key);
            List<String> valueLines = new ArrayList<>();
            valueLines.add(value.substring(delimiter + 1).strip());
            currentSection.put(name, valueLines);
            optionLineNumbers.put(key, lineNumber);
            currentOption = name;
        }

        private Map<String, Map<String, ConfigValue>> joinSections() {
            Map<String, Map<String, ConfigValue>> joined = new LinkedHashMap<>();
            sectionLines.forEach((name, options) -> joined.put(name, join(name, options)));
            return joined;
        }

        private Map<String, ConfigValue> join(String section, Map<String, List<String>> options) {
            Map<String, ConfigValue> joined = new LinkedHashMap<>();
            options.forEach((name, valueLines) -> joined.put(name, new ConfigValue(
                    String.join("\n", valueLines).stripTrailing(), path,
                    optionLineNumbers.get(section + "\u0000" + name))));
            return joined;
        }
    }

    /**
     * Returns where a comment starts in {@code line}, or -1: the whole line for a leading
     * {@code #} or {@code ;}, otherwise the first {@code ;} at the start or after whitespace.
     */
    static int commentStart(String line) {
        String stripped = line.strip();
        if (stripped.startsWith("#") || stripped.startsWith(";")) {
            return 0;
        }
        for (int i = line.indexOf(';'); i >= 0; i = line.indexOf(';', i + 1)) {
            if (i == 0 || Character.isWhitespace(line.charAt(i - 1))) {
                return i;
            }
        }
        return -1;
    }

    /** Formats a line number as configparser does in its messages, padded to two characters. */
    private static String lineNumberText(int lineNumber) {
        return String.format(Locale.ROOT, "%2d", lineNumber);
    }

    private static int indentOf(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return 0;
    }

    /** Returns the name in a {@code [name]} header, up to the last {@code ]} on the line, or null. */
    private static String sectionHeader(String value) {
        if (!value.startsWith("[")) {
            return null;
        }
        int end = value.lastIndexOf(']');
        return end >= 2 ? value.substring(1, end) : null;
    }

    private static int firstDelimiter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '=' || c == ':') {
                return i;
            }
        }
        return -1;
    }
}
