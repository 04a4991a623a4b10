package org.miniops.plugins.portcoverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.miniops.plugins.portcoverage.FixtureRoot.row;
import static org.miniops.plugins.portcoverage.FixtureRoot.run;
import static org.miniops.plugins.portcoverage.FixtureRoot.ufwActive;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;
import org.miniops.api.CommandResult;

class SshPortCoverageCheckTest {

    private static final String UFW_2222 = ufwActive(
            row("2222/tcp", "LIMIT IN", "Anywhere", "ssh"),
            row("80,443/tcp", "ALLOW IN", "Anywhere", ""),
            row("2222/tcp (v6)", "LIMIT IN", "Anywhere (v6)", "ssh"),
            row("80,443/tcp (v6)", "ALLOW IN", "Anywhere (v6)", ""));

    private static final String UFW_OPENSSH = ufwActive(
            row("22/tcp (OpenSSH)", "ALLOW IN", "Anywhere", ""),
            row("22/tcp (OpenSSH (v6))", "ALLOW IN", "Anywhere (v6)", ""));

    @TempDir
    Path tempRoot;

    private FixtureRoot fixture;

    @BeforeEach
    void createFixture() {
        fixture = new FixtureRoot(tempRoot);
    }

    /** Lays out sshd PID 812 listening on 0.0.0.0:PORT and [::]:PORT, with one accepted connection. */
    private void sshdListensOn(int port) {
        fixture.listening("0.0.0.0", port, 21001 + port)
                .listening("::", port, 31001 + port)
                .connection("192.0.2.10", port, "198.51.100.23", 50514, 41001)
                .process(812, "sshd", 21001 + port, 31001 + port)
                .process(1, "systemd");
    }

    @Test
    void checkHasFixedIdInSshGroup() {
        SshPortCoverageCheck check = new SshPortCoverageCheck();

        assertThat(check.id()).isEqualTo("ssh.port-coverage");
        assertThat(check.group()).isEqualTo("ssh");
    }

    @Test
    void portsThatLineUpPass() {
        fixture.sshdConfig("Port 2222").ufwStatus(UFW_2222).fail2ban("[sshd]", "port = 2222");
        sshdListensOn(2222);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary())
                .isEqualTo("sshd's port 2222 lines up with the listening sockets, UFW's rules and Fail2Ban's jail sshd");
        assertThat(result.evidence()).contains(
                "sshd config: Port 2222 (/etc/ssh/sshd_config:1): sshd is set to listen on [::]:2222, 0.0.0.0:2222",
                "sshd PID 812 listens on 0.0.0.0:2222, [::]:2222 (/proc/net/tcp, /proc/net/tcp6, /proc/812/fd)",
                "UFW: 2222/tcp allowed by LIMIT IN 2222/tcp from anywhere # ssh (rules from ufw status verbose)");
        assertThat(result.evidence()).anyMatch(line -> line.startsWith(
                "Fail2Ban: jail sshd port = 2222, which is 2222 (/etc/fail2ban/jail.local:2; jails from /etc/fail2ban/paths-debian.conf,"));
    }

    @Test
    void jailOnPort22WarnsWhenSshdListensOn2222() {
        fixture.sshdConfig("Port 2222").ufwStatus(UFW_2222).fail2ban();
        sshdListensOn(2222);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).isEqualTo("sshd listens on port 2222 but Fail2Ban's jail sshd covers port 22 only");
        assertThat(result.evidence()).anyMatch(line -> line.startsWith(
                "Fail2Ban: jail sshd port = ssh, which is 22 (/etc/fail2ban/jail.conf:16; jails from"));
        assertThat(result.remediation()).isEqualTo(
                "In /etc/fail2ban/jail.local, section [sshd], set `port = 2222`, then run `fail2ban-client reload`.");
    }

    @Test
    void jailListWithServiceNameCoversBothPorts() {
        fixture.sshdConfig("Port 22", "Port 2222")
                .ufwStatus(UFW_2222).fail2ban("[sshd]", "port = ssh,2222");
        sshdListensOn(22);
        fixture.listening("0.0.0.0", 2222, 52222).process(813, "sshd", 52222);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).startsWith("sshd's ports 22, 2222 line up with the listening sockets");
        assertThat(result.evidence()).anyMatch(line -> line.startsWith("Fail2Ban: jail sshd port = ssh,2222, which is 22, 2222 ("));
    }

    @Test
    void jailMissingOnePortNamesIt() {
        fixture.sshdConfig("Port 22", "Port 2222").ufwStatus(UFW_2222).fail2ban();
        sshdListensOn(22);
        fixture.listening("0.0.0.0", 2222, 52222).process(813, "sshd", 52222);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).isEqualTo("sshd listens on port 2222 but Fail2Ban's jail sshd covers port 22 only");
        assertThat(result.remediation()).contains("set `port = ssh,2222`");
    }

    @Test
    void jailRangeCoversEveryPort() {
        fixture.sshdConfig("Port 2222").ufwStatus(UFW_2222).fail2ban("[sshd]", "port = 0:65535");
        sshdListensOn(2222);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).anyMatch(line -> line.startsWith("Fail2Ban: jail sshd port = 0:65535, which is 0-65535 ("));
    }

    @Test
    void allPortsBanActionCoversEveryPort() {
        fixture.sshdConfig("Port 2222").ufwStatus(UFW_2222).fail2ban("[sshd]", "banaction = iptables-allports");
        sshdListensOn(2222);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).anyMatch(line -> line.contains(
                "port = ssh, which is every port (action iptables-allports blocks the whole address)"));
    }

    @Test
    void jailFromClientDumpUsesItsPort() {
        fixture.sshdConfig("Port 22", "Port 2222").ufwStatus(UFW_OPENSSH).fail2ban("[sshd]", "port = ssh,2222")
                .command(List.of("fail2ban-client", "-d"), new CommandResult(0,
                        FixtureRoot.resource("fail2ban-client-d-port-ssh-2222.txt"),
                        FixtureRoot.resource("fail2ban-client-d-port-ssh-2222.stderr.txt")));
        sshdListensOn(22);
        fixture.listening("::", 2222, 52222).process(813, "sshd", 52222);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("Fail2Ban: jail sshd port = ssh,2222, which is 22, 2222"
                + " (/etc/fail2ban/jail.local:2; jails from fail2ban-client -d)");
    }

    @Test
    void ufwAllowingOnlyOtherPortWarns() {
        fixture.sshdConfig("Port 2222").ufwStatus(UFW_OPENSSH).fail2ban("[sshd]", "port = 2222");
        sshdListensOn(2222);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).isEqualTo("UFW allows none of sshd's port 2222 while its default incoming policy is deny");
        assertThat(result.evidence()).contains("UFW: default incoming deny (Default: deny (incoming) (ufw status verbose))",
                "UFW: no rule allows 2222/tcp (rules from ufw status verbose)");
        assertThat(result.remediation()).startsWith("Allow sshd's port 2222 in UFW before it reloads: `ufw limit 2222/tcp`");
    }

    @Test
    void ufwAppProfileFromSomeSourcesAllowsPort22() {
        fixture.sshdConfig("PermitRootLogin no").fail2ban()
                .ufwStatus(ufwActive(row("22/tcp (OpenSSH)", "ALLOW IN", "203.0.113.0/24", "")));
        sshdListensOn(22);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains(
                "sshd config: Port 22 (OpenSSH default): sshd is set to listen on [::]:22, 0.0.0.0:22",
                "UFW: 22/tcp allowed by ALLOW IN 22/tcp (OpenSSH) from 203.0.113.0/24 (rules from ufw status verbose)");
    }

    @Test
    void recordedUfwStatusAdmitsPort22FromOneNetwork() {
        // Recorded from ufw 0.36.2 in a network namespace after: ufw limit 2222/tcp comment ssh-new,
        // ufw allow from 203.0.113.0/24 to any app OpenSSH.
        fixture.sshdConfig("Port 22").fail2ban()
                .ufwStatus(FixtureRoot.resource("ufw-status-verbose-limit-2222-openssh.txt"));
        sshdListensOn(22);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains(
                "UFW: 22/tcp allowed by ALLOW IN 22/tcp (OpenSSH) from 203.0.113.0/24 (rules from ufw status verbose)");
    }

    @Test
    void recordedRuleFilesAdmitPort2222() {
        fixture.sshdConfig("Port 2222").fail2ban("[sshd]", "port = 2222").ufwRecordedFiles("ENABLED=yes",
                FixtureRoot.resource("recorded-user.rules"), FixtureRoot.resource("recorded-user6.rules"));

        CheckResult result = run(fixture.filesOnly());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("UFW: 2222/tcp allowed by LIMIT IN 2222/tcp from anywhere # ssh-new"
                + " (rules from /etc/ufw/user.rules and /etc/ufw/user6.rules)");
    }

    @Test
    void ufwDenyForEveryoneShutsLaterAllow() {
        fixture.sshdConfig("Port 2222").fail2ban("[sshd]", "port = 2222").ufwStatus(ufwActive(
                row("2222/tcp", "DENY IN", "Anywhere", ""),
                row("2222/tcp", "ALLOW IN", "198.51.100.7", "")));
        sshdListensOn(2222);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).startsWith("UFW allows none of sshd's port 2222");
    }

    @Test
    void ufwAllowingOneOfTwoPortsPasses() {
        fixture.sshdConfig("Port 22", "Port 2222").ufwStatus(UFW_2222).fail2ban("[sshd]", "port = ssh,2222");
        sshdListensOn(22);
        fixture.listening("0.0.0.0", 2222, 52222).process(813, "sshd", 52222);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("UFW: no rule allows 22/tcp (rules from ufw status verbose)");
    }

    @Test
    void inactiveUfwIsNotedNotJudged() {
        fixture.sshdConfig("Port 2222").ufwStatus("Status: inactive\n").fail2ban("[sshd]", "port = 2222");
        sshdListensOn(2222);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo(
                "sshd's port 2222 lines up with the listening sockets and Fail2Ban's jail sshd; UFW is inactive");
        assertThat(result.evidence()).contains("UFW: once enabled, its default deny would shut out sshd's port 2222;"
                + " run `ufw limit 2222/tcp` before `ufw enable`");
    }

    @Test
    void configuredPortWithStaleSocketWarnsBothWays() {
        fixture.sshdConfig("Port 2222");
        sshdListensOn(22);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).isEqualTo("sshd does not listen on configured port 2222;"
                + " sshd listens on port 22, which its config does not set");
        assertThat(result.remediation()).contains("(Port 2222 (/etc/ssh/sshd_config:1))", "add `Port 22` to /etc/ssh/sshd_config",
                "`sshd -t`");
        assertThat(result.remediation().split("sshd -t", -1)).as("the reload advice appears once").hasSize(2);
    }

    @Test
    void configuredPortHeldByAnotherProgramIsNamed() {
        fixture.sshdConfig("Port 2222")
                .listening("0.0.0.0", 2222, 7000)
                .process(812, "sshd")
                .process(900, "nginx", 7000);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).isEqualTo("sshd does not listen on configured port 2222 (another program listens on 2222)");
        assertThat(result.evidence()).contains("sshd (PID 812) holds no listening socket (/proc/net/tcp, /proc/net/tcp6)");
    }

    @Test
    void configuredPortWithoutListenerWarnsWithoutRoot() {
        fixture.sshdConfig("Port 2222").listening("0.0.0.0", 22, 7000).process(812, "sshd");

        CheckResult result = run(fixture.live(false));

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).isEqualTo("nothing listens on configured port 2222 while sshd runs");
        assertThat(result.evidence()).contains("no socket listens on port 2222 (/proc/net/tcp, /proc/net/tcp6)",
                "sshd runs: PID 812 (/proc/PID/comm)");
    }

    @Test
    void listenerOnConfiguredPortPassesWithoutRoot() {
        fixture.sshdConfig("Port 2222");
        sshdListensOn(2222);

        CheckResult result = run(fixture.live(false));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("listening on port 2222: 0.0.0.0:2222, [::]:2222 (/proc/net/tcp, /proc/net/tcp6)",
                "owner of the sockets not checked: without root the agent cannot read /proc/PID/fd,"
                        + " so a port sshd listens on beyond its config goes unseen");
    }

    @Test
    void socketActivationCountsSystemdListener() {
        fixture.sshdConfig("Port 22").listening("::", 22, 6001).process(1, "systemd", 6001);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("systemd PID 1 holds for sshd (socket activation) [::]:22"
                + " (/proc/net/tcp, /proc/net/tcp6, /proc/1/fd)");
    }

    @Test
    void stoppedSshdIsNotedAndOthersCompared() {
        fixture.sshdConfig("Port 22").ufwStatus(UFW_OPENSSH).listening("0.0.0.0", 80, 7000).process(1, "systemd");

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo("sshd's port 22 lines up with UFW's rules; sshd is not running;"
                + " Fail2Ban is not installed");
    }

    @Test
    void hiddenProcessesLeaveSocketsUncompared() {
        fixture.sshdConfig("Port 2222").listening("0.0.0.0", 22, 7000).process(4242, "java")
                .write("/proc/mounts", "proc /proc proc rw,nosuid,nodev,noexec,relatime,hidepid=invisible 0 0\n");

        CheckResult result = run(fixture.live(false));

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).isEqualTo("Could not compare sshd's ports: whether sshd runs (/proc is mounted with"
                + " hidepid=invisible, which hides other users' processes from this agent); UFW is not installed;"
                + " Fail2Ban is not installed");
    }

    @Test
    void loopbackOnlyPortNeedsNoCover() {
        fixture.sshdConfig("ListenAddress 127.0.0.1:2200", "ListenAddress 0.0.0.0:22").ufwStatus(UFW_OPENSSH).fail2ban();
        fixture.listening("127.0.0.1", 2200, 5001).listening("0.0.0.0", 22, 5002).process(812, "sshd", 5001, 5002);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("port 2200 is bound to 127.0.0.1 only, so UFW and Fail2Ban need not cover it");
    }

    @Test
    void missingUfwAndFail2BanPassOnSockets() {
        fixture.sshdConfig("Port 22");
        sshdListensOn(22);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo("sshd's port 22 lines up with the listening sockets;"
                + " UFW is not installed; Fail2Ban is not installed");
    }

    @Test
    void missingSshdIsSkipped() {
        fixture.ufwStatus(UFW_OPENSSH).fail2ban();

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result.summary()).startsWith("sshd is not installed");
    }

    @Test
    void relativeSshConfigSettingIsError() {
        fixture.sshdConfig("Port 22");

        CheckResult result = run(fixture.live(true), Map.of("SSH_CONFIG", "sshd_config"));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.summary()).startsWith("SSH_CONFIG is 'sshd_config', which is not an absolute path");
    }

    @Test
    void ufwNeedingRootLeavesRulesUncompared() {
        fixture.sshdConfig("Port 2222").ufwNeedsRoot().fail2ban("[sshd]", "port = 2222");
        sshdListensOn(2222);

        CheckResult result = run(new DenyingHost(fixture.live(false), "/etc/ufw/user.rules", "/etc/ufw/user6.rules"));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo("sshd's port 2222 lines up with the listening sockets and Fail2Ban's jail sshd;"
                + " not compared: UFW's rules (cannot read /etc/ufw/user.rules: permission denied"
                + " (ufw installs it readable by root only))");
        assertThat(result.evidence()).anyMatch(line -> line.startsWith("UFW: running state not read (ufw status verbose needs root:"));
    }

    @Test
    void noReadableSourceIsUnknown() {
        fixture.sshdConfig("Port 2222").ufwNeedsRoot().fail2ban();
        sshdListensOn(2222);

        CheckResult result = run(new DenyingHost(fixture.live(false), "/proc/net/tcp", "/etc/ufw/user.rules",
                "/etc/fail2ban/jail.conf"));

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).isEqualTo("Could not compare sshd's ports:"
                + " the listening sockets (cannot read /proc/net/tcp: permission denied);"
                + " UFW's rules (cannot read /etc/ufw/user.rules: permission denied (ufw installs it readable by root only));"
                + " Fail2Ban's jails (cannot read /etc/fail2ban/jail.conf: permission denied)");
        assertThat(result.remediation()).startsWith("Run the audit as root");
    }

    @Test
    void unreadableSshdDropInLeavesSocketsToDecide() {
        fixture.sshdConfig("Include /etc/ssh/sshd_config.d/*.conf")
                .write("/etc/ssh/sshd_config.d/10-port.conf", "Port 2222\n")
                .ufwStatus(UFW_2222);
        sshdListensOn(2222);

        CheckResult result = run(new DenyingHost(fixture.live(true), "/etc/ssh/sshd_config.d/10-port.conf"));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo("sshd's port 2222 lines up with UFW's rules; Fail2Ban is not installed;"
                + " not compared: the sshd config (cannot read /etc/ssh/sshd_config.d/10-port.conf: permission denied)");
    }

    @Test
    void fileOnlyAuditSkipsSocketsAndJudgesFiles() {
        fixture.sshdConfig("Port 2222")
                .ufwFiles("ENABLED=yes", "DROP", "limit tcp 2222 0.0.0.0/0 any 0.0.0.0/0 in comment=737368")
                .fail2ban();
        sshdListensOn(22);

        CheckResult result = run(fixture.filesOnly());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).isEqualTo("sshd listens on port 2222 but Fail2Ban's jail sshd covers port 22 only");
        assertThat(result.evidence()).contains(
                "listening sockets not compared: a file-only audit reads an image, whose sockets are not this machine's",
                "UFW: running state not read (file-only audit: commands are not run), so the boot setting decides:"
                        + " ENABLED=yes (/etc/ufw/ufw.conf:5)",
                "UFW: 2222/tcp allowed by LIMIT IN 2222/tcp from anywhere # ssh (rules from /etc/ufw/user.rules and /etc/ufw/user6.rules)");
    }

    @Test
    void fileOnlyAuditPassesWhenFilesLineUp() {
        fixture.sshdConfig("Port 2222")
                .ufwFiles("ENABLED=yes", "DROP", "allow tcp 2222 0.0.0.0/0 any 0.0.0.0/0 in")
                .fail2ban("[sshd]", "port = ssh,2222");

        CheckResult result = run(fixture.filesOnly());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo("sshd's port 2222 lines up with UFW's rules and Fail2Ban's jail sshd;"
                + " listening sockets not compared: a file-only audit reads an image, whose sockets are not this machine's");
    }

    @Test
    void fileOnlyUfwRulesWithoutSshPortWarn() {
        fixture.sshdConfig("Port 2222").ufwFiles("ENABLED=yes", "DROP", "allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 OpenSSH - in");

        CheckResult result = run(fixture.filesOnly());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).isEqualTo("UFW allows none of sshd's port 2222 while its default incoming policy is deny");
    }

    @Test
    void fileOnlyUfwDisabledAtBootIsNoted() {
        fixture.sshdConfig("Port 2222").ufwFiles("ENABLED=no", "DROP").fail2ban("[sshd]", "port = 2222");

        CheckResult result = run(fixture.filesOnly());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).contains("UFW is disabled at boot");
    }

    @Test
    void nothingToCompareIsSkipped() {
        fixture.sshdConfig("Port 2222");

        CheckResult result = run(fixture.filesOnly());

        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result.summary()).isEqualTo("Nothing to compare sshd's ports with: listening sockets not compared:"
                + " a file-only audit reads an image, whose sockets are not this machine's; UFW is not installed;"
                + " Fail2Ban is not installed");
    }

    @Test
    void disabledSshJailIsNoted() {
        fixture.sshdConfig("Port 22").fail2ban("[sshd]", "enabled = false");
        sshdListensOn(22);

        CheckResult result = run(fixture.live(true));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).contains("Fail2Ban has no enabled jail for sshd");
    }
}
