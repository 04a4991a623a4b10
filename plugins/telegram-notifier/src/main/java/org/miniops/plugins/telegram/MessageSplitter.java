package org.miniops.plugins.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Splitting of a message into parts that Telegram accepts, each numbered like "(1/3)".
 *
 * <p>Telegram rejects a text longer than 4096 characters, counted in UTF-16 code units after entity
 * parsing. The splitter counts the HTML with its tags and entities, which is never less, so a part
 * it makes always fits. Parts break between lines. A single line longer than a part breaks at its
 * last space that fits, or else between two characters, and never inside an entity, a tag or a
 * surrogate pair. Each part is valid HTML on its own because every {@link HtmlLine} piece closes
 * the tags it opens.
 */
final class MessageSplitter {

    /** Telegram's limit for the text of one message. */
    static final int MAX_LENGTH = 4096;

    private MessageSplitter() {
    }

    /** Returns the parts of the message made of {@code lines}; one unnumbered part when it fits. */
    static List<String> split(List<HtmlLine> lines) {
        return split(lines, MAX_LENGTH);
    }

    /** Returns the parts of the message made of {@code lines}, each at most {@code maxLength} long. */
    static List<String> split(List<HtmlLine> lines, int maxLength) {
        String whole = join(lines);
        if (whole.length() <= maxLength) {
            return List.of(whole);
        }

        // The room left for text depends on how many digits the part count has, so try one digit
        // first and widen the numbering until the count fits it.
        for (int digits = 1; ; digits++) {
            int widest = (int) Math.pow(10, digits) - 1;
            int bodyLimit = maxLength - numbering(widest, widest).length();
            List<List<HtmlLine>> parts = pack(pieces(lines, bodyLimit), bodyLimit);
            if (parts.size() <= widest) {
                return numbered(parts);
            }
        }
    }

    private static List<HtmlLine> pieces(List<HtmlLine> lines, int limit) {
        List<HtmlLine> pieces = new ArrayList<>();
        for (HtmlLine line : lines) {
            if (line.html().length() <= limit) {
                pieces.add(line);
            } else {
                pieces.addAll(breakLine(line, limit));
            }
        }
        return pieces;
    }

    /** Cuts one overlong line into pieces of at most {@code limit}, closing and reopening styles at each cut. */
    private static List<HtmlLine> breakLine(HtmlLine line, int limit) {
        List<HtmlLine> pieces = new ArrayList<>();
        List<HtmlLine.Span> current = new ArrayList<>();
        int used = 0;

        for (HtmlLine.Span span : line.spans()) {
            String rest = span.text();
            while (!rest.isEmpty()) {
                int room = limit - used - span.style().markupLength();
                int cut = cutPoint(rest, room);
                if (cut == 0 && current.isEmpty()) {
                    // Only a limit far below Telegram's could leave no room for one character.
                    throw new IllegalArgumentException("A message part of " + limit + " characters cannot hold any text");
                }
                if (cut > 0) {
                    HtmlLine.Span piece = new HtmlLine.Span(rest.substring(0, cut), span.style());
                    current.add(piece);
                    used += piece.html().length();
                    rest = rest.substring(cut);
                }
                if (!rest.isEmpty()) {
                    pieces.add(new HtmlLine(current));
                    current = new ArrayList<>();
                    used = 0;
                }
            }
        }

        if (!current.isEmpty()) {
            pieces.add(new HtmlLine(current));
        }
        return pieces;
    }

    /**
     * Returns how many code units of {@code text} fit into {@code room} once escaped: all of them,
     * or up to the last whitespace in the second half of what fits, or else as many as fit
     * without separating a surrogate pair.
     */
    private static int cutPoint(String text, int room) {
        int fits = 0;
        int length = 0;
        while (fits < text.length()) {
            int next = length + TelegramHtml.escape(text.charAt(fits)).length();
            if (next > room) {
                break;
            }
            length = next;
            fits++;
        }
        if (fits == text.length()) {
            return fits;
        }
        if (fits > 0 && Character.isHighSurrogate(text.charAt(fits - 1))) {
            fits--;
        }

        for (int end = fits; end > fits / 2; end--) {
            if (Character.isWhitespace(text.charAt(end - 1))) {
                return end;
            }
        }
        return fits;
    }

    /** Packs pieces greedily into parts of at most {@code limit}, dropping blank lines at part edges. */
    private static List<List<HtmlLine>> pack(List<HtmlLine> pieces, int limit) {
        List<List<HtmlLine>> parts = new ArrayList<>();
        List<HtmlLine> current = new ArrayList<>();
        int used = 0;

        for (HtmlLine piece : pieces) {
            int length = piece.html().length();
            if (!current.isEmpty() && used + 1 + length > limit) {
                addTrimmed(parts, current);
                current = new ArrayList<>();
                used = 0;
            }
            used += current.isEmpty() ? length : 1 + length;
            current.add(piece);
        }

        addTrimmed(parts, current);
        return parts;
    }

    private static void addTrimmed(List<List<HtmlLine>> parts, List<HtmlLine> part) {
        int start = 0;
        int end = part.size();
        while (start < end && part.get(start).isBlank()) {
            start++;
        }
        while (end > start && part.get(end - 1).isBlank()) {
            end--;
        }
        if (start < end) {
            parts.add(List.copyOf(part.subList(start, end)));
        }
    }

    private static List<String> numbered(List<List<HtmlLine>> parts) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            texts.add(numbering(i + 1, parts.size()) + join(parts.get(i)));
        }
        return texts;
    }

    private static String numbering(int part, int count) {
        return "(" + part + "/" + count + ")\n";
    }

    private static String join(List<HtmlLine> lines) {
        List<String> html = new ArrayList<>();
        for (HtmlLine line : lines) {
            html.add(line.html());
        }
        return String.join("\n", html);
    }
}
