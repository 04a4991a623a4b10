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

/** Outputs recorded from fail2ban 1.0.2 on Debian 12, and the 0.9 layouts. */
class Fail2BanJailsCheckTest {

    private static final List<String> PING = List.of("fail2ban-client", "ping");
    private static final List<String> STATUS = List.of("fail2ban-client", "status");
    private static final List<String> STATUS_SSHD = List.of("fail2ban-client", "status", "sshd");
    private static final List<String> DUMP = List.of("fail2ban-client", "-d");
    private static final CommandResult PONG = new CommandResult(0, "Server replied: pong\n", "");
    private static final CommandResult PERMISSION_DENIED = new CommandResult(255, "",
            "2026-12-04 20:29:56,532 fail2ban                [4832]: ERROR   Permission denied to socket:"
                    + " /var/run/fail2ban/fail2ban.sock, (you must be root)\n");
    private static final CommandResult SOCKET_MISSING = new CommandResult(255, "",
            "2026-12-04 20:29:26,943 fail2ban                [4511]: ERROR   Failed to access socket path:"
                    + " /var/run/fail2ban/fail2ban.sock. Is fail2ban running?\n");

    @TempDir
    Path root;

    private CheckResult check(RecordedCommands commands) throws Exception {
        return Fixtures.run(new Fail2BanJailsCheck(), Host.of(root, commands, true), Map.of());
    }

    private CheckResult checkFiles() throws Exception {
        return Fixtures.run(new Fail2BanJailsCheck(), Fixtures.filesOnly(root), Map.of());
    }

    private static CommandResult dump(String name) {
        return new CommandResult(0, resource(name + ".txt"), resource(name + ".stderr.txt"));
    }

    private RecordedCommands live(String statusFile) {
        return new RecordedCommands().on(PING, PONG).on(STATUS, resource(statusFile));
    }

    /** Writes a small configuration whose enabled jails are {@code enabled}, with filters, actions and log files in place. */
    private void configuration(String... enabled) {
        write(root, "/etc/fail2ban/jail.conf",
                "[DEFAULT]",
                "filter = %(__name__)s",
                "port = 0:65535",
                "banaction = iptables-multiport",
                "action = %(banaction)s[port=\"%(port)s\"]",
                "logpath = /var/log/auth.log",
                "[sshd]",
                "port = ssh",
                "[nginx-http-auth]",
                "port = http,https");
        write(root, "/etc/fail2ban/filter.d/sshd.conf", "[Definition]", "failregex = x <HOST>");
        write(root, "/etc/fail2ban/filter.d/nginx-http-auth.conf", "[Definition]", "failregex = y <HOST>");
        write(root, "/etc/fail2ban/action.d/iptables-multiport.conf", "[Definition]", "actionban = true");
        write(root, "/var/log/auth.log", "");
        StringBuilder local = new StringBuilder();
        for (String jail : enabled) {
            local.append('[').append(jail).append("]\nenabled = true\n");
        }
        write(root, "/etc/fail2ban/jail.local", local.toString());
        write(root, "/usr/bin/fail2ban-server", "#!/usr/bin/python3");
    }

    @Test
    void liveSshdJailPassesWithCounters() throws Exception {
        CheckResult result = check(live("status-one-jail-1.0.txt").on(STATUS_SSHD, resource("status-sshd-ipv4-ipv6-1.0.txt")));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo("jail sshd guards sshd and is running");
        assertThat(result.evidence()).containsExactly(
                "jails running: sshd (fail2ban-client status)",
                "sshd: currently failed 1, total failed 4, currently banned 2, total banned 2,"
                        + " banned IPs 192.0.2.50 2001:db8::7 (fail2ban-client status sshd)");
    }

    @Test
    void liveServerWithoutJailsFails() throws Exception {
        CheckResult result = check(live("status-no-jails-1.0.txt"));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.remediation()).contains("/etc/fail2ban/jail.local").contains("fail2ban-client reload");
    }

    @Test
    void failedJailStatusBecomesEvidence() throws Exception {
        CheckResult result = check(live("status-three-jails-0.9.txt")
                .on(List.of("fail2ban-client", "status", "nginx-http-auth"), resource("status-nginx-no-bans-1.0.txt"))
                .on(List.of("fail2ban-client", "status", "postfix"), resource("status-nginx-no-bans-1.0.txt"))
                .on(STATUS_SSHD, new CommandResult(255, "Sorry but the jail 'sshd' does not exist\n", "")));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("sshd: fail2ban-client status sshd failed: Sorry but the jail 'sshd' does not exist");
    }

    @Test
    void liveJailsOtherThanSshdWarn() throws Exception {
        CheckResult result = check(new RecordedCommands().on(PING, PONG)
                .on(STATUS, "Status\n|- Number of jail:\t1\n`- Jail list:\tnginx-http-auth\n")
                .on(List.of("fail2ban-client", "status", "nginx-http-auth"), resource("status-nginx-no-bans-1.0.txt")));

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).isEqualTo("fail2ban-server runs 1 jail(s) (nginx-http-auth) but none for sshd");
    }

    @Test
    void liveJailWithSshdFilterPasses() throws Exception {
        configuration();
        write(root, "/etc/fail2ban/jail.local", "[ssh-2222]", "enabled = true", "filter = sshd", "port = 2222");

        CheckResult result = check(new RecordedCommands().on(PING, PONG)
                .on(STATUS, "Status\n|- Number of jail:\t1\n`- Jail list:\tssh-2222\n")
                .on(List.of("fail2ban-client", "status", "ssh-2222"), resource("status-sshd-0.9.txt")));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo("jail ssh-2222 guards sshd and is running");
    }

    @Test
    void deniedSocketFallsBackToConfigurationDump() throws Exception {
        CheckResult result = check(new RecordedCommands().on(PING, PERMISSION_DENIED).on(DUMP, dump("dump-debian-stock")));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo("jail sshd guards sshd in fail2ban's configuration; live counters unavailable:"
                + " Permission denied to socket: /var/run/fail2ban/fail2ban.sock, (you must be root)");
        assertThat(result.evidence()).contains(
                "sshd enabled: port ssh, banaction iptables-multiport, actions iptables-multiport, backend auto, no log file"
                        + " (fail2ban-client -d)");
    }

    @Test
    void stoppedServerUsesConfigurationDump() throws Exception {
        Fixtures.processTable(root, Map.of());

        CheckResult result = check(new RecordedCommands().on(PING, SOCKET_MISSING).on(DUMP, dump("dump-config-error")));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).endsWith("live counters unavailable: fail2ban-server is not running");
        assertThat(result.evidence()).contains("custom skipped by fail2ban: Unable to read the filter 'does-not-exist' (fail2ban-client -d)");
    }

    @Test
    void emptyDumpFails() throws Exception {
        Fixtures.processTable(root, Map.of());

        CheckResult result = check(new RecordedCommands().on(PING, SOCKET_MISSING)
                .on(DUMP, "['set', 'loglevel', 'INFO']\n['set', 'dbpurgeage', '1d']\n"));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.summary()).startsWith("no jail is enabled in fail2ban's configuration");
    }

    @Test
    void rejectedConfigurationFails() throws Exception {
        Fixtures.processTable(root, Map.of());

        CheckResult result = check(new RecordedCommands().on(PING, SOCKET_MISSING)
                .on(DUMP, new CommandResult(255, resource("dump-bad-substitution.txt"), resource("dump-bad-substitution.stderr.txt"))));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.summary()).startsWith("fail2ban rejects its jail configuration, so fail2ban-server starts no jail:"
                + " Failed during configuration: Bad value substitution");
    }

    @Test
    void unreadableConfigurationInDumpIsUnknown() throws Exception {
        Fixtures.processTable(root, Map.of());

        CheckResult result = check(new RecordedCommands().on(PING, SOCKET_MISSING).on(DUMP, new CommandResult(0, "",
                "2026-12-04 20:50:00,000 fail2ban.configreader   [99]: ERROR   Could not read config files:"
                        + " /etc/fail2ban/jail.local\n")));

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).isEqualTo("cannot read fail2ban's jail configuration: /etc/fail2ban/jail.local: permission denied");
    }

    @Test
    void notInstalledIsSkipped() throws Exception {
        assertThat(check(new RecordedCommands()).status()).isEqualTo(CheckStatus.SKIPPED);
    }

    @Test
    void filesWithSshdJailPass() throws Exception {
        configuration("sshd");

        CheckResult result = checkFiles();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("sshd enabled: port ssh, filter sshd, banaction iptables-multiport,"
                + " actions iptables-multiport, backend auto, log files /var/log/auth.log (/etc/fail2ban/jail.local:2)");
    }

    @Test
    void filesWithoutJailsFail() throws Exception {
        configuration();

        assertThat(checkFiles().status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void filesWithOtherJailsWarn() throws Exception {
        configuration("nginx-http-auth");

        CheckResult result = checkFiles();

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).startsWith("1 jail(s) enabled (nginx-http-auth) but none for sshd");
    }

    @Test
    void filesWithMissingLogShowTheProblem() throws Exception {
        configuration("sshd");
        write(root, "/etc/fail2ban/jail.d/secure.local", "[sshd]", "logpath = /var/log/secure");

        CheckResult result = checkFiles();

        assertThat(result.evidence()).contains("configuration problem: Have not found any log file for sshd jail");
    }
}
