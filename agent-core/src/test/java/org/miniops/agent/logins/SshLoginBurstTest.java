package org.miniops.agent.logins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thirty logins reported at once, as a deployment script that opens many sessions would cause. */
class SshLoginBurstTest {

    private static final int LOGINS = 30;

    @TempDir
    Path dir;

    @Test
    void burstOfThirtyLoginsLosesNone() throws Exception {
        try (LoginsTestAgent agent = LoginsTestAgent.start(dir)) {
            List<HookRequest> requests = new ArrayList<>();
            for (int i = 0; i < LOGINS; i++) {
                requests.add(agent.sign(HookRequest.event("deploy" + i, "198.51.100." + (i + 1), "2026-12-04T21:15:03Z")));
            }

            // Every request is handed to the client before any response is awaited, so all 30 are in flight together.
            List<CompletableFuture<HttpResponse<String>>> responses = requests.stream().map(agent::hookAsync).toList();
            CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            Set<Long> loginIds = new HashSet<>();
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(201);
                loginIds.add(LoginsTestAgent.json(response.get()).path("loginId").asLong());
            }
            assertThat(loginIds).hasSize(LOGINS);
            assertThat(agent.rows("logins")).isEqualTo(LOGINS);
            assertThat(agent.rows("alerts")).isEqualTo(LOGINS);
            Set<String> alertedUsers = new HashSet<>();
            for (JsonNode login : LoginsTestAgent.json(agent.get("/api/logins?limit=100")).path("logins")) {
                String alertId = login.path("alertId").asText();
                assertThat(agent.pendingDeliveries(alertId)).as("deliveries of %s", alertId).containsExactly(LoginsTestAgent.NOTIFIER);
                alertedUsers.add(agent.alert(alertId).path("fields").path("User").asText());
            }
            assertThat(alertedUsers).hasSize(LOGINS);
        }
    }
}
