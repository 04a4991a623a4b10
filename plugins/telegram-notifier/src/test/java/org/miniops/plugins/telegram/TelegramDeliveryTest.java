package org.miniops.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.miniops.api.Alert;
import org.miniops.api.DeliveryException;

class TelegramDeliveryTest {

    static final BotApiClient.Timeouts SHORT = new BotApiClient.Timeouts(
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3));

    private FakeBotApi telegram;
    private TelegramNotifier notifier;

    @BeforeEach
    void startTelegram() throws IOException {
        telegram = new FakeBotApi();
        notifier = new TelegramNotifier(SHORT);
    }

    @AfterEach
    void stopTelegram() {
        telegram.close();
    }

    @Test
    void notifierIdIsTelegram() {
        assertThat(notifier.id()).isEqualTo("telegram");
    }

    @Test
    void requestPostsHtmlWithoutPreview() throws Exception {
        notifier.deliver(TestAlerts.passwordLoginFailed("a1"), telegram.settings());

        RecordedRequest request = telegram.server().takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/bot" + FakeBotApi.TOKEN + "/sendMessage");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        Map<String, Object> body = Json.parseObject(telegram.requestBodies().getFirst());
        assertThat(body.get("chat_id")).hasToString("-1001234567890");
        assertThat(body.get("parse_mode")).isEqualTo("HTML");
        assertThat(body.get("disable_web_page_preview")).isEqualTo(Boolean.TRUE);
    }

    @Test
    void channelUsernameIsSentAsString() throws Exception {
        telegram.addChat("@miniops_alerts");

        notifier.deliver(TestAlerts.passwordLoginFailed("a1"), telegram.settings("@miniops_alerts"));

        assertThat(Json.parseObject(telegram.requestBodies().getFirst()).get("chat_id")).isEqualTo("@miniops_alerts");
        assertThat(telegram.accepted()).extracting(FakeBotApi.Message::chatId).containsExactly("@miniops_alerts");
    }

    @Test
    void auditAlertArrivesAsReadableText() throws Exception {
        notifier.deliver(TestAlerts.passwordLoginFailed("a1"), telegram.settings());

        assertThat(telegram.accepted()).hasSize(1);
        assertThat(telegram.accepted().getFirst().text()).isEqualTo("""
                🔴 prod_db
                SSH password login changed to FAIL

                Check: SSH password login
                Status: FAIL
                Previous status: PASS
                Summary: Password login is open for every user
                Evidence:
                • PasswordAuthentication yes (/etc/ssh/sshd_config.d/50-cloud-init.conf:1)
                • KbdInteractiveAuthentication no (/etc/ssh/sshd_config:62)
                Remediation: Set `PasswordAuthentication no` in /etc/ssh/sshd_config.d/50-cloud-init.conf, then run: systemctl reload ssh

                2026-05-04 09:15:02 UTC""");
    }

    @Test
    void specialCharactersArriveLiterally() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("User", "deploy_bot");
        fields.put("Path", "/etc/ssh/sshd_config.d/50-cloud-init.conf");
        fields.put("Value", "<admin@example.org>");
        fields.put("Summary", "a & b < c > d &amp; <b>not bold</b> \"quoted\" 'single'");
        fields.put("Pattern", "*_underscored_* `code` [link](http://x)");

        notifier.deliver(TestAlerts.withFields("a1", fields), telegram.settings());

        assertThat(telegram.accepted()).hasSize(1);
        String text = telegram.accepted().getFirst().text();
        assertThat(text).contains("🟢 prod_db");
        assertThat(text).contains("User: deploy_bot");
        assertThat(text).contains("Path: /etc/ssh/sshd_config.d/50-cloud-init.conf");
        assertThat(text).contains("Value: <admin@example.org>");
        assertThat(text).contains("Summary: a & b < c > d &amp; <b>not bold</b> \"quoted\" 'single'");
        assertThat(text).contains("Pattern: *_underscored_* `code` [link](http://x)");
    }

    @Test
    void fakeRejectsUnescapedHtml() throws Exception {
        TelegramSettings settings = TelegramSettings.read(telegram.settings());

        BotApiReply reply = new BotApiClient(SHORT).sendMessage(settings, FakeBotApi.CHAT_ID,
                "<b>prod_db</b> mail from <admin@example.org>");

        assertThat(reply.isAccepted()).isFalse();
        assertThat(reply.httpStatus()).isEqualTo(400);
        assertThat(reply.description()).isEqualTo(
                "Bad Request: can't parse entities: Unsupported start tag \"admin@example.org\" at byte offset 25");
    }

    @Test
    void fakeRejectsBareAmpersand() throws Exception {
        TelegramSettings settings = TelegramSettings.read(telegram.settings());

        BotApiReply reply = new BotApiClient(SHORT).sendMessage(settings, FakeBotApi.CHAT_ID, "R&D server");

        assertThat(reply.httpStatus()).isEqualTo(400);
        assertThat(reply.description()).startsWith("Bad Request: can't parse entities");
    }

    @Test
    void longAlertArrivesInNumberedPartsInOrder() throws Exception {
        Alert alert = TestAlerts.withLongEvidence("a1", 200);

        notifier.deliver(alert, telegram.settings());

        List<FakeBotApi.Message> parts = telegram.accepted();
        assertThat(parts).hasSizeGreaterThan(1);
        for (int i = 0; i < parts.size(); i++) {
            assertThat(parts.get(i).text()).startsWith("(" + (i + 1) + "/" + parts.size() + ")\n");
            assertThat(parts.get(i).html().length()).isLessThanOrEqualTo(MessageSplitter.MAX_LENGTH);
        }
        assertThat(evidenceLines(parts)).hasSize(200);
        assertThat(evidenceLines(parts)).isSorted();
    }

    @Test
    void retryResumesAtFailedPart() throws Exception {
        Alert alert = TestAlerts.withLongEvidence("a1", 200);
        telegram.respondTo(2, FakeBotApi.error(502, "Bad Gateway", ""));

        assertThatThrownBy(() -> notifier.deliver(alert, telegram.settings())).isInstanceOf(DeliveryException.class);
        notifier.deliver(alert, telegram.settings());

        List<FakeBotApi.Message> parts = telegram.accepted();
        int count = parts.size();
        assertThat(parts).extracting(part -> part.text().lines().findFirst().orElseThrow())
                .containsExactlyElementsOf(numbering(count));
        assertThat(evidenceLines(parts)).hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void redeliveredAlertIsSentAgain() throws Exception {
        Alert alert = TestAlerts.withLongEvidence("a1", 200);
        notifier.deliver(alert, telegram.settings());
        int parts = telegram.accepted().size();

        notifier.deliver(alert, telegram.settings());

        assertThat(telegram.accepted()).hasSize(2 * parts);
    }

    @Test
    void serverErrorsThenSuccessDeliverOnce() throws Exception {
        telegram.respondToNext(2, FakeBotApi.error(500, "Internal Server Error", ""));
        Alert alert = TestAlerts.passwordLoginFailed("a1");

        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThatThrownBy(() -> notifier.deliver(alert, telegram.settings()))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isMisconfigured()).isFalse());
        }
        notifier.deliver(alert, telegram.settings());

        assertThat(telegram.accepted()).hasSize(1);
        assertThat(telegram.requestCount()).isEqualTo(3);
    }

    @Test
    void outageDeliversEachAlertOnceInOrder() throws Exception {
        telegram.respondToNext(2, new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        telegram.respondToNext(2, FakeBotApi.error(503, "Service Unavailable", ""));
        telegram.respondToNext(1, FakeBotApi.error(429, "Too Many Requests: retry after 1",
                ",\"parameters\":{\"retry_after\":1}"));
        List<Alert> outbox = List.of(TestAlerts.passwordLoginFailed("a1"), TestAlerts.withLongEvidence("a2", 200),
                TestAlerts.passwordLoginFailed("a3"));

        // Delivers like an outbox: each alert in turn, retried until Telegram accepts it.
        int failures = 0;
        for (Alert alert : outbox) {
            while (true) {
                try {
                    notifier.deliver(alert, telegram.settings());
                    break;
                } catch (DeliveryException e) {
                    assertThat(e.isMisconfigured()).isFalse();
                    failures++;
                }
            }
        }

        assertThat(failures).isEqualTo(5);
        List<String> firstLines = telegram.accepted().stream()
                .map(message -> message.text().lines().findFirst().orElseThrow())
                .toList();
        int parts = firstLines.size() - 2;
        List<String> expected = new ArrayList<>();
        expected.add("🔴 prod_db");
        expected.addAll(numbering(parts));
        expected.add("🔴 prod_db");
        assertThat(firstLines).containsExactlyElementsOf(expected);
        assertThat(evidenceLines(telegram.accepted())).hasSize(200).isSorted();
    }

    @Test
    void migratedGroupReceivesAlertAtOnce() throws Exception {
        telegram.migrate("-987654321", "-1009876543210");

        notifier.deliver(TestAlerts.passwordLoginFailed("a1"), telegram.settings("-987654321"));

        assertThat(telegram.accepted()).extracting(FakeBotApi.Message::chatId).containsExactly("-1009876543210");
        assertThat(telegram.requestCount()).isEqualTo(2);
    }

    @Test
    void migratedGroupIdIsKeptForLaterAlerts() throws Exception {
        telegram.migrate("-987654321", "-1009876543210");
        notifier.deliver(TestAlerts.passwordLoginFailed("a1"), telegram.settings("-987654321"));

        notifier.deliver(TestAlerts.passwordLoginFailed("a2"), telegram.settings("-987654321"));

        assertThat(telegram.accepted()).extracting(FakeBotApi.Message::chatId)
                .containsExactly("-1009876543210", "-1009876543210");
        assertThat(telegram.requestCount()).isEqualTo(3);
    }

    @Test
    void migrationWarnsOnceToUpdateChatId() throws Exception {
        telegram.migrate("-987654321", "-1009876543210");

        try (LogCapture logs = new LogCapture()) {
            notifier.deliver(TestAlerts.passwordLoginFailed("a1"), telegram.settings("-987654321"));
            notifier.deliver(TestAlerts.passwordLoginFailed("a2"), telegram.settings("-987654321"));

            assertThat(logs.messages()).containsExactly("Telegram reports that TELEGRAM_CHAT_ID -987654321 was migrated"
                    + " to supergroup -1009876543210, so alerts go to -1009876543210 until the agent restarts."
                    + " Update TELEGRAM_CHAT_ID to -1009876543210.");
        }
        assertThat(notifier.chatMigrationWarning()).get().asString().contains("Update TELEGRAM_CHAT_ID to -1009876543210");
    }

    @Test
    void noMigrationMeansNoWarning() throws Exception {
        notifier.deliver(TestAlerts.passwordLoginFailed("a1"), telegram.settings());

        assertThat(notifier.chatMigrationWarning()).isEmpty();
    }

    private static List<String> evidenceLines(List<FakeBotApi.Message> parts) {
        List<String> lines = new ArrayList<>();
        for (FakeBotApi.Message part : parts) {
            part.text().lines().filter(line -> line.startsWith("• evidence line")).forEach(lines::add);
        }
        return lines;
    }

    private static List<String> numbering(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            lines.add("(" + i + "/" + count + ")");
        }
        return lines;
    }
}
