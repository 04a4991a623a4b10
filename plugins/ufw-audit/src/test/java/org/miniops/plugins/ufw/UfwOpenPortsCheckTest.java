package org.miniops.plugins.ufw;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.miniops.api.CheckContext;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;
import org.miniops.api.CommandResult;
import org.miniops.api.CommandRunner;
import org.miniops.api.Host;
import org.miniops.api.PluginSettings;
import org.miniops.api.RecordedCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UfwOpenPortsCheckTest {

    private static final CommandResult NOT_ROOT =
            new CommandResult(1, "", "ERROR: You need to be root to run this script\n");

    @TempDir
    Path root;

    private final RecordedCommands commands = new RecordedCommands();

    private CheckResult check(CommandRunner runner) {
        return new UfwOpenPortsCheck().check(new CheckContext(Host.of(root, runner, true), PluginSettings.empty()));
    }

    private void sshdPort(int port) {
        Fixtures.write(root, "/etc/ssh/sshd_config", "Port " + port + "\n");
    }

    @Test
    void exampleListsPortsOpenToAnywhereFirst() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);
        sshdPort(2222);
        commands.on(Fixtures.STATUS_VERBOSE, Fixtures.resource("status-verbose-example.txt"));

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary())
                .isEqualTo("UFW lets in 4 ports from anywhere and 2 from some sources only; SSH port 2222 is allowed");
        assertThat(result.evidence()).containsExactly(
                "Rules from ufw status verbose",
                "Default: deny (incoming) (ufw status verbose)",
                "Open to anywhere: 2222/tcp LIMIT from anywhere (IPv4 and IPv6, comment \"ssh\")",
                "Open to anywhere: 80/tcp ALLOW from anywhere (IPv4 and IPv6)",
                "Open to anywhere: 443/tcp ALLOW from anywhere (IPv4 and IPv6)",
                "Open to anywhere: 60000-61000/udp ALLOW from anywhere (IPv4 and IPv6, comment \"mosh\")",
                "Open to some sources: 22/tcp ALLOW from 203.0.113.0/24 (IPv4, app profile OpenSSH)",
                "Open to some sources: 5432/tcp ALLOW on eth1 from 10.0.0.0/8 (IPv4)",
                "Not listed: 1 outgoing rule",
                "sshd ports: Port 2222 (/etc/ssh/sshd_config:1)");
    }

    @Test
    void sshPortWithoutRuleWarnsOfLockout() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);
        sshdPort(2200);
        commands.on(Fixtures.STATUS_VERBOSE, Fixtures.resource("status-verbose-example.txt"));

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).isEqualTo("No UFW rule allows SSH port 2200 while incoming traffic is blocked "
                + "by default: enabling or reloading UFW would lock you out");
        assertThat(result.remediation()).contains("ufw limit 2200/tcp");
    }

    @Test
    void severalSshPortsAreAllNamed() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);
        Fixtures.write(root, "/etc/ssh/sshd_config", "Port 2200\nPort 2201\n");
        commands.on(Fixtures.STATUS_VERBOSE, Fixtures.resource("status-verbose-example.txt"));

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).startsWith("No UFW rule allows SSH ports 2200, 2201 while");
        assertThat(result.evidence()).last().isEqualTo(
                "sshd ports: Port 2200 (/etc/ssh/sshd_config:1), Port 2201 (/etc/ssh/sshd_config:2)");
    }

    @Test
    void sshAllowedFromOneNetworkPasses() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);
        Fixtures.write(root, "/etc/ssh/sshd_config", "# defaults only\n");
        commands.on(Fixtures.STATUS_VERBOSE, Fixtures.resource("status-verbose-example.txt"));

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).endsWith("SSH port 22 is allowed");
        assertThat(result.evidence()).last().isEqualTo("sshd ports: Port 22 (OpenSSH default)");
    }

    @Test
    void withoutSshdThereIsNoLockout() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);
        commands.on(Fixtures.STATUS_VERBOSE, "Status: active\nDefault: deny (incoming), allow (outgoing), disabled (routed)\n");

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).last().asString().contains("sshd_config not found");
    }

    @Test
    void defaultAllowSkipsLockoutCheck() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);
        sshdPort(2200);
        commands.on(Fixtures.STATUS_VERBOSE, "Status: active\nDefault: allow (incoming), allow (outgoing), disabled (routed)\n");

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).endsWith("the default incoming policy is allow");
    }

    @Test
    void recordedRulesListEveryKind() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);
        sshdPort(22);
        commands.on(Fixtures.STATUS_VERBOSE, Fixtures.resource("recorded-status-verbose.txt"));

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains(
                "Open to anywhere: 53/tcp ALLOW from anywhere (IPv4 and IPv6)",
                "Open to anywhere: 53/udp ALLOW from anywhere (IPv4 and IPv6)",
                "Open to anywhere: 8080/tcp ALLOW from anywhere (IPv4 and IPv6, log)",
                "Open to anywhere: 8443/tcp ALLOW from anywhere (IPv4 and IPv6, log-all, comment \"tls alt\")",
                "Open to anywhere: all ports and protocols ALLOW on eth0 from anywhere (IPv4 and IPv6)",
                "Open to anywhere: 4444/udp ALLOW from anywhere (IPv4 and IPv6, app profile KTorrent)",
                "Open to anywhere: 22/tcp ALLOW to 192.168.1.10 from anywhere (IPv4)",
                "Open to anywhere: all tcp ports ALLOW from anywhere (IPv4 and IPv6)",
                "Open to anywhere: 8000-8100/tcp ALLOW from anywhere (IPv4 and IPv6)",
                "Open to some sources: protocol esp ALLOW from 198.51.100.7 (IPv4)",
                "Open to some sources: all udp ports ALLOW from 198.51.100.0/24 port 53 (IPv4)",
                "Open to some sources: 22/tcp ALLOW from 2001:db8::/32 (IPv6)",
                "Not listed: 5 incoming deny or reject rules, 8 outgoing rules, 3 route rules");
    }

    @Test
    void nonRootReadsRuleFiles() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);
        sshdPort(2222);
        commands.on(Fixtures.STATUS_VERBOSE, NOT_ROOT);

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).first().isEqualTo("Rules from /etc/ufw/user.rules and /etc/ufw/user6.rules "
                + "(read from the files because ufw status verbose needs root: "
                + "'ERROR: You need to be root to run this script' (exit 1))");
        assertThat(result.evidence()).contains("DEFAULT_INPUT_POLICY=\"DROP\" (/etc/default/ufw:3)",
                "Open to anywhere: 2222/tcp LIMIT from anywhere (IPv4 and IPv6, comment \"ssh\")");
    }

    @Test
    void nonRootWithoutReadableRulesIsUnknown() throws Exception {
        Fixtures.write(root, "/etc/ufw/ufw.conf", Fixtures.CONF_ENABLED);
        Fixtures.write(root, "/etc/default/ufw", Fixtures.DEFAULTS_DROP);
        Files.createDirectories(root.resolve("etc/ufw/user.rules"));
        commands.on(Fixtures.STATUS_VERBOSE, NOT_ROOT);

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).startsWith("Could not read UFW's rules: ufw status verbose needs root")
                .contains("cannot read /etc/ufw/user.rules");
    }

    @Test
    void inactiveFirewallWarnsBeforeEnableLocksOut() {
        Fixtures.write(root, "/etc/ufw/ufw.conf", Fixtures.CONF_DISABLED);
        Fixtures.write(root, "/etc/default/ufw", Fixtures.DEFAULTS_DROP);
        Fixtures.write(root, "/etc/ufw/user.rules",
                Fixtures.rulesFile("### tuple ### allow tcp 80,443 0.0.0.0/0 any 0.0.0.0/0 in"));
        Fixtures.write(root, "/etc/ufw/user6.rules", Fixtures.rulesFile());
        sshdPort(22);
        commands.on(Fixtures.STATUS_VERBOSE, "Status: inactive\n");

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.evidence()).first().isEqualTo("Rules from /etc/ufw/user.rules and /etc/ufw/user6.rules "
                + "(UFW is inactive, so these settings apply only once it is enabled)");
    }

    @Test
    void inactiveFirewallSummarySaysRulesApplyOnceEnabled() {
        Fixtures.installUfw(root, Fixtures.CONF_DISABLED, Fixtures.DEFAULTS_DROP);
        sshdPort(22);
        commands.on(Fixtures.STATUS_VERBOSE, "Status: inactive\n");

        CheckResult result = check(commands);

        assertThat(result.summary()).startsWith("UFW is inactive; once enabled it lets in ");
    }

    @Test
    void ipv6DisabledSkipsUser6Rules() {
        Fixtures.write(root, "/etc/ufw/ufw.conf", Fixtures.CONF_ENABLED);
        Fixtures.write(root, "/etc/default/ufw", Fixtures.DEFAULTS_DROP.replace("IPV6=yes", "IPV6=no"));
        Fixtures.write(root, "/etc/ufw/user.rules", Fixtures.resource("recorded-user.rules"));
        sshdPort(2222);

        CheckResult result = check(CommandRunner.disabled());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).first().isEqualTo("Rules from /etc/ufw/user.rules (file-only audit)");
        assertThat(result.evidence()).contains("Open to anywhere: 2222/tcp LIMIT from anywhere (IPv4, comment \"ssh\")");
    }

    @Test
    void malformedTupleIsReported() {
        Fixtures.write(root, "/etc/ufw/ufw.conf", Fixtures.CONF_ENABLED);
        Fixtures.write(root, "/etc/default/ufw", "IPV6=no\nDEFAULT_INPUT_POLICY=\"DROP\"\n");
        Fixtures.write(root, "/etc/ufw/user.rules", Fixtures.rulesFile(
                "### tuple ### limit tcp 22 0.0.0.0/0 any 0.0.0.0/0 in",
                "### tuple ### allow tcp 22 0.0.0.0/0"));
        sshdPort(22);

        CheckResult result = check(CommandRunner.disabled());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("Skipped like ufw does, malformed: /etc/ufw/user.rules line 7 "
                + "'### tuple ### allow tcp 22 0.0.0.0/0': a tuple has 6 to 9 fields, this one 4");
    }

    @Test
    void unreadableSshdConfigIsUnknown() throws Exception {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);
        Files.createDirectories(root.resolve("etc/ssh/sshd_config"));
        commands.on(Fixtures.STATUS_VERBOSE, Fixtures.resource("status-verbose-example.txt"));

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).startsWith("Could not check whether UFW keeps SSH reachable");
        assertThat(result.evidence()).contains("Open to anywhere: 80/tcp ALLOW from anywhere (IPv4 and IPv6)");
    }

    @Test
    void notInstalledIsSkipped() {
        CheckResult result = check(CommandRunner.disabled());

        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
    }
}
