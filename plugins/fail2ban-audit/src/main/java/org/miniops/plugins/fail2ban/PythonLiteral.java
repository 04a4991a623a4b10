package org.miniops.plugins.fail2ban;

import java.util.ArrayList;
import java.util.List;

/**
 * Parser for the Python literals {@code fail2ban-client -d} prints, one command per line, such as
 * {@code ['set', 'sshd', 'addlogpath', '/var/log/auth.log', 'head']}.
 *
 * <p>It reads what Python's {@code repr()} writes for the types in that dump: lists and tuples
 * (as {@link List}), strings in single or double quotes with backslash escapes (as
 * {@link String}), integers (as {@link Long}), floats (as {@link Double}), {@code True},
 * {@code False} and {@code None} (as {@link Boolean} and null).
 */
final class PythonLiteral {

    private final String text;
    private int position;

    private PythonLiteral(String text) {
        this.text = text;
    }

    /**
     * Parses one literal that fills the whole of {@code text}, surrounding blanks aside.
     *
     * @throws IllegalArgumentException if {@code text} is not such a literal; the message gives the position
     */
    static Object parse(String text) {
        PythonLiteral parser = new PythonLiteral(text);
        Object value = parser.value();
        parser.skipBlanks();
        if (parser.position != text.length()) {
            throw parser.error("unexpected text after the literal");
        }
        return value;
    }

    private Object value() {
        skipBlanks();
        if (position >= text.length()) {
            throw error("literal expected, found the end of the line");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '[' -> sequence(']');
            case '(' -> sequence(')');
            case '\'', '"' -> string(c);
            default -> word();
        };
    }

    private List<Object> sequence(char close) {
        position++;
        List<Object> items = new ArrayList<>();
        skipBlanks();
        if (peek() == close) {
            position++;
            return items;
        }
        while (true) {
            items.add(value());
            skipBlanks();
            char next = peek();
            position++;
            if (next == close) {
                return items;
            }
            if (next != ',') {
                throw error("',' or '" + close + "' expected");
            }
            skipBlanks();
            // Python writes a one-element tuple as (x,) and allows a trailing comma anywhere.
            if (peek() == close) {
                position++;
                return items;
            }
        }
    }

    private String string(char quote) {
        position++;
        StringBuilder value = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == quote) {
                return value.toString();
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (position >= text.length()) {
                break;
            }
            char escaped = text.charAt(position++);
            switch (escaped) {
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case 'r' -> value.append('\r');
                case 'a' -> value.append('\u0007');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'v' -> value.append('\u000b');
                case '0' -> value.append('\0');
                case 'x' -> value.appendCodePoint(hex(2));
                case 'u' -> value.appendCodePoint(hex(4));
                case 'U' -> value.appendCodePoint(hex(8));
                case '\\', '\'', '"' -> value.append(escaped);
                default -> value.append('\\').append(escaped);
            }
        }
        throw error("string not closed with " + quote);
    }

    private int hex(int digits) {
        if (position + digits > text.length()) {
            throw error("escape needs " + digits + " hex digits");
        }
        try {
            int codePoint = Integer.parseInt(text.substring(position, position + digits), 16);
            position += digits;
            return codePoint;
        } catch (NumberFormatException e) {
            throw error("escape needs " + digits + " hex digits");
        }
    }

    private Object word() {
        int start = position;
        while (position < text.length() && ",)] \t".indexOf(text.charAt(position)) < 0) {
            position++;
        }
        String word = text.substring(start, position);
        switch (word) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return null;
            default:
                break;
        }
        try {
            return Long.parseLong(word);
        } catch (NumberFormatException e) {
            // Not an integer; try a float next.
        }
        try {
            return Double.parseDouble(word);
        } catch (NumberFormatException e) {
            position = start;
            throw error("unsupported literal '" + word + "'");
        }
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipBlanks() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(problem + " at column " + (position + 1) + " of: " + text);
    }
}
