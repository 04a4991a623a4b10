package org.miniops.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.agent.alerts.RecordingNotifier.Attempt;
import org.miniops.agent.plugins.RegisteredNotifier;
import org.miniops.agent.store.Database;
import org.miniops.api.Alert;
import org.miniops.api.DeliveryException;
import org.miniops.api.Notifier;
import org.miniops.api.PluginSettings;
import org.miniops.api.Severity;

/**
 * Delivery through fake notifiers over a real outbox in SQLite. Back-off is shortened to 50 ms
 * doubling up to 200 ms so that retries finish within a test.
 */
class DeliveryServiceTest {

    private static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200));
    private static final Duration MAX_AGE = Duration.ofHours(24);
    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final String TEST_TITLE = "Test alert from Mini-Ops";
    private static final String CHAT_NOT_FOUND = "Telegram rejected the chat: Bad Request: chat not found; check TELEGRAM_CHAT_ID";

    @TempDir
    Path dir;

    private final OffsetClock clock = new OffsetClock();
    private Database database;
    private OutboxStore outbox;
    private DeliveryService delivery;

    @BeforeEach
    void openDatabase() {
        database = Database.open(dir);
        outbox = new OutboxStore(database);
    }

    @AfterEach
    void stopDelivery() {
        if (delivery != null) {
            delivery.close();
        }
        database.close();
    }

    @Test
    void acceptedAlertIsMarkedDelivered() {
        RecordingNotifier telegram = RecordingNotifier.accepting("telegram");
        start(telegram);
        Alert alert = alert("FAIL: Root login over SSH");

        delivery.enqueue(alert);

        assertThat(telegram.awaitAccepted(1, WAIT)).containsExactly("FAIL: Root login over SSH");
        Eventually.until(() -> stateOf(alert, "telegram").equals(OutboxStore.DELIVERED), WAIT);
        Eventually.until(() -> status("telegram").lastDeliveredAt().isPresent(), WAIT);
        assertThat(status("telegram").state()).isEqualTo("ok");
    }

    @Test
    void deliveredAlertIsNeverSentAgain() {
        RecordingNotifier telegram = RecordingNotifier.accepting("telegram");
        start(telegram);
        Alert first = alert("first");
        Alert second = alert("second");
        delivery.enqueue(first);
        delivery.enqueue(second);
        telegram.awaitAccepted(2, WAIT);
        Eventually.until(() -> stateOf(second, "telegram").equals(OutboxStore.DELIVERED), WAIT);

        restart(telegram);
        delivery.enqueue(alert("after restart"));

        assertThat(telegram.awaitAccepted(3, WAIT)).containsExactly("first", "second", "after restart");
        pause(Duration.ofMillis(200));
        assertThat(telegram.attempts()).hasSize(3);
    }

    @Test
    void pendingAlertsGoOutAfterRestart() {
        RecordingNotifier down = RecordingNotifier.alwaysFailing("telegram");
        start(down);
        delivery.enqueue(alert("first"));
        delivery.enqueue(alert("second"));
        down.awaitAttempts(2, WAIT);

        RecordingNotifier recovered = RecordingNotifier.accepting("telegram");
        restart(recovered);

        assertThat(recovered.awaitAccepted(2, WAIT)).containsExactly("first", "second");
        assertThat(down.acceptedTitles()).isEmpty();
    }

    @Test
    void alertsWrittenBeforeStartGoOut() {
        // As after a crash, the outbox contains deliveries that no worker has seen yet.
        outbox.enqueue(alert("queued before start"), List.of("telegram"));
        RecordingNotifier telegram = RecordingNotifier.accepting("telegram");

        start(telegram);

        assertThat(telegram.awaitAccepted(1, WAIT)).containsExactly("queued before start");
    }

    @Test
    void failingNotifierDeliversEachAlertOnceInOrder() {
        RecordingNotifier flaky = RecordingNotifier.failingFirst("telegram", 3);
        start(flaky);

        delivery.enqueue(alert("alert 1"));
        delivery.enqueue(alert("alert 2"));
        delivery.enqueue(alert("alert 3"));

        assertThat(flaky.awaitAccepted(3, WAIT)).containsExactly("alert 1", "alert 2", "alert 3");
        List<Attempt> attempts = flaky.attempts();
        assertThat(attempts).extracting(Attempt::title)
                .containsExactly("alert 1", "alert 1", "alert 1", "alert 1", "alert 2", "alert 3");
        assertThat(attempts.get(4).startedAt()).isAfterOrEqualTo(attempts.get(3).endedAt());
    }

    @Test
    void failedAttemptsAreCountedInOutbox() {
        RecordingNotifier flaky = RecordingNotifier.failingFirst("telegram", 2);
        start(flaky);
        Alert alert = alert("alert 1");

        delivery.enqueue(alert);
        flaky.awaitAccepted(1, WAIT);

        Eventually.until(() -> stateOf(alert, "telegram").equals(OutboxStore.DELIVERED), WAIT);
        OutboxStore.DeliveryState state = outbox.state(alert.id(), "telegram").orElseThrow();
        assertThat(state.attempts()).isEqualTo(2);
        assertThat(state.lastError()).isEqualTo("connection refused (attempt 2)");
    }

    @Test
    void retryAfterDelaysNextAttempt() {
        RecordingNotifier limited = RecordingNotifier.behaving("telegram", (alert, attempt) -> {
            if (attempt == 1) {
                // A 429 response that takes 300 ms to arrive, because the wait counts from the response.
                pause(Duration.ofMillis(300));
                throw DeliveryException.retryAfter("Too Many Requests: retry after 2", Duration.ofSeconds(2));
            }
        });
        start(limited);

        delivery.enqueue(alert("alert 1"));

        limited.awaitAccepted(1, Duration.ofSeconds(4));
        List<Attempt> attempts = limited.attempts();
        Duration waited = Duration.between(attempts.get(0).endedAt(), attempts.get(1).startedAt());
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterShorterThanBackoffKeepsBackoff() {
        Backoff slow = new Backoff(Duration.ofMillis(500), Duration.ofMillis(500));
        RecordingNotifier limited = RecordingNotifier.behaving("telegram", (alert, attempt) -> {
            if (attempt == 1) {
                throw DeliveryException.retryAfter("Too Many Requests: retry after 0", Duration.ZERO);
            }
        });
        delivery = new DeliveryService(outbox, List.of(limited.registered()), slow, MAX_AGE, clock).start();

        delivery.enqueue(alert("alert 1"));

        limited.awaitAccepted(1, WAIT);
        List<Attempt> attempts = limited.attempts();
        // 500 ms minus at most 20% jitter.
        assertThat(Duration.between(attempts.get(0).endedAt(), attempts.get(1).startedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void backoffGrowsUpToMax() {
        RecordingNotifier flaky = RecordingNotifier.failingFirst("telegram", 4);
        start(flaky);

        delivery.enqueue(alert("alert 1"));

        flaky.awaitAccepted(1, WAIT);
        List<Attempt> attempts = flaky.attempts();
        assertThat(attempts).hasSize(5);
        // Nominal delays 50, 100, 200 and 200 ms (capped), each minus at most 20% jitter.
        long[] minimum = {40, 80, 160, 160};
        for (int i = 0; i < minimum.length; i++) {
            Duration waited = Duration.between(attempts.get(i).endedAt(), attempts.get(i + 1).startedAt());
            assertThat(waited.toMillis()).as("wait after failure %d", i + 1).isGreaterThanOrEqualTo(minimum[i]);
            assertThat(waited).as("wait after failure %d", i + 1).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void failingNotifierDoesNotHoldUpOthers() {
        RecordingNotifier down = RecordingNotifier.alwaysFailing("email");
        RecordingNotifier telegram = RecordingNotifier.accepting("telegram");
        start(down, telegram);

        delivery.enqueue(alert("alert 1"));
        delivery.enqueue(alert("alert 2"));
        delivery.enqueue(alert("alert 3"));

        assertThat(telegram.awaitAccepted(3, WAIT)).containsExactly("alert 1", "alert 2", "alert 3");
        assertThat(down.attempts()).isNotEmpty().extracting(Attempt::title).containsOnly("alert 1");
        Eventually.until(() -> status("email").state().equals("failing"), WAIT);
        assertThat(status("email").lastError()).get().asString().startsWith("connection refused");
    }

    @Test
    void misconfiguredNotifierIsPaused() {
        RecordingNotifier rejected = RecordingNotifier.behaving("telegram", (alert, attempt) -> {
            throw DeliveryException.misconfigured(CHAT_NOT_FOUND);
        });
        start(rejected);
        Alert first = alert("alert 1");
        Alert second = alert("alert 2");

        delivery.enqueue(first);
        rejected.awaitAttempts(1, WAIT);
        delivery.enqueue(second);
        pause(Duration.ofSeconds(1));

        assertThat(rejected.attempts()).hasSize(1);
        assertThat(status("telegram").state()).isEqualTo("misconfigured");
        assertThat(status("telegram").misconfiguration()).contains(CHAT_NOT_FOUND);
        assertThat(stateOf(first, "telegram")).isEqualTo(OutboxStore.PENDING);
        assertThat(stateOf(second, "telegram")).isEqualTo(OutboxStore.PENDING);
    }

    @Test
    void sendTestResumesMisconfiguredNotifier() {
        RecordingNotifier rejected = RecordingNotifier.behaving("telegram", (alert, attempt) -> {
            throw DeliveryException.misconfigured(CHAT_NOT_FOUND);
        });
        start(rejected);
        delivery.enqueue(alert("alert 1"));
        Eventually.until(() -> status("telegram").misconfiguration().isPresent(), WAIT);
        // The operator added the bot to the chat, so Telegram accepts from now on.
        rejected.behave((alert, attempt) -> { });

        List<Map<String, Object>> results = delivery.sendTest("web1", WAIT);

        assertThat(results).hasSize(1);
        assertThat(results.getFirst()).containsEntry("notifier", "telegram").containsEntry("result", "delivered");
        Eventually.until(() -> status("telegram").state().equals("ok"), WAIT);
        assertThat(rejected.acceptedTitles()).containsExactly("alert 1", TEST_TITLE);
    }

    @Test
    void sendTestReportsMisconfiguration() {
        RecordingNotifier rejected = RecordingNotifier.behaving("telegram", (alert, attempt) -> {
            throw DeliveryException.misconfigured(CHAT_NOT_FOUND);
        });
        start(rejected);

        List<Map<String, Object>> results = delivery.sendTest("web1", WAIT);

        assertThat(results.getFirst()).containsEntry("result", "misconfigured").containsEntry("message", CHAT_NOT_FOUND);
    }

    @Test
    void sendTestReportsStillMisconfiguredPromptly() {
        RecordingNotifier rejected = RecordingNotifier.behaving("telegram", (alert, attempt) -> {
            throw DeliveryException.misconfigured(CHAT_NOT_FOUND);
        });
        start(rejected);
        delivery.enqueue(alert("alert 1"));
        Eventually.until(() -> status("telegram").misconfiguration().isPresent(), WAIT);

        long started = System.nanoTime();
        List<Map<String, Object>> results = delivery.sendTest("web1", Duration.ofSeconds(4));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        // The older alert goes first and is rejected again, so the result is known without trying the test alert.
        assertThat(results.getFirst()).containsEntry("result", "misconfigured").containsEntry("message", CHAT_NOT_FOUND);
        assertThat(millis).isLessThan(2_000);
        assertThat(rejected.attempts()).extracting(Attempt::title).containsExactly("alert 1", "alert 1");
    }

    @Test
    void sendTestReportsFailureAndKeepsAlertQueued() {
        RecordingNotifier down = RecordingNotifier.alwaysFailing("telegram");
        start(down);

        List<Map<String, Object>> results = delivery.sendTest("web1", WAIT);

        assertThat(results.getFirst()).containsEntry("result", "failed");
        assertThat((String) results.getFirst().get("message"))
                .contains("connection refused")
                .contains("stays queued and is retried");
    }

    @Test
    void sendTestReportsEachNotifier() {
        RecordingNotifier telegram = RecordingNotifier.accepting("telegram");
        RecordingNotifier email = RecordingNotifier.notConfigured("email");
        start(telegram, email);

        List<Map<String, Object>> results = delivery.sendTest("web1", WAIT);

        assertThat(results).extracting(result -> result.get("notifier")).containsExactly("telegram", "email");
        assertThat(results.get(0)).containsEntry("plugin", "telegram-plugin").containsEntry("result", "delivered");
        assertThat(results.get(1)).containsEntry("plugin", "email-plugin").containsEntry("result", "not_configured");
        assertThat(telegram.acceptedTitles()).containsExactly(TEST_TITLE);
    }

    @Test
    void testAlertNamesServer() {
        RecordingNotifier telegram = RecordingNotifier.accepting("telegram");
        start(telegram);

        delivery.sendTest("prod_db", WAIT);

        Alert sent = telegram.attempts().getFirst().alert();
        assertThat(sent.kind()).isEqualTo("test");
        assertThat(sent.hostName()).isEqualTo("prod_db");
        assertThat(sent.fields().get("Message")).contains("prod_db");
    }

    @Test
    void unconfiguredNotifierGetsNoDeliveries() {
        RecordingNotifier email = RecordingNotifier.notConfigured("email");
        start(email);
        Alert alert = alert("alert 1");

        delivery.enqueue(alert);
        pause(Duration.ofMillis(200));

        assertThat(delivery.configuredNotifierIds()).isEmpty();
        assertThat(outbox.state(alert.id(), "email")).isEmpty();
        assertThat(email.attempts()).isEmpty();
        assertThat(status("email").state()).isEqualTo("not_configured");
    }

    @Test
    void throwingIsConfiguredCountsAsUnconfigured() {
        RecordingNotifier broken = RecordingNotifier.accepting("telegram");
        Notifier throwing = new Notifier() {
            @Override
            public String id() {
                return "telegram";
            }

            @Override
            public boolean isConfigured(PluginSettings settings) {
                throw new IllegalStateException("TELEGRAM_CHAT_ID is not a number");
            }

            @Override
            public void deliver(Alert alert, PluginSettings settings) throws DeliveryException {
                broken.deliver(alert, settings);
            }
        };
        delivery = new DeliveryService(outbox, List.of(new RegisteredNotifier("telegram-plugin", throwing, PluginSettings.empty())),
                FAST, MAX_AGE, clock).start();

        assertThat(delivery.configuredNotifierIds()).isEmpty();
        assertThat(status("telegram").state()).isEqualTo("not_configured");
    }

    @Test
    void alertPastMaxAgeExpiresUnsent() {
        Alert alert = alert("alert 1");
        outbox.enqueue(alert, List.of("telegram"));
        clock.advance(MAX_AGE.plusMinutes(1));
        RecordingNotifier telegram = RecordingNotifier.accepting("telegram");

        try (LogRecords log = LogRecords.of(DeliveryService.class)) {
            start(telegram);
            Eventually.until(() -> stateOf(alert, "telegram").equals(OutboxStore.EXPIRED), WAIT);
            Eventually.until(() -> log.messages().stream().anyMatch(message -> message.contains(alert.id())), WAIT);

            assertThat(log.messages()).anySatisfy(message -> assertThat(message)
                    .contains(alert.id())
                    .contains("alert 1")
                    .contains("ALERT_MAX_AGE (1d)"));
        }
        assertThat(telegram.attempts()).isEmpty();
        assertThat(outbox.state(alert.id(), "telegram").orElseThrow().lastError()).isEqualTo("dropped after 1d without delivery");
    }

    @Test
    void alertThatKeepsFailingExpires() {
        RecordingNotifier down = RecordingNotifier.alwaysFailing("telegram");
        delivery = new DeliveryService(outbox, List.of(down.registered()), FAST, Duration.ofMinutes(30), clock).start();
        Alert alert = alert("alert 1");
        delivery.enqueue(alert);
        down.awaitAttempts(2, WAIT);

        clock.advance(Duration.ofMinutes(31));
        delivery.wakeAll();

        Eventually.until(() -> stateOf(alert, "telegram").equals(OutboxStore.EXPIRED), WAIT);
        int attempts = down.attempts().size();
        pause(Duration.ofMillis(300));
        assertThat(down.attempts()).hasSize(attempts);
        assertThat(outbox.state(alert.id(), "telegram").orElseThrow().lastError()).isEqualTo("dropped after 30m without delivery");
    }

    @Test
    void expiredAlertDoesNotBlockNextOne() {
        Alert old = alert("old");
        outbox.enqueue(old, List.of("telegram"));
        clock.advance(MAX_AGE.plusMinutes(1));
        RecordingNotifier telegram = RecordingNotifier.accepting("telegram");
        start(telegram);

        delivery.enqueue(alert("fresh"));

        assertThat(telegram.awaitAccepted(1, WAIT)).containsExactly("fresh");
        assertThat(stateOf(old, "telegram")).isEqualTo(OutboxStore.EXPIRED);
    }

    @Test
    void notifierThrowingRuntimeExceptionIsRetried() {
        RecordingNotifier buggy = RecordingNotifier.behaving("telegram", (alert, attempt) -> {
            if (attempt == 1) {
                throw new IllegalStateException("response had no 'ok' field");
            }
        });
        start(buggy);
        Alert alert = alert("alert 1");

        delivery.enqueue(alert);

        assertThat(buggy.awaitAccepted(1, WAIT)).containsExactly("alert 1");
        Eventually.until(() -> stateOf(alert, "telegram").equals(OutboxStore.DELIVERED), WAIT);
        assertThat(outbox.state(alert.id(), "telegram").orElseThrow().lastError())
                .isEqualTo("IllegalStateException: response had no 'ok' field");
    }

    @Test
    void notifierThrowingLinkageErrorIsRetried() {
        // A plugin jar that lacks one of its libraries fails like this on first use.
        RecordingNotifier broken = RecordingNotifier.behaving("telegram", (alert, attempt) -> {
            if (attempt == 1) {
                throw new NoClassDefFoundError("okhttp3/OkHttpClient");
            }
        });
        start(broken);

        delivery.enqueue(alert("alert 1"));

        assertThat(broken.awaitAccepted(1, WAIT)).containsExactly("alert 1");
    }

    @Test
    void closeLetsDeliveryInFlightFinish() {
        CountDownLatch sending = new CountDownLatch(1);
        RecordingNotifier slow = RecordingNotifier.behaving("telegram", (alert, attempt) -> {
            sending.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                // As an HTTP client does when its thread is interrupted mid-request.
                throw DeliveryException.retryable("interrupted while sending", e);
            }
        });
        start(slow);
        Alert alert = alert("alert 1");
        delivery.enqueue(alert);
        await(sending);

        delivery.close();
        delivery = null;

        // The notifier accepted the alert, so it must be recorded as delivered and never sent again.
        assertThat(slow.acceptedTitles()).containsExactly("alert 1");
        assertThat(stateOf(alert, "telegram")).isEqualTo(OutboxStore.DELIVERED);
    }

    private void start(RecordingNotifier... notifiers) {
        delivery = new DeliveryService(outbox, Arrays.stream(notifiers).map(RecordingNotifier::registered).toList(),
                FAST, MAX_AGE, clock).start();
    }

    /** Stops delivery and reopens the database, as a restart of the agent does. */
    private void restart(RecordingNotifier... notifiers) {
        delivery.close();
        database.close();
        database = Database.open(dir);
        outbox = new OutboxStore(database);
        start(notifiers);
    }

    private Alert alert(String title) {
        return new Alert(UUID.randomUUID().toString(), "audit.changed", Severity.CRITICAL, title, Map.of("Check", "ssh.root-login"),
                "web1", clock.instant());
    }

    private String stateOf(Alert alert, String notifierId) {
        return outbox.state(alert.id(), notifierId).map(OutboxStore.DeliveryState::state).orElse("missing");
    }

    private NotifierStatus status(String notifierId) {
        return delivery.statuses().stream().filter(status -> status.notifierId().equals(notifierId)).findFirst().orElseThrow();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("latch released").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
