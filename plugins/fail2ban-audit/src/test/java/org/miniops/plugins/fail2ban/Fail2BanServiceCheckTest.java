package org.miniops.plugins.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.miniops.plugins.fail2ban.Fixtures.resource;
import static org.miniops.plugins.fail2ban.Fixtures.write;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;
import org.miniops.api.CommandResult;
import org.miniops.api.Host;
import org.miniops.api.RecordedCommands;

/** fail2ban-client messages recorded from fail2ban 1.0.2 on Debian 12. */
class Fail2BanServiceCheckTest {

    private static final List<String> PING = List.of("fail2ban-client", "ping");
    private static final List<String> DUMP = List.of("fail2ban-client", "-d");
    private static final CommandResult PONG = new CommandResult(0, "Server replied: pong\n", "");
    private static final CommandResult PERMISSION_DENIED = new CommandResult(255, "",
            "2026-12-04 20:29:56,532 fail2ban                [4832]: ERROR   Permission denied to socket:"
                    + " /var/run/fail2ban/fail2ban.sock, (you must be root)\n");
    private static final CommandResult SOCKET_MISSING = new CommandResult(255, "",
            "2026-12-04 20:29:26,943 fail2ban                [4511]: ERROR   Failed to access socket path:"
                    + " /var/run/fail2ban/fail2ban.sock. Is fail2ban running?\n");
    private static final CommandResult CONNECTION_REFUSED = new CommandResult(255, "",
            "2026-12-04 20:29:27,404 fail2ban                [4558]: ERROR   [Errno 111] Connection refused\n");
    private static final List<String> DEBIAN_SERVICE = List.of("/usr/bin/python3", "/usr/bin/fail2ban-server", "-xf", "start");

    @TempDir
    Path root;

    private CheckResult check(RecordedCommands commands) throws Exception {
        return check(Host.of(root, commands, true), Map.of());
    }

    private CheckResult check(Host host, Map<String, String> settings) throws Exception {
        return Fixtures.run(new Fail2BanServiceCheck(), host, settings);
    }

    private static CommandResult dump(String name) {
        return new CommandResult(0, resource(name + ".txt"), resource(name + ".stderr.txt"));
    }

    @Test
    void answeredPingPasses() throws Exception {
        CheckResult result = check(new RecordedCommands().on(PING, PONG));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo("fail2ban-server is running and replies to ping on /var/run/fail2ban/fail2ban.sock");
        assertThat(result.evidence()).contains("Server replied: pong (fail2ban-client ping)");
    }

    @Test
    void answeredPingNamesTheProcess() throws Exception {
        Fixtures.processTable(root, Map.of(812, DEBIAN_SERVICE));

        CheckResult result = check(new RecordedCommands().on(PING, PONG));

        assertThat(result.evidence()).contains(
                "fail2ban-server PID 812: /usr/bin/python3 /usr/bin/fail2ban-server -xf start (/proc/812/cmdline)");
    }

    @Test
    void notInstalledIsSkipped() throws Exception {
        CheckResult result = check(new RecordedCommands());

        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result.summary()).contains("fail2ban-client was not found");
    }

    @Test
    void deniedSocketWithoutProcessTableIsUnknown() throws Exception {
        CheckResult result = check(new RecordedCommands().on(PING, PERMISSION_DENIED));

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).contains("Permission denied to socket: /var/run/fail2ban/fail2ban.sock, (you must be root)");
    }

    @Test
    void deniedSocketWithoutProcessIsUnknown() throws Exception {
        Fixtures.processTable(root, Map.of());

        CheckResult result = check(new RecordedCommands().on(PING, PERMISSION_DENIED));

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
    }

    @Test
    void deniedSocketWithServerProcessPasses() throws Exception {
        Fixtures.processTable(root, Map.of(812, DEBIAN_SERVICE));

        CheckResult result = check(new RecordedCommands().on(PING, PERMISSION_DENIED));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo("fail2ban-server is running (PID 812, seen in /proc); its socket needs root,"
                + " so live jail counters are not available to this agent");
    }

    @Test
    void missingSocketWithoutProcessTableIsUnknown() throws Exception {
        CheckResult result = check(new RecordedCommands().on(PING, SOCKET_MISSING));

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).contains("Failed to access socket path").contains("no /proc/self");
    }

    @Test
    void missingSocketAndNoServerProcessFails() throws Exception {
        Fixtures.processTable(root, Map.of(1, List.of("/sbin/init")));

        CheckResult result = check(new RecordedCommands().on(PING, SOCKET_MISSING));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.summary()).startsWith("fail2ban is installed but fail2ban-server is not running");
        assertThat(result.evidence()).contains(
                "Failed to access socket path: /var/run/fail2ban/fail2ban.sock. Is fail2ban running? (fail2ban-client ping,"
                        + " exit code 255)",
                "no fail2ban-server for socket /var/run/fail2ban/fail2ban.sock among 2 processes in /proc");
    }

    @Test
    void staleSocketAndNoServerProcessFails() throws Exception {
        Fixtures.processTable(root, Map.of());

        CheckResult result = check(new RecordedCommands().on(PING, CONNECTION_REFUSED));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void stoppedServerReportsLastLoggedError() throws Exception {
        Fixtures.processTable(root, Map.of());
        write(root, "/var/log/fail2ban.log", resource("fail2ban-log-with-errors.log").strip());
        write(root, "/etc/fail2ban/jail.conf", "[DEFAULT]", "enabled = false");

        CheckResult result = check(new RecordedCommands().on(PING, SOCKET_MISSING));

        assertThat(result.summary()).endsWith("last logged error: 2026-12-04 20:43:11,252 fail2ban.transmitter    [14804]:"
                + " ERROR   Command ['status', 'sshd'] has failed. Received UnknownJailException('sshd')");
        assertThat(result.evidence()).anyMatch(line -> line.startsWith("last error in /var/log/fail2ban.log: "));
    }

    @Test
    void stoppedServerNamesMissingJailLog() throws Exception {
        Fixtures.processTable(root, Map.of());

        CheckResult result = check(new RecordedCommands().on(PING, SOCKET_MISSING).on(DUMP, dump("dump-debian-stock")));

        assertThat(result.summary()).endsWith("it stops at start-up on: Have not found any log file for sshd jail");
        assertThat(result.evidence()).contains("configuration problem: Have not found any log file for sshd jail (fail2ban-client -d)");
        assertThat(result.remediation()).contains("backend = systemd");
    }

    @Test
    void stoppedServerNamesRejectedConfiguration() throws Exception {
        Fixtures.processTable(root, Map.of());

        CheckResult result = check(new RecordedCommands().on(PING, SOCKET_MISSING)
                .on(DUMP, new CommandResult(255, resource("dump-bad-substitution.txt"), resource("dump-bad-substitution.stderr.txt"))));

        assertThat(result.summary()).contains("it stops at start-up on: Failed during configuration: Bad value substitution");
    }

    @Test
    void stoppedServerLoggingToSyslogPointsAtJournal() throws Exception {
        Fixtures.processTable(root, Map.of());
        write(root, "/etc/fail2ban/fail2ban.local", "[Definition]", "logtarget = SYSLOG");

        CheckResult result = check(new RecordedCommands().on(PING, SOCKET_MISSING));

        assertThat(result.evidence()).contains(
                "fail2ban-server logs to SYSLOG, not to a file; read its errors with: journalctl -u fail2ban");
    }

    @Test
    void pingTimeoutIsUnknown() throws Exception {
        Fixtures.processTable(root, Map.of(812, DEBIAN_SERVICE));

        CheckResult result = check(new RecordedCommands().hangs(PING));

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).contains("runs (PID 812) but did not reply to ping");
    }

    @Test
    void activeSystemdUnitPasses() throws Exception {
        CheckResult result = check(new RecordedCommands().on(PING, SOCKET_MISSING)
                .on(List.of("systemctl", "is-active", "fail2ban"), "active\n"));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("systemctl is-active fail2ban: active");
    }

    @Test
    void systemctlWithoutSystemdIsIgnored() throws Exception {
        Fixtures.processTable(root, Map.of());

        CheckResult result = check(new RecordedCommands().on(PING, SOCKET_MISSING)
                .on(List.of("systemctl", "is-active", "fail2ban"), new CommandResult(1, "",
                        "System has not been booted with systemd as init system (PID 1). Can't operate.\n"
                                + "Failed to connect to bus: Host is down\n")));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).noneMatch(line -> line.startsWith("systemctl"));
    }

    @Test
    void settingsPassSocketAndConfigDirectory() throws Exception {
        RecordedCommands commands = new RecordedCommands()
                .on(List.of("fail2ban-client", "-c", "/srv/f2b", "-s", "/srv/f2b/f2b.sock", "ping"), PONG);

        CheckResult result = check(Host.of(root, commands, true),
                Map.of("FAIL2BAN_SOCKET", "/srv/f2b/f2b.sock", "FAIL2BAN_CONFIG_DIR", "/srv/f2b"));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).endsWith("replies to ping on /srv/f2b/f2b.sock");
    }

    @Test
    void socketFromFail2banLocalIsReported() throws Exception {
        write(root, "/etc/fail2ban/fail2ban.conf", "[Definition]", "socket = /var/run/fail2ban/fail2ban.sock");
        write(root, "/etc/fail2ban/fail2ban.local", "[Definition]", "socket = /run/f2b.sock");

        CheckResult result = check(new RecordedCommands().on(PING, PONG));

        assertThat(result.summary()).endsWith("replies to ping on /run/f2b.sock");
    }

    @Test
    void relativeSocketSettingIsAnError() throws Exception {
        CheckResult result = check(Host.of(root, new RecordedCommands(), true), Map.of("FAIL2BAN_SOCKET", "f2b.sock"));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.summary()).startsWith("FAIL2BAN_SOCKET is 'f2b.sock'; it must be an absolute path");
    }

    @Test
    void filesOnlyWithoutProgramsIsSkipped() throws Exception {
        CheckResult result = check(Fixtures.filesOnly(root), Map.of());

        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
    }

    @Test
    void filesOnlyWithServerProcessPasses() throws Exception {
        write(root, "/usr/bin/fail2ban-server", "#!/usr/bin/python3");
        Fixtures.processTable(root, Map.of(812, DEBIAN_SERVICE));

        CheckResult result = check(Fixtures.filesOnly(root), Map.of());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void filesOnlyWithoutServerProcessFails() throws Exception {
        write(root, "/usr/bin/fail2ban-server", "#!/usr/bin/python3");
        Fixtures.processTable(root, Map.of());

        CheckResult result = check(Fixtures.filesOnly(root), Map.of());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains(
                "commands do not run on this host, so fail2ban-server's socket /var/run/fail2ban/fail2ban.sock was not asked");
    }

    @Test
    void filesOnlyImageWithoutProcessTableIsUnknown() throws Exception {
        write(root, "/usr/bin/fail2ban-client", "#!/usr/bin/python3");

        CheckResult result = check(Fixtures.filesOnly(root), Map.of());

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
    }

    @Test
    void hiddenProcessesAreUnknownForUnprivilegedAgent() throws Exception {
        Fixtures.processTable(root, Map.of());
        write(root, "/proc/mounts", "proc /proc proc rw,nosuid,nodev,noexec,relatime,hidepid=2 0 0");

        CheckResult result = check(Host.of(root, new RecordedCommands().on(PING, SOCKET_MISSING), false), Map.of());

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).contains("hidepid=2");
    }
}
