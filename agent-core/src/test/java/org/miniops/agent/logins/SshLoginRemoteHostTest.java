package org.miniops.agent.logins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.agent.json.Json;
import org.miniops.agent.net.RecordingResolverProvider;

/**
 * Every form sshd gives {@code PAM_RHOST} (IPv4, IPv6, IPv4-mapped IPv6, a host name with
 * {@code UseDNS yes}, empty, {@code UNKNOWN}) reaches the agent through the signed endpoint and is
 * stored and alerted, and only an address can match a trusted network.
 */
class SshLoginRemoteHostTest {

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
    void ipv4SourceIsStoredAndAlerted() {
        JsonNode login = storeLogin("deploy", "203.0.113.7");

        assertThat(login.path("remoteHost").asText()).isEqualTo("203.0.113.7");
        assertThat(login.path("remoteIp").asText()).isEqualTo("203.0.113.7");
        assertThat(login.path("trusted").asBoolean()).isFalse();
        assertThat(alertFields(login).path("Source").asText()).isEqualTo("203.0.113.7");
    }

    @Test
    void ipv6SourceIsStoredAndAlerted() {
        JsonNode login = storeLogin("deploy", "2001:db8::7");

        assertThat(login.path("remoteHost").asText()).isEqualTo("2001:db8::7");
        assertThat(login.path("remoteIp").asText()).isEqualTo("2001:db8::7");
        assertThat(alertFields(login).path("Source").asText()).isEqualTo("2001:db8::7");
    }

    @Test
    void ipv6SourceInLongFormGetsCanonicalIp() {
        JsonNode login = storeLogin("deploy", "2001:DB8:0:0:0:0:0:7");

        assertThat(login.path("remoteHost").asText()).isEqualTo("2001:DB8:0:0:0:0:0:7");
        assertThat(login.path("remoteIp").asText()).isEqualTo("2001:db8::7");
        assertThat(alertFields(login).path("Source").asText()).isEqualTo("2001:DB8:0:0:0:0:0:7 (2001:db8::7)");
    }

    @Test
    void ipv6SourceMatchesTrustedIpv6Network() {
        trust("2001:db8::/32");

        JsonNode login = storeLogin("deploy", "2001:db8::7");

        assertThat(login.path("trusted").asBoolean()).isTrue();
        assertThat(agent.rows("alerts")).isZero();
    }

    @Test
    void mappedIpv4SourceIsStoredAsIpv4() {
        JsonNode login = storeLogin("deploy", "::ffff:203.0.113.7");

        assertThat(login.path("remoteHost").asText()).isEqualTo("::ffff:203.0.113.7");
        assertThat(login.path("remoteIp").asText()).isEqualTo("203.0.113.7");
        assertThat(alertFields(login).path("Source").asText()).isEqualTo("::ffff:203.0.113.7 (203.0.113.7)");
    }

    @Test
    void mappedIpv4SourceMatchesTrustedIpv4Network() {
        trust("203.0.113.0/24");

        JsonNode response = agent.storeLogin("deploy", "::ffff:203.0.113.7", TIME);

        assertThat(response.path("trusted").asBoolean()).isTrue();
        JsonNode login = agent.login(response.path("loginId").asLong());
        assertThat(login.path("trusted").asBoolean()).isTrue();
        assertThat(login.path("alertId").isNull()).isTrue();
        assertThat(agent.rows("logins")).isEqualTo(1);
        assertThat(agent.rows("alerts")).isZero();
    }

    @Test
    void hostNameSourceIsStoredAndAlerted() {
        JsonNode login = storeLogin("deploy", "client.example.org");

        assertThat(login.path("remoteHost").asText()).isEqualTo("client.example.org");
        assertThat(login.path("remoteIp").isNull()).isTrue();
        assertThat(alertFields(login).path("Source").asText()).isEqualTo("client.example.org");
    }

    @Test
    void hostNameSourceNeverMatchesTrustedNetwork() {
        trust("0.0.0.0/0");
        trust("::/0");

        JsonNode login = storeLogin("deploy", "client.example.org");

        assertThat(login.path("trusted").asBoolean()).isFalse();
        assertThat(agent.rows("alerts")).isEqualTo(1);
    }

    @Test
    void hostNameSourceIsNeverResolved() throws Exception {
        // A lookup that the recorder lists proves it is installed, so an absent name below means no lookup.
        InetAddress.getByName("localhost");
        assertThat(resolverLookups()).contains("localhost");

        storeLogin("deploy", "resolver-probe.client.example.org");

        assertThat(resolverLookups()).noneMatch(name -> name.contains("resolver-probe"));
    }

    @Test
    void emptySourceIsStoredAndAlerted() {
        JsonNode login = storeLogin("deploy", "");

        assertThat(login.path("remoteHost").asText()).isEmpty();
        assertThat(login.path("remoteIp").isNull()).isTrue();
        assertThat(alertFields(login).path("Source").asText()).contains("no remote host");
    }

    @Test
    void missingRhostIsStoredAsEmpty() {
        byte[] body = "{\"user\": \"deploy\", \"service\": \"sshd\", \"tty\": \"ssh\", \"time\": \"2026-12-04T21:15:03Z\"}"
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = agent.hook(agent.sign(body));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode login = agent.login(LoginsTestAgent.json(response).path("loginId").asLong());
        assertThat(login.path("remoteHost").asText()).isEmpty();
        assertThat(login.path("alertId").isTextual()).isTrue();
    }

    @Test
    void unknownSourceIsStoredAndAlerted() {
        JsonNode login = storeLogin("deploy", "UNKNOWN");

        assertThat(login.path("remoteHost").asText()).isEqualTo("UNKNOWN");
        assertThat(login.path("remoteIp").isNull()).isTrue();
        assertThat(alertFields(login).path("Source").asText()).startsWith("UNKNOWN");
    }

    @Test
    void everySourceFormGetsDeliveryRow() {
        List<String> sources = List.of("203.0.113.7", "2001:db8::7", "::ffff:203.0.113.7", "client.example.org", "", "UNKNOWN");

        for (String source : sources) {
            JsonNode login = storeLogin("deploy", source);

            assertThat(agent.pendingDeliveries(login.path("alertId").asText())).as("source '%s'", source)
                    .containsExactly(LoginsTestAgent.NOTIFIER);
        }
        assertThat(agent.rows("logins")).isEqualTo(sources.size());
        assertThat(agent.rows("alerts")).isEqualTo(sources.size());
    }

    @Test
    void injectedJsonInUserIsStoredLiterally() {
        String user = "x\",\"ip\":\"10.0.0.5";

        JsonNode login = storeLogin(user, "203.0.113.7");

        assertThat(login.path("user").asText()).isEqualTo(user);
        assertThat(login.path("remoteHost").asText()).isEqualTo("203.0.113.7");
        assertThat(login.has("ip")).isFalse();
    }

    @Test
    void injectedJsonInUserReachesAlertLiterally() {
        String user = "x\",\"ip\":\"10.0.0.5";

        JsonNode alert = agent.alert(storeLogin(user, "203.0.113.7").path("alertId").asText());

        assertThat(alert.path("fields").path("User").asText()).isEqualTo(user);
        assertThat(alert.path("fields").path("Source").asText()).isEqualTo("203.0.113.7");
        assertThat(alert.path("fields").has("ip")).isFalse();
        assertThat(alert.path("title").asText()).contains(user);
    }

    @Test
    void escapedControlCharactersInUserAreStoredLiterally() {
        String user = "back\\slash\ttab\nnew line \u00e9";

        JsonNode login = storeLogin(user, "203.0.113.7");

        assertThat(login.path("user").asText()).isEqualTo(user);
    }

    @Test
    void alertCarriesUserSourceServerAndTime() {
        JsonNode alert = agent.alert(storeLogin("deploy", "203.0.113.7").path("alertId").asText());

        assertThat(alert.path("kind").asText()).isEqualTo("ssh.login");
        assertThat(alert.path("hostName").asText()).isEqualTo(LoginsTestAgent.SERVER_NAME);
        assertThat(alert.path("fields").path("User").asText()).isEqualTo("deploy");
        assertThat(alert.path("fields").path("Source").asText()).isEqualTo("203.0.113.7");
        assertThat(alert.path("fields").path("Time").asText()).isEqualTo(TIME);
        assertThat(alert.path("fields").has("Seen before")).isTrue();
    }

    private JsonNode storeLogin(String user, String rhost) {
        JsonNode response = agent.storeLogin(user, rhost, TIME);
        return agent.login(response.path("loginId").asLong());
    }

    private JsonNode alertFields(JsonNode login) {
        return agent.alert(login.path("alertId").asText()).path("fields");
    }

    private void trust(String network) {
        HttpResponse<String> response = agent.post("/api/trusted-networks", Json.write(Map.of("network", network)));
        assertThat(response.statusCode()).as("adding trusted network %s", network).isEqualTo(201);
    }

    /** Returns the names the test JVM's recording resolver saw; its accessor is package-private to the net tests. */
    @SuppressWarnings("unchecked")
    private static List<String> resolverLookups() throws ReflectiveOperationException {
        Method lookups = RecordingResolverProvider.class.getDeclaredMethod("lookups");
        lookups.setAccessible(true);
        return (List<String>) lookups.invoke(null);
    }
}
