package org.miniops.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the request the hook sends to a live agent: method, path, headers and a signature the JDK accepts. */
class HookDeliveryTest {

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
    void requestFollowsHookProtocol() throws Exception {
        long before = Instant.now().getEpochSecond();

        login("alice");
        RecordingHookServer.Request request = server.next(ARRIVAL);

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/hooks/ssh-login");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Content-Length")).isEqualTo(Integer.toString(request.body().length));
        assertThat(request.header("Expect")).isNull();
        assertThat(request.header("X-MiniOps-Nonce")).matches("[0-9a-f]{32}");
        assertThat(request.header("X-MiniOps-Signature")).matches("[0-9a-f]{64}");
        assertThat(Long.parseLong(request.header("X-MiniOps-Timestamp")))
                .isBetween(before - 1, Instant.now().getEpochSecond() + 1);
        assertThat(request.rejection()).as("signature check with javax.crypto.Mac").isNull();
    }

    @Test
    void eachLoginGetsFreshNonce() throws Exception {
        login("alice");
        login("bob");

        String first = server.next(ARRIVAL).header("X-MiniOps-Nonce");
        String second = server.next(ARRIVAL).header("X-MiniOps-Nonce");

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void keyFileWithoutNewlineIsAccepted() throws Exception {
        Files.writeString(key.file(), key.hex(), StandardCharsets.US_ASCII);

        login("alice");

        assertThat(server.next(ARRIVAL).rejection()).isNull();
    }

    @Test
    void keyFileWithBlanksAndCrlfIsAccepted() throws Exception {
        Files.writeString(key.file(), "  " + key.hex() + "\t\r\n", StandardCharsets.US_ASCII);

        login("alice");

        assertThat(server.next(ARRIVAL).rejection()).isNull();
    }

    @Test
    void uppercaseHexKeyGivesSameSignature() throws Exception {
        Files.writeString(key.file(), key.hex().toUpperCase() + "\n", StandardCharsets.US_ASCII);

        login("alice");

        assertThat(server.next(ARRIVAL).rejection()).isNull();
    }

    @Test
    void successfulDeliveryLeavesSpoolEmpty() throws Exception {
        Path spoolDir = dir.resolve("spool");

        login("alice");
        server.next(ARRIVAL);
        Thread.sleep(300);

        assertThat(Spool.events(spoolDir)).isEmpty();
    }

    private void login(String user) throws Exception {
        ScriptRun run = Login.sshd(user, "198.51.100.4").port(server.port()).keyFile(key.file())
                .spoolDir(dir.resolve("spool")).run();
        assertThat(run.exitCode()).isZero();
    }
}
