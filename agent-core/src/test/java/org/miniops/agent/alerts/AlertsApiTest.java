package org.miniops.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.agent.json.Json;
import org.miniops.agent.plugins.RegisteredNotifier;
import org.miniops.api.Alert;
import org.miniops.api.DeliveryException;
import org.miniops.api.Severity;

/** {@code GET /api/alerts} and {@code POST /api/alerts/test} on a running agent with fake notifiers. */
class AlertsApiTest {

    private static final Duration WAIT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private StatefulAgent agent;

    @AfterEach
    void stopAgent() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void alertsAreListedByDeliveryState() throws IOException {
        RecordingNotifier telegram = RecordingNotifier.accepting("telegram");
        RecordingNotifier email = RecordingNotifier.alwaysFailing("email");
        agent = StatefulAgent.start(dir, registered(telegram, email));
        Alert alert = alert("FAIL: Root login over SSH");
        agent.delivery().enqueue(alert);
        telegram.awaitAccepted(1, WAIT);
        email.awaitAttempts(1, WAIT);
        Eventually.until(() -> rows("delivered").size() == 1, WAIT);
        Eventually.until(() -> rows("failed").size() == 1, WAIT);

        assertThat(notifiers("delivered")).containsExactly("telegram");
        assertThat(notifiers("failed")).containsExactly("email");
        assertThat(notifiers("pending")).containsExactly("email");
        assertThat(notifiers("all")).containsExactly("email", "telegram");
    }

    @Test
    void failedAlertShowsAttemptsAndError() throws IOException {
        RecordingNotifier email = RecordingNotifier.alwaysFailing("email");
        agent = StatefulAgent.start(dir, registered(email));
        Alert alert = alert("FAIL: Root login over SSH");
        agent.delivery().enqueue(alert);
        Eventually.until(() -> rows("failed").size() == 1, WAIT);

        JsonNode row = rows("failed").getFirst();

        assertThat(row.path("alertId").asText()).isEqualTo(alert.id());
        assertThat(row.path("title").asText()).isEqualTo("FAIL: Root login over SSH");
        assertThat(row.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(row.path("state").asText()).isEqualTo("pending");
        assertThat(row.path("attempts").asInt()).isPositive();
        assertThat(row.path("lastError").asText()).startsWith("connection refused");
        assertThat(Instant.parse(row.path("nextAttemptAt").asText())).isAfter(alert.time());
    }

    @Test
    void listWithoutStatusShowsAll() throws IOException {
        agent = StatefulAgent.start(dir, List.of());
        agent.delivery().enqueue(alert("stored without notifier"));

        HttpResponse<String> response = agent.get("/api/alerts");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("all");
        assertThat(body.path("alerts").get(0).path("state").asText()).isEqualTo("no_notifier");
    }

    @Test
    void unknownStatusFilterGets400() throws IOException {
        agent = StatefulAgent.start(dir, List.of());

        HttpResponse<String> response = agent.get("/api/alerts?status=sent");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo("invalid_request");
        assertThat(body.path("message").asText()).contains("'sent'").contains("pending, failed, delivered or all");
    }

    @Test
    void invalidLimitGets400() throws IOException {
        agent = StatefulAgent.start(dir, List.of());

        for (String limit : List.of("0", "abc", "1001", "-1")) {
            HttpResponse<String> response = agent.get("/api/alerts?status=all&limit=" + limit);

            assertThat(response.statusCode()).as("limit=%s", limit).isEqualTo(400);
            assertThat(Json.mapper().readTree(response.body()).path("message").asText())
                    .as("limit=%s", limit).contains("limit '" + limit + "'");
        }
    }

    @Test
    void limitCapsRows() throws IOException {
        agent = StatefulAgent.start(dir, List.of());
        for (int i = 1; i <= 3; i++) {
            agent.delivery().enqueue(alert("alert " + i));
        }

        HttpResponse<String> response = agent.get("/api/alerts?limit=2");

        JsonNode alerts = Json.mapper().readTree(response.body()).path("alerts");
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).path("title").asText()).isEqualTo("alert 3");
    }

    @Test
    void testAlertReturnsResultPerNotifier() throws IOException {
        RecordingNotifier telegram = RecordingNotifier.accepting("telegram");
        RecordingNotifier chat = RecordingNotifier.behaving("ops-chat", (alert, attempt) -> {
            throw DeliveryException.misconfigured("Bad Request: chat not found; check OPS_CHAT_ID");
        });
        RecordingNotifier email = RecordingNotifier.notConfigured("email");
        agent = StatefulAgent.start(dir, registered(telegram, chat, email));

        HttpResponse<String> response = agent.post("/api/alerts/test");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = Json.mapper().readTree(response.body()).path("notifiers");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).path("notifier").asText()).isEqualTo("telegram");
        assertThat(results.get(0).path("result").asText()).isEqualTo("delivered");
        assertThat(results.get(1).path("notifier").asText()).isEqualTo("ops-chat");
        assertThat(results.get(1).path("result").asText()).isEqualTo("misconfigured");
        assertThat(results.get(1).path("message").asText()).isEqualTo("Bad Request: chat not found; check OPS_CHAT_ID");
        assertThat(results.get(2).path("notifier").asText()).isEqualTo("email");
        assertThat(results.get(2).path("result").asText()).isEqualTo("not_configured");
        assertThat(telegram.acceptedTitles()).containsExactly("Test alert from Mini-Ops");
    }

    @Test
    void testAlertIsListedInOutbox() throws IOException {
        RecordingNotifier telegram = RecordingNotifier.accepting("telegram");
        agent = StatefulAgent.start(dir, registered(telegram));

        agent.post("/api/alerts/test");

        JsonNode row = rows("delivered").getFirst();
        assertThat(row.path("kind").asText()).isEqualTo("test");
        assertThat(row.path("title").asText()).isEqualTo("Test alert from Mini-Ops");
    }

    @Test
    void testAlertWithoutNotifiersSaysSo() throws IOException {
        agent = StatefulAgent.start(dir, List.of());

        HttpResponse<String> response = agent.post("/api/alerts/test");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.path("notifiers")).isEmpty();
        assertThat(body.path("message").asText()).contains("No notifier plugin is installed");
    }

    @Test
    void testAlertExplainsMissingConfiguration() throws IOException {
        agent = StatefulAgent.start(dir, registered(RecordingNotifier.notConfigured("telegram")));

        HttpResponse<String> response = agent.post("/api/alerts/test");

        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.path("notifiers").get(0).path("result").asText()).isEqualTo("not_configured");
        assertThat(body.path("message").asText()).contains("No notifier is configured").contains("TELEGRAM_BOT_TOKEN");
    }

    @Test
    void fourthTestAlertWithinMinuteGets429() throws IOException {
        RecordingNotifier telegram = RecordingNotifier.accepting("telegram");
        agent = StatefulAgent.start(dir, registered(telegram));
        for (int i = 1; i <= 3; i++) {
            assertThat(agent.post("/api/alerts/test").statusCode()).as("test alert %d", i).isEqualTo(200);
        }

        HttpResponse<String> response = agent.post("/api/alerts/test");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).get().satisfies(value ->
                assertThat(Long.parseLong(value)).isBetween(1L, 60L));
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo("rate_limited");
        assertThat(body.path("message").asText()).contains("test alerts");
        assertThat(telegram.acceptedTitles()).hasSize(3);
    }

    private List<JsonNode> rows(String status) {
        try {
            HttpResponse<String> response = agent.get("/api/alerts?status=" + status);
            assertThat(response.statusCode()).isEqualTo(200);
            List<JsonNode> rows = new ArrayList<>();
            Json.mapper().readTree(response.body()).path("alerts").forEach(rows::add);
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> notifiers(String status) {
        return rows(status).stream().map(row -> row.path("notifier").asText()).toList();
    }

    private static List<RegisteredNotifier> registered(RecordingNotifier... notifiers) {
        return Arrays.stream(notifiers).map(RecordingNotifier::registered).toList();
    }

    private static Alert alert(String title) {
        return new Alert(UUID.randomUUID().toString(), "audit.changed", Severity.CRITICAL, title, Map.of("Check", "ssh.root-login"),
                "web1", Instant.now());
    }
}
