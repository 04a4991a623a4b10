package org.miniops.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.agent.store.Database;
import org.miniops.api.Alert;
import org.miniops.api.Severity;

/** The outbox on a real SQLite file. */
class OutboxStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private Database database;
    private OutboxStore outbox;

    @BeforeEach
    void openDatabase() {
        database = Database.open(dir);
        outbox = new OutboxStore(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void oldestPendingFollowsWriteOrder() {
        Alert first = alert("first", T0.plusSeconds(60));
        Alert second = alert("second", T0);
        outbox.enqueue(first, List.of("telegram"));
        outbox.enqueue(second, List.of("telegram"));

        // Write order wins over the alerts' own times, so a late-written old event waits its turn.
        assertThat(outbox.oldestPending("telegram")).get().extracting(delivery -> delivery.alert().title()).isEqualTo("first");
    }

    @Test
    void pendingDeliveryCarriesWholeAlert() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Check", "ssh.password-auth");
        fields.put("Evidence", "PasswordAuthentication yes (/etc/ssh/sshd_config.d/50-cloud-init.conf:1)");
        fields.put("Contact", "<admin@example.org> & co");
        Alert alert = new Alert(UUID.randomUUID().toString(), "audit.changed", Severity.CRITICAL,
                "FAIL: Password authentication", fields, "prod_db", T0);
        outbox.enqueue(alert, List.of("telegram"));

        OutboxStore.PendingDelivery delivery = outbox.oldestPending("telegram").orElseThrow();

        assertThat(delivery.alert()).isEqualTo(alert);
        assertThat(delivery.alert().fields().keySet()).containsExactly("Check", "Evidence", "Contact");
        assertThat(delivery.attempts()).isZero();
        assertThat(delivery.nextAttemptAt()).isEqualTo(T0);
    }

    @Test
    void eachNotifierHasItsOwnDelivery() {
        Alert alert = alert("FAIL: Root login", T0);
        outbox.enqueue(alert, List.of("telegram", "email"));

        outbox.markDelivered(alert.id(), "telegram", T0.plusSeconds(1));

        assertThat(outbox.oldestPending("telegram")).isEmpty();
        assertThat(outbox.oldestPending("email")).get().extracting(delivery -> delivery.alert().id()).isEqualTo(alert.id());
    }

    @Test
    void deliveredAlertIsNoLongerPending() {
        Alert first = alert("first", T0);
        Alert second = alert("second", T0);
        outbox.enqueue(first, List.of("telegram"));
        outbox.enqueue(second, List.of("telegram"));

        outbox.markDelivered(first.id(), "telegram", T0.plusSeconds(1));

        assertThat(outbox.state(first.id(), "telegram")).get().extracting(OutboxStore.DeliveryState::state)
                .isEqualTo(OutboxStore.DELIVERED);
        assertThat(outbox.oldestPending("telegram")).get().extracting(delivery -> delivery.alert().title()).isEqualTo("second");
    }

    @Test
    void deliveredAlertCannotBecomeExpired() {
        Alert alert = alert("first", T0);
        outbox.enqueue(alert, List.of("telegram"));
        outbox.markDelivered(alert.id(), "telegram", T0.plusSeconds(1));

        outbox.markExpired(alert.id(), "telegram", T0.plusSeconds(2), "too old");
        outbox.recordFailure(alert.id(), "telegram", "late failure", T0.plusSeconds(3));

        OutboxStore.DeliveryState state = outbox.state(alert.id(), "telegram").orElseThrow();
        assertThat(state.state()).isEqualTo(OutboxStore.DELIVERED);
        assertThat(state.attempts()).isZero();
        assertThat(state.lastError()).isNull();
    }

    @Test
    void failureCountsAttemptAndDelaysNext() {
        Alert alert = alert("first", T0);
        outbox.enqueue(alert, List.of("telegram"));

        outbox.recordFailure(alert.id(), "telegram", "HTTP 502 Bad Gateway", T0.plusSeconds(4));
        outbox.recordFailure(alert.id(), "telegram", "connection refused", T0.plusSeconds(8));

        OutboxStore.PendingDelivery delivery = outbox.oldestPending("telegram").orElseThrow();
        assertThat(delivery.attempts()).isEqualTo(2);
        assertThat(delivery.nextAttemptAt()).isEqualTo(T0.plusSeconds(8));
        assertThat(outbox.state(alert.id(), "telegram").orElseThrow().lastError()).isEqualTo("connection refused");
    }

    @Test
    void nextAttemptIsRoundedUpToMillisecond() {
        Alert alert = alert("first", T0);
        outbox.enqueue(alert, List.of("telegram"));

        outbox.recordFailure(alert.id(), "telegram", "Too Many Requests: retry after 2", T0.plusSeconds(2).plusNanos(1));

        assertThat(outbox.oldestPending("telegram").orElseThrow().nextAttemptAt()).isEqualTo(T0.plusMillis(2001));
    }

    @Test
    void expiredAlertKeepsReason() {
        Alert alert = alert("first", T0);
        outbox.enqueue(alert, List.of("telegram"));

        outbox.markExpired(alert.id(), "telegram", T0.plusSeconds(90_000), "dropped after 24h without delivery");

        OutboxStore.DeliveryState state = outbox.state(alert.id(), "telegram").orElseThrow();
        assertThat(state.state()).isEqualTo(OutboxStore.EXPIRED);
        assertThat(state.lastError()).isEqualTo("dropped after 24h without delivery");
        assertThat(outbox.oldestPending("telegram")).isEmpty();
    }

    @Test
    void listFiltersByDeliveryState() {
        Alert delivered = alert("delivered", T0);
        Alert retrying = alert("retrying", T0);
        Alert waiting = alert("waiting", T0);
        Alert expired = alert("expired", T0);
        for (Alert alert : List.of(delivered, retrying, waiting, expired)) {
            outbox.enqueue(alert, List.of("telegram"));
        }
        outbox.markDelivered(delivered.id(), "telegram", T0.plusSeconds(1));
        outbox.recordFailure(retrying.id(), "telegram", "HTTP 502 Bad Gateway", T0.plusSeconds(5));
        outbox.markExpired(expired.id(), "telegram", T0.plusSeconds(90_000), "dropped after 24h without delivery");

        assertThat(titles(outbox.list("pending", 100))).containsExactly("waiting", "retrying");
        assertThat(titles(outbox.list("failed", 100))).containsExactly("expired", "retrying");
        assertThat(titles(outbox.list("delivered", 100))).containsExactly("delivered");
        assertThat(titles(outbox.list("all", 100))).containsExactly("expired", "waiting", "retrying", "delivered");
    }

    @Test
    void listShowsDeliveryDetails() {
        Alert alert = alert("retrying", T0);
        outbox.enqueue(alert, List.of("telegram"));
        outbox.recordFailure(alert.id(), "telegram", "HTTP 502 Bad Gateway", T0.plusSeconds(5));

        Map<String, Object> row = outbox.list("failed", 100).getFirst();

        assertThat(row).containsEntry("alertId", alert.id())
                .containsEntry("kind", "test")
                .containsEntry("severity", "INFO")
                .containsEntry("createdAt", "2026-03-01T10:00:00Z")
                .containsEntry("notifier", "telegram")
                .containsEntry("state", "pending")
                .containsEntry("attempts", 1)
                .containsEntry("nextAttemptAt", "2026-03-01T10:00:05Z")
                .containsEntry("lastError", "HTTP 502 Bad Gateway")
                .containsEntry("finishedAt", null);
    }

    @Test
    void listRespectsLimitNewestFirst() {
        for (int i = 1; i <= 5; i++) {
            outbox.enqueue(alert("alert " + i, T0), List.of("telegram"));
        }

        assertThat(titles(outbox.list("all", 2))).containsExactly("alert 5", "alert 4");
    }

    @Test
    void alertWithoutNotifierIsListedUnderAll() {
        Alert alert = alert("nobody listens", T0);
        outbox.enqueue(alert, List.of());

        List<Map<String, Object>> all = outbox.list("all", 100);

        assertThat(all).hasSize(1);
        assertThat(all.getFirst()).containsEntry("title", "nobody listens").containsEntry("state", "no_notifier");
        assertThat(outbox.list("pending", 100)).isEmpty();
    }

    @Test
    void pendingDeliveriesSurviveReopen() {
        Alert alert = alert("queued before restart", T0);
        outbox.enqueue(alert, List.of("telegram"));
        database.close();

        database = Database.open(dir);
        outbox = new OutboxStore(database);

        assertThat(outbox.oldestPending("telegram")).get().extracting(delivery -> delivery.alert().id()).isEqualTo(alert.id());
    }

    @Test
    void stateOfUnknownDeliveryIsEmpty() {
        Alert alert = alert("first", T0);
        outbox.enqueue(alert, List.of("telegram"));

        assertThat(outbox.state(alert.id(), "email")).isEmpty();
        assertThat(outbox.state("no-such-alert", "telegram")).isEmpty();
    }

    private static Alert alert(String title, Instant time) {
        return new Alert(UUID.randomUUID().toString(), "test", Severity.INFO, title, Map.of("Message", title), "web1", time);
    }

    private static List<Object> titles(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> row.get("title")).toList();
    }
}
