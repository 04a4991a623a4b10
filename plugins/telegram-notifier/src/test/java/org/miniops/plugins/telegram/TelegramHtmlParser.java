package org.miniops.plugins.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-side model of how Telegram parses a message in HTML parse mode, independent of the code under test.
 *
 * <p>It is stricter than Telegram where Telegram is lenient: a bare {@code >} is an error here.
 * Error texts follow Telegram's "Bad Request: can't parse entities: ..." replies.
 */
final class TelegramHtmlParser {

    /** Tags the Bot API documents for HTML parse mode. */
    private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "a", "code", "pre", "tg-spoiler", "span", "blockquote", "tg-emoji");

    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});");

    private TelegramHtmlParser() {
    }

    /** Returns Telegram's error description for {@code html}, or empty when Telegram would accept it. */
    static Optional<String> error(String html) {
        Deque<String> open = new ArrayDeque<>();
        Matcher entity = ENTITY.matcher(html);
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                String inside = end < 0 ? html.substring(i + 1) : html.substring(i + 1, end);
                boolean closing = inside.startsWith("/");
                String name = (closing ? inside.substring(1) : inside).split("\\s", 2)[0].toLowerCase(Locale.ROOT);
                if (end < 0 || !TAGS.contains(name)) {
                    return fail("Unsupported start tag \"" + name + "\" at byte offset " + byteOffset(html, i));
                }
                if (closing) {
                    if (open.isEmpty() || !open.peek().equals(name)) {
                        return fail("Unmatched end tag at byte offset " + byteOffset(html, i) + ", expected \"</"
                                + open.peek() + ">\", found \"</" + name + ">\"");
                    }
                    open.pop();
                } else {
                    open.push(name);
                }
                i = end + 1;
            } else if (c == '&') {
                if (!entity.find(i) || entity.start() != i) {
                    return fail("Character entity expected at byte offset " + byteOffset(html, i));
                }
                i = entity.end();
            } else if (c == '>') {
                return fail("Unexpected end tag at byte offset " + byteOffset(html, i));
            } else {
                i++;
            }
        }
        if (!open.isEmpty()) {
            return fail("Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
        }
        return Optional.empty();
    }

    /** Returns the text a reader reads: tags removed and entities decoded. Call only on valid HTML. */
    static String plainText(String html) {
        String withoutTags = html.replaceAll("<[^>]*>", "");
        Matcher entity = ENTITY.matcher(withoutTags);
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            entity.appendReplacement(out, Matcher.quoteReplacement(decode(entity.group(1))));
        }
        entity.appendTail(out);
        return out.toString();
    }

    private static String decode(String name) {
        return switch (name) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            default -> Character.toString(name.startsWith("#x")
                    ? Integer.parseInt(name.substring(2), 16)
                    : Integer.parseInt(name.substring(1)));
        };
    }

    private static Optional<String> fail(String problem) {
        return Optional.of("Bad Request: can't parse entities: " + problem);
    }

    private static int byteOffset(String html, int index) {
        return html.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
    }
}
