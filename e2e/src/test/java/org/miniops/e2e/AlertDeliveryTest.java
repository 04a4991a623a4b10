package org.miniops.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged agent with the bundled Telegram notifier, against a mock Bot API. */
class AlertDeliveryTest {

    private static final String BOT_TOKEN = "123456789:AAE2e-test-token-value_0123456789abcd";
    private static final String CHAT_ID = "-1001234567890";

    /** Both settings fail on this fixture, so the first audit raises two FAIL alerts. */
    private static final String FAILING_SSHD = "PermitRootLogin yes\nPasswordAuthentication yes\nPort 2222\n";
    private static final String PASSING_SSHD = "PermitRootLogin no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPort 2222\n";

    @TempDir
    Path work;

    private MockBotApi telegram;
    private Path hostRoot;

    @BeforeEach
    void startMock() throws IOException {
        telegram = new MockBotApi();
        hostRoot = Files.createDirectories(work.resolve("root/etc/ssh"));
        hostRoot = work.resolve("root");
    }

    @AfterEach
    void stopMock() {
        telegram.close();
    }

    @Test
    void alertsArriveOnceInOrderAfterOutage() throws Exception {
        writeSshd(FAILING_SSHD);
        telegram.goDown();
        try (AgentProcess agent = agent(Map.of("SERVER_NAME", "prod_db <edge> & co")).start()) {
            awaitPending(agent, 2);

            telegram.throttleNext(3);
            telegram.comeBack();
            List<MockBotApi.Message> messages = telegram.awaitAccepted(2, Duration.ofSeconds(60));
            Thread.sleep(2000);

            assertThat(telegram.accepted()).hasSize(2);
            assertThat(messages.get(0).text()).contains("SSH password login");
            assertThat(messages.get(1).text()).contains("SSH root login");
            assertThat(messages.get(0).text()).contains("prod_db <edge> & co");
            assertThat(messages.get(0).chatId()).isEqualTo(CHAT_ID);
            assertThat(telegram.throttledAt()).hasSize(1);
            assertThat(Duration.between(telegram.throttledAt().get(0), messages.get(0).receivedAt()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            assertThat(agent.log()).doesNotContain(BOT_TOKEN.substring(BOT_TOKEN.indexOf(':') + 1));
        }
    }

    @Test
    void killedAgentDeliversPendingAlertsAfterRestart() throws Exception {
        writeSshd(FAILING_SSHD);
        telegram.goDown();
        AgentProcess first = agent(Map.of()).start();
        awaitPending(first, 2);
        first.kill();
        assertThat(telegram.accepted()).isEmpty();

        telegram.comeBack();
        try (AgentProcess second = agent(Map.of()).start()) {
            List<MockBotApi.Message> messages = telegram.awaitAccepted(2, Duration.ofSeconds(30));
            Thread.sleep(2000);

            assertThat(telegram.accepted()).hasSize(2);
            assertThat(messages.get(0).text()).contains("SSH password login");
            assertThat(messages.get(1).text()).contains("SSH root login");
            assertThat(second.get("/api/alerts?status=pending").body()).contains("\"alerts\":[]");
        }
    }

    @Test
    void passwordFlipRaisesOneFailAndOneResolved() throws Exception {
        writeSshd(PASSING_SSHD);
        try (AgentProcess agent = agent(Map.of("AUDIT_INTERVAL", "10s")).start()) {
            Thread.sleep(1500);
            assertThat(telegram.accepted()).isEmpty();

            writeSshd(PASSING_SSHD.replace("PasswordAuthentication no", "PasswordAuthentication yes"));
            telegram.awaitAccepted(1, Duration.ofSeconds(30));
            writeSshd(PASSING_SSHD);
            telegram.awaitAccepted(2, Duration.ofSeconds(30));
            // One more full interval: an unchanged state must not alert again.
            Thread.sleep(12_000);

            assertThat(telegram.containing("FAIL: SSH password login")).hasSize(1);
            assertThat(telegram.containing("Resolved: SSH password login")).hasSize(1);
            assertThat(telegram.accepted()).hasSize(2);
        }
    }

    private AgentProcess agent(Map<String, String> extra) throws IOException {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("HOST_ROOT", hostRoot.toString());
        settings.put("TELEGRAM_BOT_TOKEN", BOT_TOKEN);
        settings.put("TELEGRAM_CHAT_ID", CHAT_ID);
        settings.put("TELEGRAM_API_URL", telegram.url());
        settings.put("ALERT_RETRY_MAX", "2s");
        settings.putAll(extra);
        return AgentProcess.prepare(work, settings);
    }

    private void writeSshd(String content) throws IOException {
        Path file = hostRoot.resolve("etc/ssh/sshd_config");
        Path temporary = file.resolveSibling("sshd_config.tmp");
        Files.writeString(temporary, content);
        // Replace atomically so an audit never reads a half-written file.
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void awaitPending(AgentProcess agent, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String body = agent.get("/api/alerts?status=pending").body();
            if (body.split("\"alertId\"").length - 1 >= count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the agent did not queue " + count + " alerts within 30 s; log:\n" + agent.log());
    }
}
