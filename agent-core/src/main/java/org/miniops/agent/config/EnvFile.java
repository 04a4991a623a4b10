package org.miniops.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parser for {@code .env} files in the dotenv format that Docker Compose and systemd's
 * {@code EnvironmentFile} also read.
 *
 * <p>Accepted lines: {@code KEY=value}, {@code export KEY=value}, blank lines and {@code #}
 * comments. An unquoted value ends at a {@code #} that follows whitespace; single quotes keep
 * the text literally; double quotes allow {@code \"}, {@code \\}, {@code \n} and {@code \t}.
 * Anything else is rejected with the file, line number and the fix, never skipped silently.
 */
public final class EnvFile {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvFile() {
    }

    /** Reads and parses {@code file}; a later assignment of the same key wins, as in a shell. */
    public static Map<String, String> read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    static Map<String, String> parse(List<String> lines, String source) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String location = source + ":" + (i + 1);
            String line = stripBom(lines.get(i), i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring("export".length()).strip();
            }

            int equals = line.indexOf('=');
            if (equals < 0) {
                // The line is not echoed: it may be a secret with a typo in it.
                throw new ConfigException(location + ": expected KEY=value; write the setting as KEY=value"
                        + " or comment the line out with #");
            }
            String key = line.substring(0, equals).strip();
            if (!KEY.matcher(key).matches()) {
                // Not echoed either: a pasted base64 secret ends in '=' and would be printed as the key.
                throw new ConfigException(location + ": the text before '=' is not a valid key;"
                        + " keys contain letters, digits and underscores and do not start with a digit");
            }
            values.put(key, parseValue(line.substring(equals + 1).strip(), location, key));
        }
        return values;
    }

    private static String parseValue(String raw, String location, String key) {
        if (raw.startsWith("'")) {
            int end = raw.indexOf('\'', 1);
            requireClosed(end, location, key, "'");
            requireNothingAfter(raw.substring(end + 1), location, key);
            return raw.substring(1, end);
        }
        if (raw.startsWith("\"")) {
            StringBuilder value = new StringBuilder();
            int i = 1;
            for (; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i + 1 < raw.length()) {
                    char next = raw.charAt(++i);
                    switch (next) {
                        case 'n' -> value.append('\n');
                        case 't' -> value.append('\t');
                        default -> value.append(next);
                    }
                } else {
                    value.append(c);
                }
            }
            requireClosed(i < raw.length() ? i : -1, location, key, "\"");
            requireNothingAfter(raw.substring(i + 1), location, key);
            return value.toString();
        }
        return stripInlineComment(raw);
    }

    private static String stripInlineComment(String raw) {
        for (int i = 1; i < raw.length(); i++) {
            if (raw.charAt(i) == '#' && Character.isWhitespace(raw.charAt(i - 1))) {
                return raw.substring(0, i).strip();
            }
        }
        return raw.startsWith("#") ? "" : raw;
    }

    private static void requireClosed(int end, String location, String key, String quote) {
        if (end < 0) {
            throw new ConfigException(location + ": the value of " + key + " opens a " + quote
                    + " quote that is never closed; close it on the same line");
        }
    }

    private static void requireNothingAfter(String rest, String location, String key) {
        String trimmed = rest.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
            throw new ConfigException(location + ": unexpected text after the quoted value of " + key
                    + "; put comments after a space and #");
        }
    }

    private static String stripBom(String line, int index) {
        return index == 0 && line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
