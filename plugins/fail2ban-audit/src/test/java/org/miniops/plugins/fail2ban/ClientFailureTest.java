package org.miniops.plugins.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.miniops.api.CommandResult;

/** Error output recorded from fail2ban-client 1.0.2 and, where marked, 0.9. */
class ClientFailureTest {

    private static ClientFailure failure(String stderr) {
        return ClientFailure.of(new CommandResult(255, "", stderr));
    }

    @Test
    void permissionDenied() {
        ClientFailure failure = failure("2026-12-04 20:29:56,532 fail2ban                [4832]: ERROR   Permission denied to"
                + " socket: /var/run/fail2ban/fail2ban.sock, (you must be root)\n");

        assertThat(failure.kind()).isEqualTo(ClientFailure.Kind.PERMISSION_DENIED);
        assertThat(failure.message()).isEqualTo("Permission denied to socket: /var/run/fail2ban/fail2ban.sock, (you must be root)");
    }

    @Test
    void missingSocket() {
        ClientFailure failure = failure("2026-12-04 20:29:26,943 fail2ban                [4511]: ERROR   Failed to access"
                + " socket path: /var/run/fail2ban/fail2ban.sock. Is fail2ban running?\n");

        assertThat(failure.kind()).isEqualTo(ClientFailure.Kind.SOCKET_MISSING);
        assertThat(failure.message()).isEqualTo("Failed to access socket path: /var/run/fail2ban/fail2ban.sock. Is fail2ban running?");
    }

    @Test
    void staleSocketOnPing() {
        ClientFailure failure = failure("2026-12-04 20:29:27,404 fail2ban                [4558]: ERROR   [Errno 111] Connection refused\n");

        assertThat(failure.kind()).isEqualTo(ClientFailure.Kind.NOT_LISTENING);
    }

    @Test
    void staleSocketOnStatus() {
        ClientFailure failure = failure("2026-12-04 20:29:27,479 fail2ban                [4559]: ERROR   [[Errno 111] Connection"
                + " refused] Unable to contact server. Is it running?\n");

        assertThat(failure.kind()).isEqualTo(ClientFailure.Kind.NOT_LISTENING);
    }

    @Test
    void oldClientLayout() {
        ClientFailure failure = failure("ERROR  Unable to contact server. Is it running?\n");

        assertThat(failure.kind()).isEqualTo(ClientFailure.Kind.NOT_LISTENING);
        assertThat(failure.message()).isEqualTo("Unable to contact server. Is it running?");
    }

    @Test
    void otherErrorKeepsClientWords() {
        ClientFailure failure = ClientFailure.of(new CommandResult(255, "Sorry but the jail 'sshd' does not exist\n",
                "2026-12-04 20:43:11,252 fail2ban                [14811]: ERROR   NOK: ('sshd',)\n"));

        assertThat(failure.kind()).isEqualTo(ClientFailure.Kind.OTHER);
        assertThat(failure.message()).isEqualTo("Sorry but the jail 'sshd' does not exist");
    }

    @Test
    void silentFailureNamesExitCode() {
        assertThat(ClientFailure.of(new CommandResult(255, "", "")).message()).isEqualTo("exit code 255 without a message");
    }
}
