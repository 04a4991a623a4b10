package org.miniops.plugins.telegram;

/**
 * Escaping of plain text for Telegram's HTML parse mode.
 *
 * <p>Telegram requires every {@code <}, {@code >} and {@code &} that does not start a tag or an entity
 * to be written as {@code &lt;}, {@code &gt;} and {@code &amp;}, and rejects the whole message with
 * "can't parse entities" otherwise. Quotes stay as they are because the plugin writes no tag
 * attributes. Escaping works one UTF-16 code unit at a time, so cutting text between code units never
 * cuts an entity.
 */
final class TelegramHtml {

    private TelegramHtml() {
    }

    /** Returns {@code text} escaped for HTML parse mode, with control characters replaced. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            out.append(escape(text.charAt(i)));
        }
        return out.toString();
    }

    /** Returns the escaped form of one code unit. */
    static String escape(char c) {
        return switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            // Line breaks belong to the message layout, and other control characters from a log or a
            // terminal would show as garbage or be rejected, so they become U+FFFD.
            default -> c == '\t' || (c >= 0x20 && c != 0x7f) ? String.valueOf(c) : "\ufffd";
        };
    }

    /** Returns the length of {@code text} once escaped, in UTF-16 code units. */
    static int escapedLength(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            length += escape(text.charAt(i)).length();
        }
        return length;
    }
}
