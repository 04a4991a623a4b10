package org.miniops.plugins.ufw;

import static org.assertj.core.api.Assertions.assertThat;

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

class UfwDefaultIncomingCheckTest {

    private static final CommandResult NOT_ROOT =
            new CommandResult(1, "", "ERROR: You need to be root to run this script\n");

    @TempDir
    Path root;

    private final RecordedCommands commands = new RecordedCommands();

    private CheckResult check(CommandRunner runner) {
        return new UfwDefaultIncomingCheck().check(new CheckContext(Host.of(root, runner, true), PluginSettings.empty()));
    }

    private static String statusWithDefaults(String defaults) {
        return "Status: active\nLogging: on (low)\nDefault: " + defaults + "\nNew profiles: skip\n";
    }

    @Test
    void liveDenyPasses() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);
        commands.on(Fixtures.STATUS_VERBOSE, Fixtures.resource("status-verbose-example.txt"));

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo("Default incoming policy is deny");
        assertThat(result.evidence()).containsExactly("Default: deny (incoming) (ufw status verbose)");
    }

    @Test
    void liveRejectPasses() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);
        commands.on(Fixtures.STATUS_VERBOSE, statusWithDefaults("reject (incoming), allow (outgoing), disabled (routed)"));

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo("Default incoming policy is reject");
    }

    @Test
    void liveAllowFails() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);
        commands.on(Fixtures.STATUS_VERBOSE, statusWithDefaults("allow (incoming), allow (outgoing), disabled (routed)"));

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.remediation()).contains("ufw default deny incoming");
    }

    @Test
    void nonRootReadsDefaultsFile() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP);
        commands.on(Fixtures.STATUS_VERBOSE, NOT_ROOT);

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).containsExactly("DEFAULT_INPUT_POLICY=\"DROP\" (/etc/default/ufw:3)",
                "Note: read from the files because ufw status verbose needs root: "
                        + "'ERROR: You need to be root to run this script' (exit 1)");
    }

    @Test
    void nonRootWithAcceptInFileFails() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, Fixtures.DEFAULTS_DROP.replace("\"DROP\"", "\"ACCEPT\""));
        commands.on(Fixtures.STATUS_VERBOSE, NOT_ROOT);

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).first().isEqualTo("DEFAULT_INPUT_POLICY=\"ACCEPT\" (/etc/default/ufw:3)");
    }

    @Test
    void unquotedRejectPasses() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, "IPV6=yes\nDEFAULT_INPUT_POLICY=REJECT\n");

        CheckResult result = check(CommandRunner.disabled());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo("Default incoming policy is reject");
    }

    @Test
    void singleQuotedValueIsIgnoredLikeUfw() {
        // ufw matches KEY="?VALUE"? only, so it skips this line and then refuses to start.
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, "DEFAULT_INPUT_POLICY='ACCEPT'\n");

        CheckResult result = check(CommandRunner.disabled());

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).contains("DEFAULT_INPUT_POLICY is not set");
    }

    @Test
    void lowerCaseAcceptFails() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, "DEFAULT_INPUT_POLICY=\"accept\"\n");

        CheckResult result = check(CommandRunner.disabled());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void laterLineWins() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, "DEFAULT_INPUT_POLICY=\"ACCEPT\"\nDEFAULT_INPUT_POLICY=\"DROP\"\n");

        CheckResult result = check(CommandRunner.disabled());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).first().isEqualTo("DEFAULT_INPUT_POLICY=\"DROP\" (/etc/default/ufw:2)");
    }

    @Test
    void indentedLineIsIgnoredLikeUfw() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, "DEFAULT_INPUT_POLICY=\"DROP\"\n  DEFAULT_INPUT_POLICY=\"ACCEPT\"\n");

        CheckResult result = check(CommandRunner.disabled());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void invalidPolicyIsUnknown() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, "DEFAULT_INPUT_POLICY=\"DENY\"\n");

        CheckResult result = check(CommandRunner.disabled());

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).contains("policy 'deny' is invalid");
    }

    @Test
    void missingPolicyIsUnknown() {
        Fixtures.installUfw(root, Fixtures.CONF_ENABLED, "IPV6=yes\n");

        CheckResult result = check(CommandRunner.disabled());

        assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(result.summary()).contains("DEFAULT_INPUT_POLICY is not set in /etc/default/ufw");
    }

    @Test
    void inactiveReadsFileAndSaysNotEnforced() {
        Fixtures.installUfw(root, Fixtures.CONF_DISABLED, Fixtures.DEFAULTS_DROP);
        commands.on(Fixtures.STATUS_VERBOSE, "Status: inactive\n");

        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.summary()).isEqualTo("Default incoming policy is deny (UFW is inactive, so it is not enforced now)");
    }

    @Test
    void notInstalledIsSkipped() {
        CheckResult result = check(commands);

        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
    }
}
