package org.miniops.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;

/** The eight example configurations the SSH audit must judge, one fixture tree each. */
class SpecExamplesTest {

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
    void cloudInitDropInOverridesLaterValue() {
        fixture.write(CONFIG, "Include /etc/ssh/sshd_config.d/*.conf", "PasswordAuthentication no", "KbdInteractiveAuthentication no")
                .write(CLOUD_INIT, "PasswordAuthentication yes");

        CheckResult result = fixture.run(new PasswordAuthCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("PasswordAuthentication yes (/etc/ssh/sshd_config.d/50-cloud-init.conf:1)");
    }

    @Test
    void includeAtEndLosesToMainFile() {
        fixture.write(CONFIG, "PasswordAuthentication no", "KbdInteractiveAuthentication no", "Include /etc/ssh/sshd_config.d/*.conf")
                .write(CLOUD_INIT, "PasswordAuthentication yes");

        CheckResult result = fixture.run(new PasswordAuthCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("PasswordAuthentication no (/etc/ssh/sshd_config:1)");
    }

    @Test
    void tenDropInSortsBeforeNine() {
        fixture.write(CONFIG, "Include /etc/ssh/sshd_config.d/*.conf")
                .write("/etc/ssh/sshd_config.d/9-hardening.conf", "PasswordAuthentication no")
                .write("/etc/ssh/sshd_config.d/10-vendor.conf", "PasswordAuthentication yes");

        CheckResult result = fixture.run(new PasswordAuthCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("PasswordAuthentication yes (/etc/ssh/sshd_config.d/10-vendor.conf:1)");
    }

    @Test
    void pamWithDefaultKeyboardInteractiveOpensPasswords() {
        fixture.write(CONFIG, "PasswordAuthentication no", "UsePAM yes");

        CheckResult result = fixture.run(new PasswordAuthCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains(
                "KbdInteractiveAuthentication yes (OpenSSH default)", "UsePAM yes (/etc/ssh/sshd_config:2)");
    }

    @Test
    void trailingCommentAfterYesStillFails() {
        fixture.write(CONFIG, "PasswordAuthentication yes # enabled for now");

        CheckResult result = fixture.run(new PasswordAuthCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("PasswordAuthentication yes (/etc/ssh/sshd_config:1)");
    }

    @Test
    void trailingCommentAfterNoStillPasses() {
        fixture.write(CONFIG, "PermitRootLogin no # was yes");

        CheckResult result = fixture.run(new RootLoginCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("PermitRootLogin no (/etc/ssh/sshd_config:1)");
    }

    @Test
    void upperCaseKeywordAndValueAllowRoot() {
        fixture.write(CONFIG, "passwordauthentication No", "PERMITROOTLOGIN YES");

        CheckResult result = fixture.run(new RootLoginCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("PermitRootLogin YES (/etc/ssh/sshd_config:2)");
    }

    @Test
    void twoPortsIncludingDefaultWarnAndListBoth() {
        fixture.write(CONFIG, "Port 22", "Port 2222");

        CheckResult result = fixture.run(new PortCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).contains("22").contains("2222");
        assertThat(result.evidence()).contains(
                "Port 22 (/etc/ssh/sshd_config:1): sshd is set to listen on [::]:22, 0.0.0.0:22",
                "Port 2222 (/etc/ssh/sshd_config:2): sshd is set to listen on [::]:2222, 0.0.0.0:2222");
    }

    @Test
    void passwordsOpenOnlyInMatchBlockWarn() {
        fixture.write(CONFIG,
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "Match User deploy",
                "    PasswordAuthentication yes");

        CheckResult result = fixture.run(new PasswordAuthCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).contains("Match User deploy (/etc/ssh/sshd_config:3-4)");
        assertThat(result.evidence()).contains(
                "Match User deploy (/etc/ssh/sshd_config:3-4) sets PasswordAuthentication yes (/etc/ssh/sshd_config:4)");
    }
}
