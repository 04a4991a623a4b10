package org.miniops.plugins.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.miniops.plugins.fail2ban.Fixtures.write;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLogTest {

    @TempDir
    Path root;

    @Test
    void lastErrorLineIsReturned() throws Exception {
        write(root, "/var/log/fail2ban.log", Fixtures.resource("fail2ban-log-with-errors.log").strip());

        assertThat(ServerLog.lastError(Fixtures.filesOnly(root), "/var/log/fail2ban.log")).hasValue(
                "2026-12-04 20:43:11,252 fail2ban.transmitter    [14804]: ERROR   Command ['status', 'sshd'] has failed."
                        + " Received UnknownJailException('sshd')");
    }

    @Test
    void criticalCountsAsError() throws Exception {
        write(root, "/var/log/fail2ban.log",
                "2024-05-01 10:00:00,000 fail2ban.server         [77]: CRITICAL Unable to restore environment",
                "2024-05-01 10:00:01,000 fail2ban.server         [77]: INFO    Exiting Fail2ban");

        assertThat(ServerLog.lastError(Fixtures.filesOnly(root), "/var/log/fail2ban.log")).get().asString()
                .contains("CRITICAL Unable to restore environment");
    }

    @Test
    void logWithoutErrorsHasNone() throws Exception {
        write(root, "/var/log/fail2ban.log", "2024-05-01 10:00:00,000 fail2ban.server         [77]: INFO    Starting Fail2ban v1.0.2");

        assertThat(ServerLog.lastError(Fixtures.filesOnly(root), "/var/log/fail2ban.log")).isEmpty();
    }

    @Test
    void missingLogHasNone() throws Exception {
        assertThat(ServerLog.lastError(Fixtures.filesOnly(root), "/var/log/fail2ban.log")).isEmpty();
    }

    @Test
    void onlyTheTailIsSearched() throws Exception {
        Path log = write(root, "/var/log/fail2ban.log",
                "2024-05-01 10:00:00,000 fail2ban.server         [77]: ERROR   an old error");
        Files.writeString(log, ("x".repeat(99) + "\n").repeat(ServerLog.TAIL_BYTES / 100 + 10),
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(ServerLog.lastError(Fixtures.filesOnly(root), "/var/log/fail2ban.log")).isEmpty();
    }
}
