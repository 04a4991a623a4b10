package org.miniops.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;

class PortCheckTest {

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
        PortCheck check = new PortCheck();

        assertThat(check.id()).isEqualTo("ssh.port");
        assertThat(check.group()).isEqualTo("ssh");
    }

    @Test
    void otherPortPasses() {
        fixture.write(CONFIG, "Port 2222");

        CheckResult result = fixture.run(new PortCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo("sshd is set to listen on port 2222");
    }

    @Test
    void defaultPortWarnsWithOpenSshDefault() {
        fixture.write(CONFIG, "PermitRootLogin no");

        CheckResult result = fixture.run(new PortCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).isEqualTo("sshd is set to listen on the default port 22");
        assertThat(result.evidence()).contains("Port 22 (OpenSSH default): sshd is set to listen on [::]:22, 0.0.0.0:22");
        assertThat(result.remediation()).startsWith("Add `Port 2222` (or another unused port) to /etc/ssh/sshd_config");
    }

    @Test
    void listenAddressPortReplacesPort22() {
        fixture.write(CONFIG, "Port 22", "ListenAddress 0.0.0.0:2222");

        CheckResult result = fixture.run(new PortCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("ListenAddress 0.0.0.0:2222 (/etc/ssh/sshd_config:2): sshd is set to listen on 0.0.0.0:2222");
    }

    @Test
    void listenAddressWithPort22Warns() {
        fixture.write(CONFIG, "Port 2222", "ListenAddress 127.0.0.1", "ListenAddress 192.0.2.10:22");

        CheckResult result = fixture.run(new PortCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.summary()).isEqualTo("sshd is set to listen on the default port 22 as well as on port 2222");
        assertThat(result.remediation()).startsWith(
                "Change line 3 of /etc/ssh/sshd_config (`ListenAddress 192.0.2.10:22`) to an unused port such as 2222.");
    }

    @Test
    void portInDropInIsNamed() {
        fixture.write(CONFIG, "Include /etc/ssh/sshd_config.d/*.conf")
                .write("/etc/ssh/sshd_config.d/port.conf", "Port 22");

        CheckResult result = fixture.run(new PortCheck());

        assertThat(result.remediation()).startsWith("Change line 1 of /etc/ssh/sshd_config.d/port.conf (`Port 22`)");
    }

    @Test
    void unreadableDropInMakesPortsUnknownWithoutSshd() {
        fixture.write(CONFIG, "Include /etc/ssh/sshd_config.d/*.conf", "Port 2222")
                .write("/etc/ssh/sshd_config.d/50-extra.conf", "Port 22");

        CheckResult result = FixtureRoot.run(new PortCheck(),
                DenyingHost.denyingFiles(fixture.host(), "/etc/ssh/sshd_config.d/50-extra.conf"));

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
    }
}
