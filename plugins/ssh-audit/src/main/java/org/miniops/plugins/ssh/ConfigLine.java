package org.miniops.plugins.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One sshd_config directive split into its keyword and arguments, as OpenSSH 9.x splits it.
 *
 * <p>The rules follow {@code servconf.c} and {@code misc.c}: leading spaces, tabs and carriage
 * returns and trailing whitespace (including a CRLF's {@code \r}) are ignored; the keyword ends at
 * whitespace, a double quote or one {@code =} ({@code Keyword=value}, {@code Keyword = value});
 * arguments are split on spaces and tabs, may be quoted with {@code "} or {@code '}, and a
 * {@code #} at the start of an argument ends the line ({@code yes # note}), while one inside an
 * argument does not ({@code yes#note} is the argument {@code yes#note}).
 *
 * @param keyword the keyword as written, with any quotes removed
 * @param arguments the arguments after comment removal, unquoted and unescaped
 * @param rest the raw text after the keyword and its delimiter, which {@code Match} splits its own way
 */
record ConfigLine(String keyword, List<String> arguments, String rest) {

    /** Characters that end a keyword or word, as OpenSSH's {@code WHITESPACE} macro defines them. */
    private static final String WHITESPACE = " \t\r\n";

    ConfigLine {
        arguments = List.copyOf(arguments);
    }

    /**
     * Splits one line of a config file.
     *
     * @return the directive, or empty for a blank line, a comment, or a keyword with an
     *     unterminated quote (sshd skips such a line without an error)
     * @throws ConfigSyntaxException when sshd rejects the line: no argument after the keyword, or
     *     an unterminated quote in the arguments
     */
    static Optional<ConfigLine> parse(String text) throws ConfigSyntaxException {
        String line = stripTrailing(stripLeading(text));
        if (line.isEmpty()) {
            return Optional.empty();
        }

        Words words = new Words(line);
        String keyword = words.next();
        // A line that starts with '=' yields an empty first word; sshd then takes the next one.
        if (keyword != null && keyword.isEmpty()) {
            keyword = words.next();
        }
        if (keyword == null || keyword.isEmpty() || keyword.startsWith("#")) {
            return Optional.empty();
        }

        String rest = words.rest();
        if (rest == null || rest.isEmpty()) {
            throw new ConfigSyntaxException(keyword, "no argument after keyword \"" + keyword + "\"");
        }
        return Optional.of(new ConfigLine(keyword, splitArguments(keyword, rest), rest));
    }

    /**
     * Splits {@code text} into words the way OpenSSH's {@code strdelim()} does, which is how
     * {@code Match} reads its criteria: words end at whitespace or one {@code =}, and a double quote
     * removes itself and runs to the next double quote.
     */
    static List<String> splitWords(String text) {
        List<String> result = new ArrayList<>();
        Words words = new Words(text);
        String word;
        while ((word = words.next()) != null) {
            if (!word.isEmpty()) {
                result.add(word);
            }
        }
        return result;
    }

    /** Splits arguments like OpenSSH's {@code argv_split(..., terminate_on_comment=1)}. */
    private static List<String> splitArguments(String keyword, String text) throws ConfigSyntaxException {
        List<String> arguments = new ArrayList<>();
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }

            StringBuilder argument = new StringBuilder();
            char quote = 0;
            for (; i < length; i++) {
                c = text.charAt(i);
                char next = i + 1 < length ? text.charAt(i + 1) : 0;
                if (c == '\\' && isEscapable(next, quote)) {
                    argument.append(next);
                    i++;
                } else if (quote == 0 && (c == ' ' || c == '\t')) {
                    break;
                } else if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                } else {
                    argument.append(c);
                }
            }
            if (quote != 0) {
                throw new ConfigSyntaxException(keyword, "invalid quotes");
            }
            arguments.add(argument.toString());
        }
        return arguments;
    }

    private static boolean isEscapable(char next, char quote) {
        return next == '\'' || next == '"' || next == '\\' || (quote == 0 && next == ' ');
    }

    private static String stripLeading(String text) {
        int start = 0;
        while (start < text.length() && " \t\r".indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        return text.substring(start);
    }

    private static String stripTrailing(String text) {
        int end = text.length();
        while (end > 0 && " \t\r\n\f".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(0, end);
    }

    /** Cursor over a line that hands out words like OpenSSH's {@code strdelim()}. */
    private static final class Words {
        private final String text;
        private int position;
        private boolean exhausted;

        Words(String text) {
            this.text = text;
        }

        /** Returns the next word, an empty string between adjacent delimiters, or null at the end. */
        String next() {
            if (exhausted) {
                return null;
            }
            int start = position;
            int delimiter = indexOfDelimiter(start);
            if (delimiter < 0) {
                exhausted = true;
                return text.substring(start);
            }

            if (text.charAt(delimiter) == '"') {
                int closing = text.indexOf('"', delimiter + 1);
                if (closing < 0) {
                    exhausted = true;
                    return null;
                }
                position = skipWhitespace(closing + 1);
                return text.substring(start, delimiter) + text.substring(delimiter + 1, closing);
            }

            boolean equalsSign = text.charAt(delimiter) == '=';
            position = skipWhitespace(delimiter + 1);
            // Only one '=' may separate a keyword from its value: "Keyword = value" is fine, "Keyword==value" is not.
            if (!equalsSign && position < text.length() && text.charAt(position) == '=') {
                position = skipWhitespace(position + 1);
            }
            return text.substring(start, delimiter);
        }

        /** Returns the text after the last word handed out, or null when the line ended without a delimiter. */
        String rest() {
            return exhausted ? null : text.substring(position);
        }

        private int indexOfDelimiter(int from) {
            for (int i = from; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '=' || WHITESPACE.indexOf(c) >= 0) {
                    return i;
                }
            }
            return -1;
        }

        private int skipWhitespace(int from) {
            int i = from;
            while (i < text.length() && WHITESPACE.indexOf(text.charAt(i)) >= 0) {
                i++;
            }
            return i;
        }
    }
}
