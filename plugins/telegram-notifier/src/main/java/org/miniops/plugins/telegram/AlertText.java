package org.miniops.plugins.telegram;

import static org.miniops.plugins.telegram.HtmlLine.bold;
import static org.miniops.plugins.telegram.HtmlLine.italic;
import static org.miniops.plugins.telegram.HtmlLine.plain;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.miniops.api.Alert;
import org.miniops.api.Severity;

/**
 * Layout of an alert as a Telegram message.
 *
 * <pre>
 * 🔴 prod_db
 * <b>SSH password login changed to FAIL</b>
 *
 * <b>Check:</b> SSH password login
 * <b>Status:</b> FAIL
 * <b>Evidence:</b>
 * • PasswordAuthentication yes (/etc/ssh/sshd_config.d/50-cloud-init.conf:1)
 *
 * <i>2026-05-04 09:15:02 UTC</i>
 * </pre>
 *
 * <p>The server name comes first because Telegram's notification preview shows the first line, and
 * one chat often serves several servers. Fields keep the alert's order. A field with a blank value
 * is left out, and a multi-line value gets one bullet per non-blank line.
 */
final class AlertText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AlertText() {
    }

    /** Returns the lines of the message for {@code alert}. */
    static List<HtmlLine> lines(Alert alert) {
        List<HtmlLine> lines = new ArrayList<>();
        lines.add(HtmlLine.of(plain(marker(alert.severity()) + " " + oneLine(alert.hostName()))));
        String title = oneLine(alert.title());
        if (!title.isEmpty()) {
            lines.add(HtmlLine.of(bold(title)));
        }

        List<HtmlLine> fields = fieldLines(alert.fields());
        if (!fields.isEmpty()) {
            lines.add(HtmlLine.empty());
            lines.addAll(fields);
        }

        lines.add(HtmlLine.empty());
        lines.add(HtmlLine.of(italic(TIME.format(alert.time()))));
        return lines;
    }

    /** Returns the colour marker for {@code severity}; the title states what happened in words. */
    static String marker(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "🔴";
            case WARNING -> "🟠";
            case INFO -> "🟢";
        };
    }

    private static List<HtmlLine> fieldLines(Map<String, String> fields) {
        List<HtmlLine> lines = new ArrayList<>();
        fields.forEach((name, value) -> {
            List<String> valueLines = value == null
                    ? List.of()
                    : value.lines().map(String::stripTrailing).filter(line -> !line.isBlank()).toList();
            String label = oneLine(name) + ":";
            if (valueLines.size() == 1) {
                lines.add(HtmlLine.of(bold(label), plain(" " + valueLines.getFirst().strip())));
            } else if (valueLines.size() > 1) {
                lines.add(HtmlLine.of(bold(label)));
                valueLines.forEach(line -> lines.add(HtmlLine.of(plain("• " + line))));
            }
        });
        return lines;
    }

    /** Joins the lines of a value meant for one line, such as a title, with spaces. */
    private static String oneLine(String text) {
        return String.join(" ", text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList());
    }
}
