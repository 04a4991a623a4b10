package org.miniops.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;

class RootLoginCheckTest {

    private static final String CONFIG = "/etc/ssh/sshd_config";

    @TempDir
    Path tempRoot;

    private FixtureRoot fixture;

    @BeforeEach
    void createFixture() {
        fixture = new FixtureRoot(tempRoot);
    }

    @Test
    void checkHasFixedIdAndGroup() {
        RootLoginCheck check = new RootLoginCheck();

        assertThat(check.id()).isEqualTo("ssh.root-login");
        assertThat(check.group()).isEqualTo("ssh");
    }

    @ParameterizedTest(name = "PermitRootLogin {0} -> {1}")
    @CsvSource({
            "no, PASS",
            "forced-commands-only, WARN",
            "prohibit-password, WARN",
            "without-password, WARN",
            "yes, FAIL"})
    void valueGivesVerdict(String value, CheckStatus expected) {
        fixture.write(CONFIG, "PermitRootLogin " + value);

        assertThat(fixture.run(new RootLoginCheck()).status()).isEqualTo(expected);
    }

    @Test
    void absentSettingWarnsWithOpenSshDefault() {
        fixture.write(CONFIG, "UsePAM yes");

        CheckResult result = fixture.run(new RootLoginCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.evidence()).contains("PermitRootLogin prohibit-password (OpenSSH default)");
    }

    @Test
    void yesRemediationNamesFileAndLine() {
        fixture.write(CONFIG, "Include /etc/ssh/sshd_config.d/*.conf")
                .write("/etc/ssh/sshd_config.d/20-root.conf", "# added for the migration", "PermitRootLogin yes");

        CheckResult result = fixture.run(new RootLoginCheck());

        assertThat(result.summary()).isEqualTo("Root may log in with any method, passwords included (PermitRootLogin yes)");
        assertThat(result.remediation()).startsWith("Change line 2 of /etc/ssh/sshd_config.d/20-root.conf to `PermitRootLogin no`.");
    }

    @Test
    void matchBlockAllowingMoreWarnsNamingBlock() {
        fixture.write(CONFIG, "PermitRootLogin no", "", "Match Address 10.0.0.0/8", "  PermitRootLogin yes", "  X11Forwarding no");

        CheckResult result = fixture.run(new RootLoginCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).contains("Match Address 10.0.0.0/8 (/etc/ssh/sshd_config:3-5)");
        assertThat(result.evidence()).contains(
                "Match Address 10.0.0.0/8 (/etc/ssh/sshd_config:3-5) sets PermitRootLogin yes (/etc/ssh/sshd_config:4)");
    }

    @Test
    void matchBlockAllowingLessKeepsGlobalVerdict() {
        fixture.write(CONFIG, "PermitRootLogin prohibit-password", "Match Address 0.0.0.0/0", "PermitRootLogin no");

        CheckResult result = fixture.run(new RootLoginCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.evidence()).noneMatch(line -> line.startsWith("Match"));
    }

    @Test
    void matchBlockAllowingKeysBeyondNoWarns() {
        fixture.write(CONFIG, "PermitRootLogin no", "Match User root Address 192.0.2.5", "PermitRootLogin prohibit-password");

        assertThat(fixture.run(new RootLoginCheck()).status()).isEqualTo(CheckStatus.WARN);
    }

    @Test
    void unreadableDropInMakesResultUnknown() {
        fixture.write(CONFIG, "PermitRootLogin no", "Include /etc/ssh/sshd_config.d/*.conf")
                .write("/etc/ssh/sshd_config.d/60-admin.conf", "Match User admin", "PermitRootLogin yes");

        CheckResult result = FixtureRoot.run(new RootLoginCheck(),
                DenyingHost.denyingFiles(fixture.host(), "/etc/ssh/sshd_config.d/60-admin.conf"));

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.evidence()).contains("cannot read /etc/ssh/sshd_config.d/60-admin.conf: permission denied",
                "PermitRootLogin no (/etc/ssh/sshd_config:1)");
    }
}
