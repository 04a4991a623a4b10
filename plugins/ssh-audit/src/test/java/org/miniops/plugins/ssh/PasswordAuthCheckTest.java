package org.miniops.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;

class PasswordAuthCheckTest {

    private static final String CONFIG = "/etc/ssh/sshd_config";
    private static final String CLOUD_INIT = "/etc/ssh/sshd_config.d/50-cloud-init.conf";

    @TempDir
    Path tempRoot;

    private FixtureRoot fixture;

    @BeforeEach
    void createFixture() {
        fixture = new FixtureRoot(tempRoot);
    }

    @Test
    void checkHasFixedIdAndGroup() {
        PasswordAuthCheck check = new PasswordAuthCheck();

        assertThat(check.id()).isEqualTo("ssh.password-auth");
        assertThat(check.group()).isEqualTo("ssh");
    }

    @Test
    void closedPathsPass() {
        fixture.write(CONFIG, "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM yes");

        CheckResult result = fixture.run(new PasswordAuthCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo("Password login is closed (PasswordAuthentication no, KbdInteractiveAuthentication no)");
        assertThat(result.remediation()).isEmpty();
    }

    @Test
    void keyboardInteractiveWithoutPamPasses() {
        fixture.write(CONFIG, "PasswordAuthentication no");

        CheckResult result = fixture.run(new PasswordAuthCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("UsePAM no (OpenSSH default)");
    }

    @Test
    void defaultsOpenPasswords() {
        fixture.write(CONFIG, "X11Forwarding no");

        CheckResult result = fixture.run(new PasswordAuthCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("PasswordAuthentication yes (OpenSSH default)");
        assertThat(result.remediation()).contains("Add `PasswordAuthentication no` to /etc/ssh/sshd_config above the first Match block");
    }

    @Test
    void matchAllValueOpensPasswordsForEveryone() {
        fixture.write(CONFIG, "PasswordAuthentication no", "Match all", "PasswordAuthentication yes");

        CheckResult result = fixture.run(new PasswordAuthCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("PasswordAuthentication yes (/etc/ssh/sshd_config:3)");
    }

    @Test
    void keyboardInteractiveInMatchBlockWithPamWarns() {
        fixture.write(CONFIG, "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM yes",
                "Match Group contractors", "KbdInteractiveAuthentication yes");

        CheckResult result = fixture.run(new PasswordAuthCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.evidence()).contains("Match Group contractors (/etc/ssh/sshd_config:4-5) sets"
                + " KbdInteractiveAuthentication yes (/etc/ssh/sshd_config:5)");
        assertThat(result.remediation()).contains("change line 5 of /etc/ssh/sshd_config to `KbdInteractiveAuthentication no`");
    }

    @Test
    void keyboardInteractiveInMatchBlockWithoutPamPasses() {
        fixture.write(CONFIG, "PasswordAuthentication no", "Match Group contractors", "KbdInteractiveAuthentication yes");

        assertThat(fixture.run(new PasswordAuthCheck()).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void matchBlockClosingPasswordsKeepsFail() {
        fixture.write(CONFIG, "PasswordAuthentication yes", "Match User deploy", "PasswordAuthentication no");

        assertThat(fixture.run(new PasswordAuthCheck()).status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void cloudInitRemediationNamesDropIn() {
        fixture.write(CONFIG, "Include /etc/ssh/sshd_config.d/*.conf", "KbdInteractiveAuthentication no")
                .write(CLOUD_INIT, "PasswordAuthentication yes");

        CheckResult result = fixture.run(new PasswordAuthCheck());

        assertThat(result.remediation())
                .contains("Create /etc/ssh/sshd_config.d/00-hardening.conf containing `PasswordAuthentication no`")
                .contains("ssh_pwauth: false");
    }

    @Test
    void earlyCloudInitFileGetsEarlierDropIn() {
        fixture.write(CONFIG, "Include /etc/ssh/sshd_config.d/*.conf", "KbdInteractiveAuthentication no")
                .write("/etc/ssh/sshd_config.d/00-cloud-init.conf", "PasswordAuthentication yes");

        CheckResult result = fixture.run(new PasswordAuthCheck());

        assertThat(result.remediation()).contains("Create /etc/ssh/sshd_config.d/00-00-hardening.conf");
    }

    @Test
    void ordinaryFileRemediationNamesLine() {
        fixture.write(CONFIG, "KbdInteractiveAuthentication no", "PasswordAuthentication yes");

        CheckResult result = fixture.run(new PasswordAuthCheck());

        assertThat(result.remediation()).startsWith("Change line 2 of /etc/ssh/sshd_config to `PasswordAuthentication no`.");
    }

    @Test
    void unreadableDropInMakesResultUnknown() {
        fixture.write(CONFIG, "Include /etc/ssh/sshd_config.d/*.conf", "PasswordAuthentication no", "KbdInteractiveAuthentication no")
                .write(CLOUD_INIT, "PasswordAuthentication yes");

        CheckResult result = FixtureRoot.run(new PasswordAuthCheck(), DenyingHost.denyingFiles(fixture.host(), CLOUD_INIT));

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).contains(CLOUD_INIT).contains("permission denied");
        assertThat(result.evidence()).startsWith("cannot read /etc/ssh/sshd_config.d/50-cloud-init.conf: permission denied");
    }

    @Test
    void unreadableMainConfigMakesResultUnknown() {
        fixture.write(CONFIG, "PasswordAuthentication no");

        CheckResult result = FixtureRoot.run(new PasswordAuthCheck(), DenyingHost.denyingFiles(fixture.host(), CONFIG));

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).contains(CONFIG);
    }

    @Test
    void unlistableDropInDirectoryMakesResultUnknown() {
        fixture.write(CONFIG, "Include /etc/ssh/sshd_config.d/*.conf", "PasswordAuthentication no", "KbdInteractiveAuthentication no")
                .write(CLOUD_INIT, "PasswordAuthentication yes");

        CheckResult result = FixtureRoot.run(new PasswordAuthCheck(),
                DenyingHost.denyingDirectories(fixture.host(), "/etc/ssh/sshd_config.d"));

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).contains("/etc/ssh/sshd_config.d");
    }

    @Test
    void rejectedLineMakesResultUnknown() {
        fixture.write(CONFIG, "PasswordAuthentication maybe", "KbdInteractiveAuthentication no");

        CheckResult result = fixture.run(new PasswordAuthCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).contains("/etc/ssh/sshd_config line 1: unsupported option \"maybe\"");
    }

    @Test
    void rejectedLineOfOtherKeywordLeavesVerdict() {
        fixture.write(CONFIG, "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PermitRootLogin perhaps");

        assertThat(fixture.run(new PasswordAuthCheck()).status()).isEqualTo(CheckStatus.PASS);
    }
}
