package org.miniops.agent.logins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /api/logins?limit=N} on a running agent, over logins that arrived through the signed hook. */
class LoginsApiTest {

    @TempDir
    Path dir;

    private LoginsTestAgent agent;

    @BeforeEach
    void startAgent() throws IOException {
        agent = LoginsTestAgent.start(dir);
    }

    @AfterEach
    void stopAgent() {
        agent.close();
    }

    @Test
    void loginsAreListedNewestFirst() {
        agent.storeLogin("alice", "203.0.113.7", "2026-12-04T21:10:00Z");
        agent.storeLogin("carol", "203.0.113.9", "2026-12-04T21:14:00Z");
        agent.storeLogin("bob", "203.0.113.8", "2026-12-04T21:12:00Z");

        JsonNode logins = LoginsTestAgent.json(agent.get("/api/logins")).path("logins");

        assertThat(users(logins)).containsExactly("carol", "bob", "alice");
    }

    @Test
    void sameTimeListsLatestStoredFirst() {
        agent.storeLogin("alice", "203.0.113.7", "2026-12-04T21:10:00Z");
        agent.storeLogin("bob", "203.0.113.8", "2026-12-04T21:10:00Z");

        JsonNode logins = LoginsTestAgent.json(agent.get("/api/logins")).path("logins");

        assertThat(users(logins)).containsExactly("bob", "alice");
    }

    @Test
    void loginHasEveryField() {
        byte[] body = """
                {"user": "deploy", "rhost": "::ffff:203.0.113.7", "service": "sshd", "tty": "/dev/pts/2",
                 "time": "2026-12-04T21:15:03Z"}""".getBytes(StandardCharsets.UTF_8);
        assertThat(agent.hook(agent.sign(body)).statusCode()).isEqualTo(201);

        JsonNode login = LoginsTestAgent.json(agent.get("/api/logins")).path("logins").get(0);

        assertThat(login.path("user").asText()).isEqualTo("deploy");
        assertThat(login.path("remoteHost").asText()).isEqualTo("::ffff:203.0.113.7");
        assertThat(login.path("remoteIp").asText()).isEqualTo("203.0.113.7");
        assertThat(login.path("service").asText()).isEqualTo("sshd");
        assertThat(login.path("tty").asText()).isEqualTo("/dev/pts/2");
        assertThat(login.path("time").asText()).isEqualTo("2026-12-04T21:15:03Z");
        assertThat(login.path("trusted").isBoolean()).isTrue();
        assertThat(login.path("trusted").asBoolean()).isFalse();
        assertThat(login.path("seenBefore").isBoolean()).isTrue();
        assertThat(login.path("seenBefore").asBoolean()).isFalse();
        assertThat(login.path("alertId").isTextual()).isTrue();
    }

    @Test
    void eventWithoutTimeGetsTimeReceived() {
        byte[] body = "{\"user\": \"deploy\", \"rhost\": \"203.0.113.7\", \"service\": \"sshd\", \"tty\": \"ssh\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(agent.hook(agent.sign(body)).statusCode()).isEqualTo(201);

        JsonNode login = LoginsTestAgent.json(agent.get("/api/logins")).path("logins").get(0);

        assertThat(login.path("time").asText()).isEqualTo(LoginsTestAgent.START.toString());
    }

    @Test
    void limitReturnsNewestN() {
        for (int minute = 10; minute < 15; minute++) {
            agent.storeLogin("user" + minute, "203.0.113." + minute, "2026-12-04T21:" + minute + ":00Z");
        }

        JsonNode logins = LoginsTestAgent.json(agent.get("/api/logins?limit=2")).path("logins");

        assertThat(users(logins)).containsExactly("user14", "user13");
    }

    @Test
    void emptyHistoryIsEmptyList() {
        HttpResponse<String> response = agent.get("/api/logins");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(LoginsTestAgent.json(response).path("logins").isArray()).isTrue();
        assertThat(LoginsTestAgent.json(response).path("logins")).isEmpty();
    }

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(strings = {"0", "-1", "1001", "abc", "2.5", ""})
    void invalidLimitGets400(String limit) {
        HttpResponse<String> response = agent.get("/api/logins?limit=" + limit);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(LoginsTestAgent.json(response).path("message").asText()).contains("limit").contains("1 to 1000");
    }

    @Test
    void limitOf1000IsAccepted() {
        HttpResponse<String> response = agent.get("/api/logins?limit=1000");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void loginsNeedBearerToken() {
        HttpResponse<String> response = agent.send(agent.request("/api/logins").header("Authorization", "Bearer " + "0".repeat(64)).GET());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    private static List<String> users(JsonNode logins) {
        List<String> users = new ArrayList<>();
        logins.forEach(login -> users.add(login.path("user").asText()));
        return users;
    }
}
