package org.miniops.agent.logins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET/POST/DELETE /api/trusted-networks} on a running agent, and what a trusted network
 * does to the logins the hook reports: stored, but not alerted.
 */
class TrustedNetworksApiTest {

    private static final String PATH = "/api/trusted-networks";
    private static final String TIME = "2026-12-04T21:15:03Z";

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
    void addReturns201WithNetworkAndNote() {
        HttpResponse<String> response = agent.post(PATH, "{\"network\": \"203.0.113.0/24\", \"note\": \"office\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = LoginsTestAgent.json(response);
        assertThat(body.path("id").isIntegralNumber()).isTrue();
        assertThat(body.path("network").asText()).isEqualTo("203.0.113.0/24");
        assertThat(body.path("note").asText()).isEqualTo("office");
        assertThat(body.path("createdAt").asText()).isEqualTo(LoginsTestAgent.START.toString());
    }

    @Test
    void addStoresHostBitsMaskedOff() {
        HttpResponse<String> response = agent.post(PATH, "{\"network\": \"203.0.113.5/24\", \"note\": \"office\"}");

        assertThat(LoginsTestAgent.json(response).path("network").asText()).isEqualTo("203.0.113.0/24");
        assertThat(listedNetworks()).containsExactly("203.0.113.0/24");
    }

    @Test
    void addStoresIpv6Canonically() {
        HttpResponse<String> response = agent.post(PATH, "{\"network\": \"2001:DB8:0:0::1/32\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(LoginsTestAgent.json(response).path("network").asText()).isEqualTo("2001:db8::/32");
    }

    @Test
    void addAcceptsSingleAddressWithoutNote() {
        HttpResponse<String> response = agent.post(PATH, "{\"network\": \"198.51.100.20\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = LoginsTestAgent.json(response);
        assertThat(body.path("network").asText()).isEqualTo("198.51.100.20");
        assertThat(body.path("note").asText()).isEmpty();
    }

    @Test
    void listReturnsNetworksInOrderAdded() {
        agent.post(PATH, "{\"network\": \"203.0.113.0/24\", \"note\": \"office\"}");
        agent.post(PATH, "{\"network\": \"2001:db8::/32\", \"note\": \"home\"}");

        HttpResponse<String> response = agent.get(PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode networks = LoginsTestAgent.json(response).path("networks");
        assertThat(networks).hasSize(2);
        assertThat(networks.get(0).path("network").asText()).isEqualTo("203.0.113.0/24");
        assertThat(networks.get(0).path("note").asText()).isEqualTo("office");
        assertThat(networks.get(1).path("network").asText()).isEqualTo("2001:db8::/32");
        assertThat(networks.get(1).path("note").asText()).isEqualTo("home");
    }

    @Test
    void listNeedsBearerToken() {
        HttpResponse<String> response = agent.send(agent.request(PATH).GET());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void deleteNeedsBearerToken() {
        long id = add("203.0.113.0/24");

        HttpResponse<String> response = agent.send(agent.request(PATH + "/" + id).DELETE());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(listedNetworks()).containsExactly("203.0.113.0/24");
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("{\"network\": \"not-an-ip\"}", "'not-an-ip' is not an IP address"),
                Arguments.of("{\"network\": \"203.0.113.0/33\"}", "prefix length 33"),
                Arguments.of("{\"network\": \"::1/129\"}", "prefix length 129"),
                Arguments.of("{\"network\": \"203.0.113.0/x\"}", "invalid prefix length 'x'"),
                Arguments.of("{\"network\": \"office.example.org\"}", "'office.example.org' is not an IP address"),
                Arguments.of("{\"network\": \"\"}", "is not an IP address"),
                Arguments.of("{\"note\": \"office\"}", "The network is missing"),
                Arguments.of("{\"network\": 203}", "The network must be a string, not a number"),
                Arguments.of("{\"network\": [\"203.0.113.0/24\"]}", "The network must be a string, not an array"),
                Arguments.of("{\"network\": \"203.0.113.0/24\", \"note\": 7}", "The note must be a string, not a number"),
                Arguments.of("network=203.0.113.0/24", "not valid JSON"),
                Arguments.of("", "not valid JSON"),
                Arguments.of("[\"203.0.113.0/24\"]", "JSON object"),
                Arguments.of("{\"network\": \"203.0.113.0/24\", \"note\": \"" + "n".repeat(201) + "\"}", "note is 201 characters"),
                Arguments.of("{\"network\": \"203.0.113.0/24\", \"note\": \"two\\nlines\"}", "control characters"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidBodies")
    void invalidAddGets400NamingProblem(String body, String expectedMessage) {
        HttpResponse<String> response = agent.post(PATH, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(LoginsTestAgent.json(response).path("status").asInt()).isEqualTo(400);
        assertThat(LoginsTestAgent.json(response).path("message").asText()).contains(expectedMessage);
        assertThat(agent.rows("trusted_networks")).isZero();
    }

    @Test
    void noteOf200CharactersIsAccepted() {
        HttpResponse<String> response = agent.post(PATH, "{\"network\": \"203.0.113.0/24\", \"note\": \"" + "n".repeat(200) + "\"}");

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void duplicateGets400() {
        add("203.0.113.0/24");

        HttpResponse<String> response = agent.post(PATH, "{\"network\": \"203.0.113.9/24\", \"note\": \"again\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(LoginsTestAgent.json(response).path("message").asText()).isEqualTo("203.0.113.0/24 is already a trusted network");
        assertThat(agent.rows("trusted_networks")).isEqualTo(1);
    }

    @Test
    void deleteRemovesNetwork() {
        long id = add("203.0.113.0/24");

        HttpResponse<String> response = agent.delete(PATH + "/" + id);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(LoginsTestAgent.json(response).path("removed").asLong()).isEqualTo(id);
        assertThat(listedNetworks()).isEmpty();
    }

    @Test
    void deleteUnknownIdGets404() {
        HttpResponse<String> response = agent.delete(PATH + "/4242");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(LoginsTestAgent.json(response).path("message").asText()).contains("4242");
    }

    @Test
    void deleteNonNumericIdGets400() {
        HttpResponse<String> response = agent.delete(PATH + "/office");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(LoginsTestAgent.json(response).path("message").asText()).contains("'office' is not a trusted network id");
    }

    @Test
    void fourthChangeWithinMinuteGets429() {
        long id = add("203.0.113.0/24");
        add("198.51.100.0/24");
        assertThat(agent.delete(PATH + "/" + id).statusCode()).isEqualTo(200);

        HttpResponse<String> response = agent.post(PATH, "{\"network\": \"192.0.2.0/24\"}");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).get()
                .satisfies(value -> assertThat(Long.parseLong(value)).isBetween(1L, 60L));
        assertThat(listedNetworks()).containsExactly("198.51.100.0/24");
    }

    @Test
    void fourthDeleteWithinMinuteGets429() {
        long id = add("203.0.113.0/24");
        agent.delete(PATH + "/999");
        agent.delete(PATH + "/998");

        HttpResponse<String> response = agent.delete(PATH + "/" + id);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(listedNetworks()).containsExactly("203.0.113.0/24");
    }

    @Test
    void changeLimitIsPerClient() {
        add("203.0.113.0/24");
        add("198.51.100.0/24");
        add("192.0.2.0/24");

        // The agent trusts 127.0.0.1 as a proxy by default, so X-Forwarded-For names another client.
        HttpResponse<String> response = agent.post(PATH, "{\"network\": \"2001:db8::/32\"}", "X-Forwarded-For", "198.51.100.77");

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void listIsNotCountedAsChange() {
        for (int i = 0; i < 5; i++) {
            agent.get(PATH);
        }

        HttpResponse<String> response = agent.post(PATH, "{\"network\": \"203.0.113.0/24\"}");

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void loginFromTrustedNetworkIsStoredWithoutAlert() {
        add("203.0.113.0/24");

        JsonNode response = agent.storeLogin("deploy", "203.0.113.7", TIME);

        assertThat(response.path("trusted").asBoolean()).isTrue();
        JsonNode login = agent.login(response.path("loginId").asLong());
        assertThat(login.path("trusted").asBoolean()).isTrue();
        assertThat(login.path("alertId").isNull()).isTrue();
        assertThat(agent.rows("alerts")).isZero();
        assertThat(agent.rows("alert_deliveries")).isZero();
        assertThat(agent.deliveryWakeUps()).isZero();
    }

    @Test
    void loginFromSingleTrustedAddressIsNotAlerted() {
        add("203.0.113.7");

        JsonNode response = agent.storeLogin("deploy", "203.0.113.7", TIME);

        assertThat(response.path("trusted").asBoolean()).isTrue();
        assertThat(agent.rows("alerts")).isZero();
    }

    @Test
    void untrustedLoginGetsAlertFields() {
        add("203.0.113.0/24");

        JsonNode response = agent.storeLogin("deploy", "198.51.100.4", TIME);

        assertThat(response.path("trusted").asBoolean()).isFalse();
        JsonNode login = agent.login(response.path("loginId").asLong());
        assertThat(login.path("trusted").asBoolean()).isFalse();
        JsonNode fields = agent.alert(login.path("alertId").asText()).path("fields");
        assertThat(fields.path("User").asText()).isEqualTo("deploy");
        assertThat(fields.path("Source").asText()).isEqualTo("198.51.100.4");
        assertThat(fields.path("Seen before").asText()).startsWith("no");
        assertThat(agent.pendingDeliveries(login.path("alertId").asText())).containsExactly(LoginsTestAgent.NOTIFIER);
    }

    @Test
    void loginFromRemovedNetworkIsAlertedAgain() {
        long id = add("203.0.113.0/24");
        agent.storeLogin("deploy", "203.0.113.7", TIME);
        agent.delete(PATH + "/" + id);

        JsonNode response = agent.storeLogin("deploy", "203.0.113.7", "2026-12-04T21:15:06Z");

        assertThat(response.path("trusted").asBoolean()).isFalse();
        assertThat(agent.rows("alerts")).isEqualTo(1);
    }

    @Test
    void firstLoginFromSourceIsNotSeenBefore() {
        JsonNode login = agent.login(agent.storeLogin("deploy", "198.51.100.4", TIME).path("loginId").asLong());

        assertThat(login.path("seenBefore").asBoolean()).isFalse();
        assertThat(agent.alert(login.path("alertId").asText()).path("fields").path("Seen before").asText())
                .isEqualTo("no, first login from this source");
    }

    @Test
    void secondLoginFromSourceIsSeenBefore() {
        agent.storeLogin("deploy", "198.51.100.4", TIME);

        JsonNode login = agent.login(agent.storeLogin("backup", "198.51.100.4", "2026-12-04T21:15:06Z").path("loginId").asLong());

        assertThat(login.path("seenBefore").asBoolean()).isTrue();
        assertThat(agent.alert(login.path("alertId").asText()).path("fields").path("Seen before").asText()).isEqualTo("yes");
    }

    @Test
    void loginFromOtherSourceIsNotSeenBefore() {
        agent.storeLogin("deploy", "198.51.100.4", TIME);

        JsonNode login = agent.login(agent.storeLogin("deploy", "198.51.100.5", "2026-12-04T21:15:06Z").path("loginId").asLong());

        assertThat(login.path("seenBefore").asBoolean()).isFalse();
    }

    @Test
    void mappedAndPlainIpv4AreSameSource() {
        agent.storeLogin("deploy", "::ffff:198.51.100.4", TIME);

        JsonNode login = agent.login(agent.storeLogin("deploy", "198.51.100.4", "2026-12-04T21:15:06Z").path("loginId").asLong());

        assertThat(login.path("seenBefore").asBoolean()).isTrue();
    }

    @Test
    void ipv6SpellingsAreSameSource() {
        agent.storeLogin("deploy", "2001:DB8:0:0:0:0:0:7", TIME);

        JsonNode login = agent.login(agent.storeLogin("deploy", "2001:db8::7", "2026-12-04T21:15:06Z").path("loginId").asLong());

        assertThat(login.path("seenBefore").asBoolean()).isTrue();
    }

    private long add(String network) {
        HttpResponse<String> response = agent.post(PATH, "{\"network\": \"" + network + "\", \"note\": \"test\"}");
        assertThat(response.statusCode()).as("adding %s: %s", network, response.body()).isEqualTo(201);
        return LoginsTestAgent.json(response).path("id").asLong();
    }

    private List<String> listedNetworks() {
        JsonNode networks = LoginsTestAgent.json(agent.get(PATH)).path("networks");
        List<String> result = new ArrayList<>();
        networks.forEach(entry -> result.add(entry.path("network").asText()));
        return result;
    }

    @Test
    void invalidNetworkDoesNotUseChangeBudget() {
        for (int i = 0; i < 5; i++) {
            assertThat(agent.post(PATH, "{\"network\": \"203.0.113.0/33\"}").statusCode()).isEqualTo(400);
        }

        HttpResponse<String> response = agent.post(PATH, "{\"network\": \"203.0.113.0/24\", \"note\": \"office\"}");

        assertThat(response.statusCode()).isEqualTo(201);
    }
}
