package org.miniops.plugins.telegram;

import java.util.List;

/**
 * One line of a Telegram message: plain-text spans, each bold, italic or plain.
 *
 * <p>The line renders to HTML in which every tag it opens it also closes, so any sequence of lines,
 * and any piece of a line that {@link MessageSplitter} cuts, is valid HTML on its own.
 *
 * @param spans the text of the line, without line breaks
 */
record HtmlLine(List<Span> spans) {

    /** Text style of a span, with the Telegram HTML tags that express it. */
    enum Style {
        PLAIN("", ""),
        BOLD("<b>", "</b>"),
        ITALIC("<i>", "</i>");

        private final String open;
        private final String close;

        Style(String open, String close) {
            this.open = open;
            this.close = close;
        }

        /** Length of the opening and closing tag together. */
        int markupLength() {
            return open.length() + close.length();
        }
    }

    /** Plain text in one style. */
    record Span(String text, Style style) {

        String html() {
            return style.open + TelegramHtml.escape(text) + style.close;
        }
    }

    HtmlLine {
        spans = List.copyOf(spans);
    }

    static HtmlLine of(Span... spans) {
        return new HtmlLine(List.of(spans));
    }

    static HtmlLine empty() {
        return new HtmlLine(List.of());
    }

    static Span plain(String text) {
        return new Span(text, Style.PLAIN);
    }

    static Span bold(String text) {
        return new Span(text, Style.BOLD);
    }

    static Span italic(String text) {
        return new Span(text, Style.ITALIC);
    }

    boolean isBlank() {
        return spans.stream().allMatch(span -> span.text().isBlank());
    }

    /** Returns the line as Telegram HTML. */
    String html() {
        StringBuilder out = new StringBuilder();
        for (Span span : spans) {
            out.append(span.html());
        }
        return out.toString();
    }
}
