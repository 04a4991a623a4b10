package org.miniops.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that the JSON body the hook sends parses back to the exact PAM values, whatever bytes they contain. */
class HookBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ARRIVAL = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private HookKey key;
    private RecordingHookServer server;

    @BeforeEach
    void startServer() throws Exception {
        Scripts.assumeCurl();
        key = HookKey.createIn(dir);
        server = RecordingHookServer.start(key.bytes());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void injectedFieldStaysInsideUserName() throws Exception {
        String user = "x\",\"ip\":\"10.0.0.5";

        RecordingHookServer.Request request = deliver(Login.sshd(user, "198.51.100.4"));
        JsonNode body = JSON.readTree(request.body());

        assertThat(body.get("user").asText()).isEqualTo(user);
        assertThat(body.has("ip")).isFalse();
        assertThat(request.bodyText()).contains("\"user\":\"x\\\",\\\"ip\\\":\\\"10.0.0.5\"");
    }

    @Test
    void bodyHoldsExactlyTheProtocolFields() throws Exception {
        JsonNode body = JSON.readTree(deliver(Login.sshd("alice", "198.51.100.4")).body());

        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("user", "rhost", "service", "tty", "time");
        body.elements().forEachRemaining(value -> assertThat(value.isTextual()).isTrue());
        assertThat(body.get("service").asText()).isEqualTo("sshd");
        assertThat(body.get("tty").asText()).isEqualTo("ssh");
    }

    @Test
    void quotesAndBackslashesRoundTrip() throws Exception {
        String user = "a\"b\\c\\\\d\\\"e\\";
        String rhost = "\\\\server\\share\"";

        JsonNode body = JSON.readTree(deliver(Login.sshd(user, rhost)).body());

        assertThat(body.get("user").asText()).isEqualTo(user);
        assertThat(body.get("rhost").asText()).isEqualTo(rhost);
    }

    @Test
    void controlCharactersAreEscaped() throws Exception {
        StringBuilder user = new StringBuilder("ctl");
        for (char c = 1; c < 0x20; c++) {
            user.append(c);
        }
        user.append('\u007f').append("end");

        RecordingHookServer.Request request = deliver(Login.sshd(user.toString(), "198.51.100.4"));

        assertThat(JSON.readTree(request.body()).get("user").asText()).isEqualTo(user.toString());
        for (byte b : request.body()) {
            assertThat(b & 0xff).as("raw byte in body").isGreaterThanOrEqualTo(0x20);
        }
        assertThat(request.bodyText()).contains("\\n", "\\t", "\\r", "\\b", "\\f", "\\u0001", "\\u000b", "\\u001f");
    }

    @Test
    void trailingNewlinesSurvive() throws Exception {
        // Shell command substitution drops trailing newlines, so the hook must escape them before any substitution.
        String tty = "\n/dev/pts/3\n\n";

        JsonNode body = JSON.readTree(deliver(Login.sshd("alice", "198.51.100.4").pam("PAM_TTY", tty)).body());

        assertThat(body.get("tty").asText()).isEqualTo(tty);
    }

    @Test
    void utf8PassesThroughUnescaped() throws Exception {
        assertThat(System.getProperty("sun.jnu.encoding"))
                .as("the JVM must pass environment variables as UTF-8; surefire sets LC_ALL=C.UTF-8 for that")
                .isEqualTo("UTF-8");
        String user = "j\u00fcrgen-\u65e5\u672c-\ud83d\ude00";

        RecordingHookServer.Request request = deliver(Login.sshd(user, "198.51.100.4"));

        assertThat(JSON.readTree(request.body()).get("user").asText()).isEqualTo(user);
        assertThat(request.bodyText()).contains("\"user\":\"" + user + "\"");
        assertThat(new String(request.body(), StandardCharsets.US_ASCII)).doesNotContain("\\u00fc");
    }

    @Test
    void shellSyntaxInValuesIsNotExpanded() throws Exception {
        String user = "$(id)`id`$HOME*?[a]%s%n\\101";

        JsonNode body = JSON.readTree(deliver(Login.sshd(user, "*")).body());

        assertThat(body.get("user").asText()).isEqualTo(user);
        assertThat(body.get("rhost").asText()).isEqualTo("*");
    }

    @Test
    void missingVariablesAreSentEmpty() throws Exception {
        Login login = Login.sshd("ignored", "ignored").withoutPam("PAM_USER").withoutPam("PAM_RHOST")
                .withoutPam("PAM_TTY");

        JsonNode body = JSON.readTree(deliver(login).body());

        assertThat(body.get("user").asText()).isEmpty();
        assertThat(body.get("rhost").asText()).isEmpty();
        assertThat(body.get("tty").asText()).isEmpty();
        assertThat(body.get("service").asText()).isEqualTo("sshd");
    }

    @Test
    void timeIsLoginTimeInUtc() throws Exception {
        Instant before = Instant.now().minusSeconds(1);

        JsonNode body = JSON.readTree(deliver(Login.sshd("alice", "198.51.100.4")).body());

        String time = body.get("time").asText();
        assertThat(time).matches("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
        assertThat(Instant.parse(time)).isBetween(before, Instant.now().plusSeconds(1));
    }

    private RecordingHookServer.Request deliver(Login login) throws Exception {
        ScriptRun run = login.port(server.port()).keyFile(key.file()).spoolDir(dir.resolve("spool")).run();
        assertThat(run.exitCode()).isZero();

        RecordingHookServer.Request request = server.next(ARRIVAL);
        assertThat(request.rejection()).as("server check of %s", request.bodyText()).isNull();
        return request;
    }
}
