package org.miniops.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.agent.json.Json;

/**
 * Per-client budgets of the running agent. The test client connects from 127.0.0.1, which the
 * default TRUSTED_PROXIES trust, so {@code X-Forwarded-For} simulates other client addresses.
 */
class RateLimitTest {

    private static final String WRONG_TOKEN = "f".repeat(64);
    private static final String WRONG_LOGIN = "{\"token\": \"" + WRONG_TOKEN + "\"}";
    private static final String RIGHT_LOGIN = "{\"token\": \"" + TestAgent.TOKEN + "\"}";

    @TempDir
    Path dir;

    private TestAgent agent;

    @AfterEach
    void stopAgent() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void fifthFailedLoginStillGets401() throws IOException {
        agent = TestAgent.start(dir);

        for (int i = 1; i <= 4; i++) {
            assertThat(agent.login(WRONG_LOGIN).statusCode()).as("attempt %d", i).isEqualTo(401);
        }

        assertThat(agent.login(WRONG_LOGIN).statusCode()).isEqualTo(401);
    }

    @Test
    void sixthFailedLoginGets429() throws IOException {
        agent = TestAgent.start(dir);
        failLogins(5);

        HttpResponse<String> response = agent.login(WRONG_LOGIN);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(retryAfterSeconds(response)).isPositive();
    }

    @Test
    void rateLimitedResponseHasErrorShape() throws IOException {
        agent = TestAgent.start(dir);
        failLogins(5);

        HttpResponse<String> response = agent.login(WRONG_LOGIN);

        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(429);
        assertThat(body.path("error").asText()).isEqualTo("rate_limited");
        assertThat(body.path("message").asText()).contains("try again in");
    }

    @Test
    void retryAfterIsAtMostOneMinute() throws IOException {
        agent = TestAgent.start(dir);
        failLogins(5);

        HttpResponse<String> response = agent.login(WRONG_LOGIN);

        assertThat(retryAfterSeconds(response)).isBetween(1L, 60L);
    }

    @Test
    void sixthWrongBearerTokenGets429() throws IOException {
        agent = TestAgent.start(dir);
        for (int i = 1; i <= 5; i++) {
            assertThat(wrongBearer().statusCode()).as("attempt %d", i).isEqualTo(401);
        }

        HttpResponse<String> response = wrongBearer();

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(retryAfterSeconds(response)).isPositive();
    }

    @Test
    void missingBearerTokenCountsAsFailure() throws IOException {
        agent = TestAgent.start(dir);
        for (int i = 1; i <= 5; i++) {
            assertThat(agent.get("/api/health").statusCode()).as("attempt %d", i).isEqualTo(401);
        }

        assertThat(agent.get("/api/health").statusCode()).isEqualTo(429);
    }

    @Test
    void failedLoginsAndWrongBearerTokensShareBudget() throws IOException {
        agent = TestAgent.start(dir);
        failLogins(3);
        assertThat(wrongBearer().statusCode()).isEqualTo(401);
        assertThat(wrongBearer().statusCode()).isEqualTo(401);

        assertThat(agent.login(WRONG_LOGIN).statusCode()).isEqualTo(429);
    }

    @Test
    void wrongBearerTokensUseUpLoginBudget() throws IOException {
        agent = TestAgent.start(dir);
        for (int i = 0; i < 5; i++) {
            wrongBearer();
        }

        assertThat(agent.login(RIGHT_LOGIN).statusCode()).isEqualTo(429);
    }

    @Test
    void malformedLoginsCountAsFailures() throws IOException {
        agent = TestAgent.start(dir);
        for (int i = 1; i <= 5; i++) {
            assertThat(agent.login("not json").statusCode()).as("attempt %d", i).isEqualTo(400);
        }

        assertThat(agent.login("not json").statusCode()).isEqualTo(429);
    }

    @Test
    void rightTokenGets429OnceBudgetIsUsedUp() throws IOException {
        agent = TestAgent.start(dir);
        failLogins(5);

        HttpResponse<String> response = agent.getAuthorized("/api/health");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(retryAfterSeconds(response)).isPositive();
    }

    @Test
    void rightLoginGets429OnceBudgetIsUsedUp() throws IOException {
        agent = TestAgent.start(dir);
        failLogins(5);

        assertThat(agent.login(RIGHT_LOGIN).statusCode()).isEqualTo(429);
    }

    @Test
    void successfulRequestsDoNotUseAuthenticationBudget() throws IOException {
        agent = TestAgent.start(dir);
        for (int i = 0; i < 10; i++) {
            assertThat(agent.getAuthorized("/api/health").statusCode()).isEqualTo(200);
            assertThat(agent.login(RIGHT_LOGIN).statusCode()).isEqualTo(200);
        }

        assertThat(agent.login(WRONG_LOGIN).statusCode()).isEqualTo(401);
    }

    @Test
    void otherClientBehindTrustedProxyIsUnaffected() throws IOException {
        agent = TestAgent.start(dir);
        for (int i = 0; i < 6; i++) {
            agent.login(WRONG_LOGIN, "X-Forwarded-For", "198.51.100.1");
        }
        assertThat(agent.login(RIGHT_LOGIN, "X-Forwarded-For", "198.51.100.1").statusCode()).isEqualTo(429);

        HttpResponse<String> other = agent.send(agent.request("/api/health")
                .header("Authorization", "Bearer " + TestAgent.TOKEN)
                .header("X-Forwarded-For", "198.51.100.2"));

        assertThat(other.statusCode()).isEqualTo(200);
    }

    @Test
    void proxyItselfIsUnaffectedByItsClients() throws IOException {
        agent = TestAgent.start(dir);
        for (int i = 0; i < 6; i++) {
            agent.login(WRONG_LOGIN, "X-Forwarded-For", "198.51.100.1");
        }

        assertThat(agent.getAuthorized("/api/health").statusCode()).isEqualTo(200);
    }

    @Test
    void rightMostForwardedEntryIdentifiesClient() throws IOException {
        agent = TestAgent.start(dir);
        // The client controls every entry but the last, which the trusted proxy appended.
        for (int i = 1; i <= 5; i++) {
            agent.login(WRONG_LOGIN, "X-Forwarded-For", "192.0.2." + i + ", 203.0.113.5");
        }

        HttpResponse<String> response = agent.login(WRONG_LOGIN, "X-Forwarded-For", "192.0.2.99, 203.0.113.5");

        assertThat(response.statusCode()).isEqualTo(429);
    }

    @Test
    void differentRightMostEntryIsAnotherClient() throws IOException {
        agent = TestAgent.start(dir);
        for (int i = 1; i <= 6; i++) {
            agent.login(WRONG_LOGIN, "X-Forwarded-For", "198.51.100.7, 203.0.113.5");
        }

        HttpResponse<String> response = agent.login(RIGHT_LOGIN, "X-Forwarded-For", "203.0.113.5, 198.51.100.7");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void clientSentRealIpCannotReplaceForwardedFor() throws IOException {
        agent = TestAgent.start(dir);
        // A proxy that appends X-Forwarded-For and passes other headers through unchanged, as Caddy
        // 2.5 does by default (caddy-reverse-proxy(1)), lets the client choose X-Real-IP.
        for (int i = 1; i <= 5; i++) {
            agent.login(WRONG_LOGIN, "X-Forwarded-For", "203.0.113.5", "X-Real-IP", "192.0.2." + i);
        }

        HttpResponse<String> response = agent.login(WRONG_LOGIN, "X-Forwarded-For", "203.0.113.5", "X-Real-IP", "192.0.2.99");

        assertThat(response.statusCode()).isEqualTo(429);
    }

    @Test
    void realIpFromTrustedProxyIdentifiesClient() throws IOException {
        agent = TestAgent.start(dir);
        for (int i = 1; i <= 6; i++) {
            agent.login(WRONG_LOGIN, "X-Real-IP", "198.51.100.1");
        }

        HttpResponse<String> other = agent.login(RIGHT_LOGIN, "X-Real-IP", "198.51.100.2");

        assertThat(other.statusCode()).isEqualTo(200);
    }

    @Test
    void spoofedForwardedForFromUntrustedPeerIsIgnored() throws IOException {
        agent = TestAgent.start(dir, Map.of("TRUSTED_PROXIES", "203.0.113.1"));
        for (int i = 1; i <= 5; i++) {
            assertThat(agent.login(WRONG_LOGIN, "X-Forwarded-For", "198.51.100." + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> response = agent.login(WRONG_LOGIN, "X-Forwarded-For", "198.51.100.99");

        assertThat(response.statusCode()).isEqualTo(429);
    }

    @Test
    void spoofedRealIpFromUntrustedPeerIsIgnored() throws IOException {
        agent = TestAgent.start(dir, Map.of("TRUSTED_PROXIES", ""));
        for (int i = 1; i <= 5; i++) {
            assertThat(agent.login(WRONG_LOGIN, "X-Real-IP", "198.51.100." + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> response = agent.login(WRONG_LOGIN, "X-Real-IP", "198.51.100.99");

        assertThat(response.statusCode()).isEqualTo(429);
    }

    @Test
    void ipv6ClientsShareTheirSlash64Budget() throws IOException {
        agent = TestAgent.start(dir);
        for (int i = 1; i <= 5; i++) {
            agent.login(WRONG_LOGIN, "X-Forwarded-For", "2001:db8:1:2::" + Integer.toHexString(i));
        }

        HttpResponse<String> sameNetwork = agent.login(WRONG_LOGIN, "X-Forwarded-For", "2001:db8:1:2:ffff::1");
        HttpResponse<String> otherNetwork = agent.login(RIGHT_LOGIN, "X-Forwarded-For", "2001:db8:1:3::1");

        assertThat(sameNetwork.statusCode()).isEqualTo(429);
        assertThat(otherNetwork.statusCode()).isEqualTo(200);
    }

    @Test
    void fourthAuditRunGets429() throws IOException {
        agent = TestAgent.start(dir);
        for (int i = 1; i <= 3; i++) {
            assertThat(runAudit("198.51.100.1").statusCode()).as("run %d", i).isEqualTo(200);
        }

        HttpResponse<String> response = runAudit("198.51.100.1");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(retryAfterSeconds(response)).isPositive();
    }

    @Test
    void auditRunLimitIsPerClient() throws IOException {
        agent = TestAgent.start(dir);
        for (int i = 1; i <= 4; i++) {
            runAudit("198.51.100.1");
        }

        assertThat(runAudit("198.51.100.2").statusCode()).isEqualTo(200);
    }

    @Test
    void auditRunLimitLeavesReadsAlone() throws IOException {
        agent = TestAgent.start(dir);
        for (int i = 1; i <= 4; i++) {
            runAudit("198.51.100.1");
        }

        HttpResponse<String> read = agent.send(agent.request("/api/audit")
                .header("Authorization", "Bearer " + TestAgent.TOKEN)
                .header("X-Forwarded-For", "198.51.100.1"));

        assertThat(read.statusCode()).isEqualTo(200);
    }

    private void failLogins(int count) {
        for (int i = 1; i <= count; i++) {
            assertThat(agent.login(WRONG_LOGIN).statusCode()).as("failed login %d", i).isEqualTo(401);
        }
    }

    private HttpResponse<String> wrongBearer() {
        return agent.get("/api/health", "Authorization", "Bearer " + WRONG_TOKEN);
    }

    private HttpResponse<String> runAudit(String client) {
        return agent.send(agent.request("/api/audit/run")
                .header("Authorization", "Bearer " + TestAgent.TOKEN)
                .header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static long retryAfterSeconds(HttpResponse<String> response) {
        String value = response.headers().firstValue("Retry-After")
                .orElseThrow(() -> new AssertionError("429 without Retry-After"));
        assertThat(value).matches("[0-9]+");
        return Long.parseLong(value);
    }
}
