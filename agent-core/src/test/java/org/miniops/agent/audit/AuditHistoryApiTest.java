package org.miniops.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.agent.alerts.StatefulAgent;
import org.miniops.agent.json.Json;
import org.miniops.api.CheckResult;

/** {@code GET /api/audit/history} on a running agent whose state database contains recorded runs. */
class AuditHistoryApiTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private StatefulAgent agent;

    @BeforeEach
    void startAgent() {
        agent = StatefulAgent.start(dir, List.of());
    }

    @AfterEach
    void stopAgent() {
        agent.close();
    }

    @Test
    void emptyHistoryHasEmptyLists() throws IOException {
        JsonNode body = history("/api/audit/history");

        assertThat(body.path("runs").isArray()).isTrue();
        assertThat(body.path("runs")).isEmpty();
        assertThat(body.path("changes")).isEmpty();
    }

    @Test
    void historyListsRunsNewestFirst() throws IOException {
        record(0, "scheduled", CheckResult.pass("root login is disabled"));
        record(1, "on-demand", CheckResult.fail("PermitRootLogin yes"));

        JsonNode runs = history("/api/audit/history").path("runs");

        assertThat(runs).hasSize(2);
        JsonNode newest = runs.get(0);
        assertThat(newest.path("id").asLong()).isEqualTo(2);
        assertThat(newest.path("startedAt").asText()).isEqualTo("2026-03-01T10:05:00Z");
        assertThat(newest.path("durationMs").asLong()).isEqualTo(42);
        assertThat(newest.path("trigger").asText()).isEqualTo("on-demand");
        assertThat(newest.path("counts").path("fail").asInt()).isEqualTo(1);
        assertThat(newest.path("counts").path("pass").asInt()).isZero();
        assertThat(runs.get(1).path("trigger").asText()).isEqualTo("scheduled");
    }

    @Test
    void historyListsStatusChanges() throws IOException {
        record(0, "scheduled", CheckResult.pass("root login is disabled"));
        record(1, "scheduled", CheckResult.pass("root login is disabled"));
        record(2, "scheduled", CheckResult.fail("PermitRootLogin yes"));

        JsonNode changes = history("/api/audit/history").path("changes");

        assertThat(changes).hasSize(2);
        JsonNode newest = changes.get(0);
        assertThat(newest.path("runId").asLong()).isEqualTo(3);
        assertThat(newest.path("checkId").asText()).isEqualTo("ssh.root-login");
        assertThat(newest.path("from").asText()).isEqualTo("PASS");
        assertThat(newest.path("to").asText()).isEqualTo("FAIL");
        assertThat(newest.path("summary").asText()).isEqualTo("PermitRootLogin yes");
        assertThat(newest.path("changedAt").asText()).isEqualTo("2026-03-01T10:10:00Z");
        assertThat(changes.get(1).path("from").isNull()).isTrue();
    }

    @Test
    void limitCapsRunsAndChanges() throws IOException {
        record(0, "scheduled", CheckResult.pass("root login is disabled"));
        record(1, "scheduled", CheckResult.fail("PermitRootLogin yes"));
        record(2, "scheduled", CheckResult.pass("root login is disabled"));

        JsonNode body = history("/api/audit/history?limit=1");

        assertThat(body.path("runs")).hasSize(1);
        assertThat(body.path("runs").get(0).path("id").asLong()).isEqualTo(3);
        assertThat(body.path("changes")).hasSize(1);
        assertThat(body.path("changes").get(0).path("to").asText()).isEqualTo("PASS");
    }

    @Test
    void invalidLimitGets400() throws IOException {
        for (String limit : List.of("0", "abc", "-3", "1001", "2.5")) {
            HttpResponse<String> response = agent.get("/api/audit/history?limit=" + limit);

            assertThat(response.statusCode()).as("limit=%s", limit).isEqualTo(400);
            JsonNode body = Json.mapper().readTree(response.body());
            assertThat(body.path("error").asText()).as("limit=%s", limit).isEqualTo("invalid_request");
            assertThat(body.path("message").asText()).as("limit=%s", limit)
                    .contains("limit '" + limit + "'")
                    .contains("from 1 to 1000");
        }
    }

    @Test
    void maximumLimitIsAccepted() {
        assertThat(agent.get("/api/audit/history?limit=1000").statusCode()).isEqualTo(200);
    }

    private void record(int run, String trigger, CheckResult result) {
        CheckOutcome outcome = new CheckOutcome("ssh.root-login", "Root login over SSH", "ssh", "ssh-audit", result, 3);
        agent.recorder().record(new AuditReport(T0.plusSeconds(300L * run), 42, "/", List.of(outcome)), trigger);
    }

    private JsonNode history(String path) throws IOException {
        HttpResponse<String> response = agent.get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }
}
