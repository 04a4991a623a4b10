package org.miniops.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;
import org.miniops.api.CommandResult;
import org.miniops.api.Host;
import org.miniops.api.RecordedCommands;

class SshdSettingsLoaderTest {

    private static final String CONFIG = "/etc/ssh/sshd_config";
    private static final String CLOUD_INIT = "/etc/ssh/sshd_config.d/50-cloud-init.conf";
    private static final List<String> SSHD_T = List.of("sshd", "-T", "-f", CONFIG);

    @TempDir
    Path tempRoot;

    private FixtureRoot fixture;

    @BeforeEach
    void createDebianFixture() {
        fixture = new FixtureRoot(tempRoot)
                .write(CONFIG,
                        "# Fixture: a Debian 12 server after cloud-init ran",
                        "Include /etc/ssh/sshd_config.d/*.conf",
                        "",
                        "KbdInteractiveAuthentication no",
                        "UsePAM yes",
                        "X11Forwarding yes",
                        "PrintMotd no",
                        "Subsystem sftp /usr/lib/openssh/sftp-server")
                .write(CLOUD_INIT, "PasswordAuthentication yes");
    }

    private Host rootHostWith(RecordedCommands commands) {
        return fixture.host(commands, true);
    }

    @Test
    void sshdValueKeepsFileLocation() {
        RecordedCommands commands = new RecordedCommands().on(SSHD_T, FixtureRoot.recorded("debian12-cloud-init.txt"));

        CheckResult result = FixtureRoot.run(new PasswordAuthCheck(), rootHostWith(commands));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains(
                "PasswordAuthentication yes (/etc/ssh/sshd_config.d/50-cloud-init.conf:1)",
                "Values from sshd -T -f /etc/ssh/sshd_config; file and line from reading the config files");
    }

    @Test
    void sshdValueKeepsDefaultLocation() {
        RecordedCommands commands = new RecordedCommands().on(SSHD_T, FixtureRoot.recorded("debian12-cloud-init.txt"));

        CheckResult result = FixtureRoot.run(new RootLoginCheck(), rootHostWith(commands));

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.evidence()).contains("PermitRootLogin prohibit-password (OpenSSH default)");
    }

    @Test
    void sshdValueWinsWhenFilesDisagree() {
        RecordedCommands commands = new RecordedCommands().on(SSHD_T, FixtureRoot.recorded("debian12-hardened.txt"));

        CheckResult result = FixtureRoot.run(new PasswordAuthCheck(), rootHostWith(commands));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("PasswordAuthentication no (sshd -T)");
    }

    @Test
    void sshdListenAddressesGivePorts() {
        fixture.write(CONFIG, "Port 2222", "ListenAddress 127.0.0.1", "ListenAddress [::1]:2200");
        RecordedCommands commands = new RecordedCommands().on(SSHD_T, FixtureRoot.recorded("listen-addresses.txt"));

        CheckResult result = FixtureRoot.run(new PortCheck(), rootHostWith(commands));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo("sshd is set to listen on ports 2222, 2200");
        assertThat(result.evidence()).contains(
                "ListenAddress 127.0.0.1 (/etc/ssh/sshd_config:2) with Port 2222 (/etc/ssh/sshd_config:1): sshd is set to listen on 127.0.0.1:2222",
                "ListenAddress [::1]:2200 (/etc/ssh/sshd_config:3): sshd is set to listen on [::1]:2200");
    }

    @Test
    void failingSshdFallsBackToFiles() {
        RecordedCommands commands = new RecordedCommands()
                .on(SSHD_T, new CommandResult(255, "", "Missing privilege separation directory: /run/sshd\n"));

        CheckResult result = FixtureRoot.run(new PasswordAuthCheck(), rootHostWith(commands));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("Values worked out from /etc/ssh/sshd_config and 1 included file;"
                + " sshd -T not used: sshd -T failed with exit code 255: Missing privilege separation directory: /run/sshd");
    }

    @Test
    void hangingSshdFallsBackToFiles() {
        RecordedCommands commands = new RecordedCommands().hangs(SSHD_T);

        CheckResult result = FixtureRoot.run(new PasswordAuthCheck(), rootHostWith(commands));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).anyMatch(line -> line.endsWith("sshd -T did not finish within 5 s"));
    }

    @Test
    void missingSshdBinaryFallsBackToFiles() {
        CheckResult result = FixtureRoot.run(new PasswordAuthCheck(), rootHostWith(new RecordedCommands()));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).anyMatch(line -> line.endsWith("sshd was not found in PATH, /usr/sbin or /sbin"));
    }

    @Test
    void unprivilegedAgentDoesNotRunSshd() {
        RecordedCommands commands = new RecordedCommands().on(SSHD_T, FixtureRoot.recorded("debian12-hardened.txt"));

        CheckResult result = FixtureRoot.run(new PasswordAuthCheck(), fixture.host(commands, false));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).anyMatch(line -> line.endsWith("sshd -T not used: it needs root and the agent runs unprivileged"));
    }

    @Test
    void fileOnlyAuditDoesNotRunSshd() {
        CheckResult result = fixture.run(new PasswordAuthCheck());

        assertThat(result.evidence()).anyMatch(line -> line.endsWith("commands are disabled in this audit (file-only mode)"));
    }

    @Test
    void sshdConfirmedFailSurvivesUnreadableFile() {
        RecordedCommands commands = new RecordedCommands().on(SSHD_T, FixtureRoot.recorded("debian12-cloud-init.txt"));
        Host host = DenyingHost.denyingFiles(rootHostWith(commands), CLOUD_INIT);

        CheckResult result = FixtureRoot.run(new PasswordAuthCheck(), host);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("cannot read /etc/ssh/sshd_config.d/50-cloud-init.conf: permission denied",
                "PasswordAuthentication yes (sshd -T)");
    }

    @Test
    void sshdConfirmedPassStaysUnknownWithUnreadableFile() {
        RecordedCommands commands = new RecordedCommands().on(SSHD_T, FixtureRoot.recorded("debian12-hardened.txt"));
        Host host = DenyingHost.denyingFiles(rootHostWith(commands), CLOUD_INIT);

        CheckResult result = FixtureRoot.run(new PasswordAuthCheck(), host);

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
    }

    @Test
    void sshdConfirmedPortsIgnoreUnreadableFile() {
        RecordedCommands commands = new RecordedCommands().on(SSHD_T, FixtureRoot.recorded("debian12-hardened.txt"));
        Host host = DenyingHost.denyingFiles(rootHostWith(commands), CLOUD_INIT);

        CheckResult result = FixtureRoot.run(new PortCheck(), host);

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.evidence()).contains("cannot read /etc/ssh/sshd_config.d/50-cloud-init.conf: permission denied");
    }

    @Test
    void missingConfigWithoutSshdIsSkipped() {
        FixtureRoot empty = new FixtureRoot(tempRoot.resolve("empty")).directory("/etc");

        CheckResult result = empty.run(new RootLoginCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result.summary()).isEqualTo("sshd is not installed: neither /usr/sbin/sshd nor /etc/ssh/sshd_config exists");
    }

    @Test
    void missingConfigWithSshdBinaryIsSkipped() {
        FixtureRoot binaryOnly = new FixtureRoot(tempRoot.resolve("binary-only")).write("/usr/sbin/sshd", "");

        CheckResult result = binaryOnly.run(new PortCheck());

        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result.summary()).contains("/etc/ssh/sshd_config does not exist");
    }

    @Test
    void sshConfigSettingPointsAtOtherFile() {
        fixture.write("/opt/sshd/sshd_config", "PermitRootLogin no");

        CheckResult result = FixtureRoot.run(new RootLoginCheck(), fixture.host(), Map.of("SSH_CONFIG", "/opt/sshd/sshd_config"));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("PermitRootLogin no (/opt/sshd/sshd_config:1)");
    }

    @Test
    void sshConfigSettingIsPassedToSshd() {
        fixture.write("/opt/sshd/sshd_config", "PasswordAuthentication yes");
        RecordedCommands commands = new RecordedCommands()
                .on(List.of("sshd", "-T", "-f", "/opt/sshd/sshd_config"), FixtureRoot.recorded("debian12-hardened.txt"));

        CheckResult result = FixtureRoot.run(new PasswordAuthCheck(), rootHostWith(commands),
                Map.of("SSH_CONFIG", "/opt/sshd/sshd_config"));

        assertThat(result.evidence()).contains("PasswordAuthentication no (sshd -T)");
    }

    @Test
    void relativeSshConfigSettingIsError() {
        CheckResult result = FixtureRoot.run(new RootLoginCheck(), fixture.host(), Map.of("SSH_CONFIG", "sshd_config"));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.summary()).startsWith("SSH_CONFIG is 'sshd_config', which is not an absolute path");
    }

    @Test
    void missingSshConfigFileIsError() {
        CheckResult result = FixtureRoot.run(new RootLoginCheck(), fixture.host(), Map.of("SSH_CONFIG", "/opt/none/sshd_config"));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.summary()).contains("/opt/none/sshd_config").contains("does not exist");
    }

    @Test
    void settingsAreReadAgainOnEveryRun() {
        RootLoginCheck check = new RootLoginCheck();
        fixture.write(CONFIG, "PermitRootLogin yes");
        CheckResult before = fixture.run(check);

        fixture.write(CONFIG, "PermitRootLogin no");
        CheckResult after = fixture.run(check);

        assertThat(before.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(after.status()).isEqualTo(CheckStatus.PASS);
    }
}
