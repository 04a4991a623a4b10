package org.miniops.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.miniops.api.Alert;
import org.miniops.api.Severity;

class AlertTextTest {

    @Test
    void serverNameOpensMessage() {
        List<String> html = html(TestAlerts.passwordLoginFailed("a1"));

        assertThat(html.getFirst()).isEqualTo("🔴 prod_db");
        assertThat(html.get(1)).isEqualTo("<b>SSH password login changed to FAIL</b>");
    }

    @Test
    void fieldsKeepAlertOrder() {
        List<String> html = html(TestAlerts.passwordLoginFailed("a1"));

        assertThat(html).containsSubsequence("<b>Check:</b> SSH password login", "<b>Status:</b> FAIL",
                "<b>Previous status:</b> PASS", "<b>Summary:</b> Password login is open for every user",
                "<b>Evidence:</b>", "<b>Remediation:</b> Set `PasswordAuthentication no` in"
                        + " /etc/ssh/sshd_config.d/50-cloud-init.conf, then run: systemctl reload ssh");
    }

    @Test
    void multiLineValueGetsOneBulletPerLine() {
        List<String> html = html(alert(Map.of("Evidence", "first line\n\n  indented line  \r\nlast line\n")));

        assertThat(html).containsSubsequence("<b>Evidence:</b>", "• first line", "•   indented line", "• last line");
    }

    @Test
    void blankFieldsAreLeftOut() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Check", "SSH port");
        fields.put("Remediation", "  ");
        fields.put("Evidence", "\n\n");

        List<String> html = html(alert(fields));

        assertThat(html).contains("<b>Check:</b> SSH port");
        assertThat(html).noneMatch(line -> line.contains("Remediation") || line.contains("Evidence"));
    }

    @Test
    void timeIsShownInUtc() {
        List<String> html = html(TestAlerts.passwordLoginFailed("a1"));

        assertThat(html.getLast()).isEqualTo("<i>2026-05-04 09:15:02 UTC</i>");
    }

    @Test
    void severityChoosesMarker() {
        assertThat(AlertText.marker(Severity.CRITICAL)).isEqualTo("🔴");
        assertThat(AlertText.marker(Severity.WARNING)).isEqualTo("🟠");
        assertThat(AlertText.marker(Severity.INFO)).isEqualTo("🟢");
    }

    @Test
    void valuesAreEscaped() {
        List<String> html = html(new Alert("a1", "test", Severity.INFO, "Login by <root> & co",
                Map.of("Value", "<admin@example.org>"), "db<1>&2", TestAlerts.TIME));

        assertThat(html).contains("🟢 db&lt;1&gt;&amp;2", "<b>Login by &lt;root&gt; &amp; co</b>",
                "<b>Value:</b> &lt;admin@example.org&gt;");
    }

    @Test
    void lineBreaksInTitleBecomeSpaces() {
        List<String> html = html(new Alert("a1", "test", Severity.INFO, "first\nsecond", Map.of(), "prod_db",
                TestAlerts.TIME));

        assertThat(html.get(1)).isEqualTo("<b>first second</b>");
    }

    @Test
    void alertWithoutFieldsHasHeaderAndTime() {
        List<String> html = html(new Alert("a1", "test", Severity.INFO, "Test alert", Map.of(), "prod_db",
                Instant.parse("2026-01-02T03:04:05Z")));

        assertThat(html).containsExactly("🟢 prod_db", "<b>Test alert</b>", "", "<i>2026-01-02 03:04:05 UTC</i>");
    }

    @Test
    void controlCharactersAreReplaced() {
        List<String> html = html(alert(Map.of("Message", "bell\u0007 and escape\u001b[31m")));

        assertThat(html).contains("<b>Message:</b> bell\ufffd and escape\ufffd[31m");
    }

    private static Alert alert(Map<String, String> fields) {
        return TestAlerts.withFields("a1", fields);
    }

    private static List<String> html(Alert alert) {
        return AlertText.lines(alert).stream().map(HtmlLine::html).toList();
    }
}
