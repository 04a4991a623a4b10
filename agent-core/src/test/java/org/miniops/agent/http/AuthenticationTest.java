package org.miniops.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.agent.json.Json;

class AuthenticationTest {

    @TempDir
    Path dir;

    private TestAgent agent;

    @BeforeEach
    void startAgent() throws IOException {
        agent = TestAgent.start(dir);
    }

    @AfterEach
    void stopAgent() {
        agent.close();
    }

    @Test
    void dashboardRootNeedsNoToken() {
        HttpResponse<String> response = agent.get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
    }

    @Test
    void indexHtmlNeedsNoToken() {
        HttpResponse<String> response = agent.get("/index.html");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsIgnoringCase("<html");
    }

    @Test
    void stylesheetNeedsNoToken() {
        HttpResponse<String> response = agent.get("/assets/app.css");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/css");
    }

    @Test
    void apiWithoutTokenGets401() throws IOException {
        HttpResponse<String> response = agent.get("/api/health");

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(401);
        assertThat(body.path("error").asText()).isEqualTo("unauthorized");
        assertThat(body.path("message").asText()).contains("Authorization: Bearer");
    }

    @Test
    void unauthorizedResponseHasOnlyTheErrorFields() throws IOException {
        HttpResponse<String> response = agent.get("/api/health");

        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("status", "error", "message");
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
    }

    @Test
    void unauthorizedResponseChallengesForBearerToken() {
        HttpResponse<String> response = agent.get("/api/health");

        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
    }

    @Test
    void wrongBearerTokenGets401() throws IOException {
        HttpResponse<String> response = agent.get("/api/health", "Authorization", "Bearer " + "0".repeat(64));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Json.mapper().readTree(response.body()).path("message").asText()).contains("wrong");
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
    }

    @Test
    void basicSchemeGets401() {
        HttpResponse<String> response = agent.get("/api/health", "Authorization", "Basic " + TestAgent.TOKEN);

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void rightBearerTokenIsAccepted() {
        HttpResponse<String> response = agent.getAuthorized("/api/health");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathWithoutTokenGets401() {
        HttpResponse<String> response = agent.get("/api/no-such-endpoint");

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void pathOutsideStaticFilesNeedsToken() {
        HttpResponse<String> response = agent.get("/admin.html");

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void postToStaticPathNeedsToken() {
        HttpResponse<String> response = agent.send(agent.request("/")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void loginWithRightTokenGets200() throws IOException {
        HttpResponse<String> response = agent.login("{\"token\": \"" + TestAgent.TOKEN + "\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(response.body()).path("authenticated").asBoolean()).isTrue();
    }

    @Test
    void loginWithWrongTokenGets401() throws IOException {
        HttpResponse<String> response = agent.login("{\"token\": \"not-the-token\"}");

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(401);
        assertThat(body.path("error").asText()).isEqualTo("unauthorized");
    }

    @Test
    void loginWithMalformedJsonGets400() throws IOException {
        HttpResponse<String> response = agent.login("{\"token\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(400);
        assertThat(body.path("error").asText()).isEqualTo("invalid_request");
        assertThat(body.path("message").asText()).contains("{\"token\"");
    }

    @Test
    void loginWithoutTokenFieldGets400() {
        HttpResponse<String> response = agent.login("{\"password\": \"x\"}");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void loginWithNonTextTokenGets400() {
        HttpResponse<String> response = agent.login("{\"token\": 12345}");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void loginWithEmptyBodyGets400() {
        HttpResponse<String> response = agent.login("");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void loginResponseNeverEchoesToken() {
        HttpResponse<String> response = agent.login("{\"token\": \"" + TestAgent.TOKEN + "\"}");

        assertThat(response.body()).doesNotContain(TestAgent.TOKEN);
    }
}
