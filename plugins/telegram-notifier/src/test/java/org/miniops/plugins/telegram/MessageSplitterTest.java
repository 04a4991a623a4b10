package org.miniops.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.miniops.plugins.telegram.HtmlLine.bold;
import static org.miniops.plugins.telegram.HtmlLine.plain;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

    @Test
    void shortMessageIsOneUnnumberedPart() {
        List<String> parts = MessageSplitter.split(List.of(line("hello"), line("world")));

        assertThat(parts).containsExactly("hello\nworld");
    }

    @Test
    void messageOfExactlyMaxLengthIsOnePart() {
        List<String> parts = MessageSplitter.split(List.of(line("x".repeat(MessageSplitter.MAX_LENGTH))));

        assertThat(parts).hasSize(1);
    }

    @Test
    void longMessageBreaksBetweenLines() {
        List<HtmlLine> lines = numberedLines(300, 40);

        List<String> parts = MessageSplitter.split(lines);

        assertThat(parts).hasSizeGreaterThan(1);
        assertAllFit(parts, MessageSplitter.MAX_LENGTH);
        assertThat(bodyLines(parts)).containsExactlyElementsOf(lines.stream().map(HtmlLine::html).toList());
    }

    @Test
    void partsAreNumberedInOrder() {
        List<String> parts = MessageSplitter.split(numberedLines(300, 40));

        for (int i = 0; i < parts.size(); i++) {
            assertThat(parts.get(i)).startsWith("(" + (i + 1) + "/" + parts.size() + ")\n");
        }
    }

    @Test
    void partsAreFilledBeforeBreaking() {
        List<String> parts = MessageSplitter.split(numberedLines(300, 40));

        for (String part : parts.subList(0, parts.size() - 1)) {
            assertThat(part.length()).isGreaterThan(MessageSplitter.MAX_LENGTH - 60);
        }
    }

    @Test
    void overlongLineBreaksAfterSpace() {
        String words = "word ".repeat(2000).strip();

        List<String> parts = MessageSplitter.split(List.of(line(words)));

        assertAllFit(parts, MessageSplitter.MAX_LENGTH);
        for (String body : bodies(parts).subList(0, parts.size() - 1)) {
            assertThat(body).endsWith("word ");
        }
        assertThat(String.join("", bodies(parts))).isEqualTo(words);
    }

    @Test
    void overlongLineWithoutSpacesBreaksAnywhere() {
        String path = "/var/lib/" + "a".repeat(9000);

        List<String> parts = MessageSplitter.split(List.of(line(path)));

        assertAllFit(parts, MessageSplitter.MAX_LENGTH);
        assertThat(String.join("", bodies(parts))).isEqualTo(path);
    }

    @Test
    void breakNeverCutsEntity() {
        String ampersands = "&<>".repeat(3000);

        List<String> parts = MessageSplitter.split(List.of(line(ampersands)));

        assertAllFit(parts, MessageSplitter.MAX_LENGTH);
        assertThat(parts).allSatisfy(part -> assertThat(TelegramHtmlParser.error(part)).isEmpty());
        assertThat(plainBodies(parts)).isEqualTo(ampersands);
    }

    @Test
    void breakInsideBoldReopensTag() {
        String title = "bold ".repeat(1500).strip();

        List<String> parts = MessageSplitter.split(List.of(HtmlLine.of(bold(title), plain(" tail"))));

        assertAllFit(parts, MessageSplitter.MAX_LENGTH);
        assertThat(parts).allSatisfy(part -> assertThat(TelegramHtmlParser.error(part)).isEmpty());
        assertThat(bodies(parts)).allSatisfy(body -> assertThat(body).startsWith("<b>"));
        assertThat(plainBodies(parts)).isEqualTo(title + " tail");
    }

    @Test
    void breakKeepsSurrogatePairsWhole() {
        String emoji = "x" + "🔴".repeat(3000);

        List<String> parts = MessageSplitter.split(List.of(line(emoji)));

        assertAllFit(parts, MessageSplitter.MAX_LENGTH);
        for (String body : bodies(parts)) {
            assertThat(Character.isHighSurrogate(body.charAt(body.length() - 1))).isFalse();
            assertThat(Character.isLowSurrogate(body.charAt(0))).isFalse();
        }
        assertThat(String.join("", bodies(parts))).isEqualTo(emoji);
    }

    @Test
    void numberingWidensPastNineParts() {
        List<HtmlLine> lines = numberedLines(200, 40);

        List<String> parts = MessageSplitter.split(lines, 300);

        assertThat(parts.size()).isGreaterThan(9);
        assertThat(parts.getFirst()).startsWith("(1/" + parts.size() + ")\n");
        assertAllFit(parts, 300);
        assertThat(bodyLines(parts)).containsExactlyElementsOf(lines.stream().map(HtmlLine::html).toList());
    }

    @Test
    void blankLinesAtPartEdgesAreDropped() {
        List<HtmlLine> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add(line("line " + i + " " + "y".repeat(40)));
            lines.add(HtmlLine.empty());
        }

        List<String> parts = MessageSplitter.split(lines);

        for (String body : bodies(parts)) {
            assertThat(body).doesNotStartWith("\n").doesNotEndWith("\n");
        }
    }

    private static HtmlLine line(String text) {
        return HtmlLine.of(plain(text));
    }

    private static List<HtmlLine> numberedLines(int count, int width) {
        List<HtmlLine> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(HtmlLine.of(bold(String.format("%04d", i)), plain(" " + "v".repeat(width) + " <&>")));
        }
        return lines;
    }

    private static void assertAllFit(List<String> parts, int maxLength) {
        assertThat(parts).allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(maxLength));
    }

    /** Parts without their "(i/n)" line. */
    private static List<String> bodies(List<String> parts) {
        return parts.stream().map(part -> part.substring(part.indexOf('\n') + 1)).toList();
    }

    private static List<String> bodyLines(List<String> parts) {
        return bodies(parts).stream().flatMap(String::lines).toList();
    }

    private static String plainBodies(List<String> parts) {
        return String.join("", bodies(parts).stream().map(TelegramHtmlParser::plainText).toList());
    }
}
