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

class UfwActiveCheckTest {

    @TempDir
    Path root;

    private final RecordedCommands commands = new RecordedCommands();

    private CheckResult check(CommandRunner runner) {
        return new UfwActiveCheck().check(new CheckContext(Host.of(root, runner, true), PluginSettings.empty()));
    }

    @Test
    void activeStatusPasses() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);
        commands.on(Fixtures.STATUS_VERBOSE, Fixtures.resource("status-verbose-example.txt"));

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).containsExactly("Status: active (ufw status verbose)",
                "Boot setting: ENABLED=yes (/etc/ufw/ufw.conf:5)");
    }

    @Test
    void inactiveStatusFails() {
        Fixtures.installUfw(root, Fixtures.CONF_DISABLED, Fixtures.DEFAULTS_DROP);
        commands.on(Fixtures.STATUS_VERBOSE, "Status: inactive\n");

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.summary()).isEqualTo("UFW is inactive, so it filters no traffic");
        assertThat(result.evidence()).contains("Status: inactive (ufw status verbose)");
        assertThat(result.remediation()).contains("ufw enable");
    }

    @Test
    void nonRootStatusIsUnknownNotFail() {
        Fixtures.installUfw(root, Fixtures.CONF_DISABLED, Fixtures.DEFAULTS_DROP);
        commands.on(Fixtures.STATUS_VERBOSE, new CommandResult(1, "", "ERROR: You need to be root to run this script\n"));

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).isEqualTo("Could not read whether UFW is running: ufw status verbose needs root: "
                + "'ERROR: You need to be root to run this script' (exit 1)");
        assertThat(result.evidence()).containsExactly("Boot setting: ENABLED=no (/etc/ufw/ufw.conf:5)");
    }

    @Test
    void otherCommandFailureIsUnknown() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);
        commands.on(Fixtures.STATUS_VERBOSE, new CommandResult(1, "",
                "WARN: Checks disabled\nERROR: problem running iptables: iptables: Permission denied\n"));

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).contains("failed with exit 1: 'ERROR: problem running iptables");
    }

    @Test
    void hangingCommandIsUnknown() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);
        commands.hangs(Fixtures.STATUS_VERBOSE);

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).contains("did not finish within 10000 ms");
    }

    @Test
    void unparseableOutputIsUnknown() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);
        commands.on(Fixtures.STATUS_VERBOSE, "Firewall loaded\n");

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).contains("could not parse the output of ufw status verbose");
    }

    @Test
    void missingProgramAndConfigIsSkipped() {
        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result.summary()).contains("not installed");
    }

    @Test
    void missingProgramWithConfigLeftIsUnknown() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).contains("ufw: command not found");
    }

    @Test
    void fileOnlyAuditPassesWhenEnabledAtBoot() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);

        CheckResult result = check(CommandRunner.disabled());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).contains("enabled at boot (file-only audit");
    }

    @Test
    void fileOnlyAuditFailsWhenDisabledAtBoot() {
        Fixtures.installUfw(root, Fixtures.CONF_DISABLED, Fixtures.DEFAULTS_DROP);

        CheckResult result = check(CommandRunner.disabled());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).containsExactly("Boot setting: ENABLED=no (/etc/ufw/ufw.conf:5)");
    }

    @Test
    void fileOnlyAuditReadsQuotedValueLikeUfw() {
        Fixtures.installUfw(root, "ENABLED=\"YES\"\n", Fixtures.DEFAULTS_DROP);

        CheckResult result = check(CommandRunner.disabled());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void fileOnlyAuditTreatsMissingEnabledAsNo() {
        Fixtures.installUfw(root, "LOGLEVEL=low\n", Fixtures.DEFAULTS_DROP);

        CheckResult result = check(CommandRunner.disabled());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).containsExactly("Boot setting: no ENABLED line in /etc/ufw/ufw.conf");
    }

    @Test
    void fileOnlyAuditWithUnreadableConfIsUnknown() throws Exception {
        Files.createDirectories(root.resolve("etc/ufw/ufw.conf"));

        CheckResult result = check(CommandRunner.disabled());

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).contains("/etc/ufw/ufw.conf");
    }

    @Test
    void fileOnlyAuditWithoutUfwIsSkipped() {
        Fixtures.write(root, "/etc/ssh/sshd_config", "Port 22\n");

        CheckResult result = check(CommandRunner.disabled());

        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
    }
}
