package org.miniops.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks which PAM events the hook reports, and that it reports the remote host exactly as PAM gives it. */
class HookFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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
    void otherPamEventsSendNothing() throws Exception {
        List<Login> ignored = List.of(
                Login.sshd("close-session", "198.51.100.4").pam("PAM_TYPE", "close_session"),
                Login.sshd("auth", "198.51.100.4").pam("PAM_TYPE", "auth"),
                Login.sshd("account", "198.51.100.4").pam("PAM_TYPE", "account"),
                Login.sshd("no-type", "198.51.100.4").withoutPam("PAM_TYPE"),
                Login.sshd("su", "").pam("PAM_SERVICE", "su"),
                Login.sshd("sudo", "").pam("PAM_SERVICE", "sudo"),
                Login.sshd("cron", "").pam("PAM_SERVICE", "cron").pam("PAM_TTY", "cron"),
                Login.sshd("no-service", "198.51.100.4").withoutPam("PAM_SERVICE"));
        Path spoolDir = dir.resolve("spool");

        for (Login login : ignored) {
            ScriptRun run = login.port(server.port()).keyFile(key.file()).spoolDir(spoolDir).run();
            assertThat(run.exitCode()).isZero();
        }
        // An sshd login started after the ignored events; once it arrives, any of theirs would have too.
        Login.sshd("canary", "198.51.100.4").port(server.port()).keyFile(key.file()).spoolDir(spoolDir).run();
        server.next(Duration.ofSeconds(5));
        Thread.sleep(500);

        assertThat(server.history()).hasSize(1);
        assertThat(JSON.readTree(server.history().getFirst().body()).get("user").asText()).isEqualTo("canary");
        assertThat(Spool.events(spoolDir)).isEmpty();
    }

    @ParameterizedTest(name = "PAM_RHOST \"{0}\"")
    @ValueSource(strings = {"203.0.113.7", "2001:db8::7", "fe80::1%eth0", "::ffff:203.0.113.7", "client.example.net",
            "", "UNKNOWN"})
    void remoteHostIsSentVerbatim(String rhost) throws Exception {
        ScriptRun run = Login.sshd("alice", rhost).port(server.port()).keyFile(key.file())
                .spoolDir(dir.resolve("spool")).run();

        assertThat(run.exitCode()).isZero();
        RecordingHookServer.Request request = server.next(Duration.ofSeconds(5));
        assertThat(request.rejection()).isNull();
        assertThat(JSON.readTree(request.body()).get("rhost").asText()).isEqualTo(rhost);
    }
}
