package org.miniops.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.miniops.plugins.ssh.SshdKeywords.KBD_INTERACTIVE_AUTHENTICATION;
import static org.miniops.plugins.ssh.SshdKeywords.PASSWORD_AUTHENTICATION;
import static org.miniops.plugins.ssh.SshdKeywords.PERMIT_ROOT_LOGIN;
import static org.miniops.plugins.ssh.SshdKeywords.PORT;
import static org.miniops.plugins.ssh.SshdKeywords.USE_PAM;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshdConfigParserTest {

    private static final String CONFIG = "/etc/ssh/sshd_config";

    @TempDir
    Path tempRoot;

    private FixtureRoot fixture;

    @BeforeEach
    void createFixture() {
        fixture = new FixtureRoot(tempRoot);
    }

    @Test
    void keywordsAreCaseInsensitive() {
        fixture.write(CONFIG, "passwordauthentication no", "PERMITROOTLOGIN no");

        EffectiveSettings settings = fixture.settings();

        assertThat(settings.value(PASSWORD_AUTHENTICATION).evidence()).isEqualTo("PasswordAuthentication no (/etc/ssh/sshd_config:1)");
        assertThat(settings.value(PERMIT_ROOT_LOGIN).evidence()).isEqualTo("PermitRootLogin no (/etc/ssh/sshd_config:2)");
    }

    @Test
    void firstValueWins() {
        fixture.write(CONFIG, "PasswordAuthentication no", "PasswordAuthentication yes");

        assertThat(fixture.settings().value(PASSWORD_AUTHENTICATION).evidence())
                .isEqualTo("PasswordAuthentication no (/etc/ssh/sshd_config:1)");
    }

    @Test
    void crlfLineEndingsAreRead() {
        fixture.writeRaw(CONFIG, "# written on Windows\r\nPermitRootLogin no\r\nPasswordAuthentication no\r\n");

        EffectiveSettings settings = fixture.settings();

        assertThat(settings.value(PERMIT_ROOT_LOGIN).evidence()).isEqualTo("PermitRootLogin no (/etc/ssh/sshd_config:2)");
        assertThat(settings.value(PASSWORD_AUTHENTICATION).value()).isEqualTo("no");
    }

    @Test
    void equalsSignsQuotesAndTabsAreRead() {
        fixture.write(CONFIG, "PasswordAuthentication=no", "PermitRootLogin = \"no\"", "UsePAM\tyes");

        EffectiveSettings settings = fixture.settings();

        assertThat(settings.value(PASSWORD_AUTHENTICATION).value()).isEqualTo("no");
        assertThat(settings.value(PERMIT_ROOT_LOGIN).value()).isEqualTo("no");
        assertThat(settings.value(USE_PAM).value()).isEqualTo("yes");
    }

    @Test
    void absentKeywordsGetOpenSshDefaults() {
        fixture.write(CONFIG, "X11Forwarding no");

        EffectiveSettings settings = fixture.settings();

        assertThat(settings.value(PERMIT_ROOT_LOGIN).evidence()).isEqualTo("PermitRootLogin prohibit-password (OpenSSH default)");
        assertThat(settings.value(PASSWORD_AUTHENTICATION).evidence()).isEqualTo("PasswordAuthentication yes (OpenSSH default)");
        assertThat(settings.value(KBD_INTERACTIVE_AUTHENTICATION).evidence()).isEqualTo("KbdInteractiveAuthentication yes (OpenSSH default)");
        assertThat(settings.value(USE_PAM).evidence()).isEqualTo("UsePAM no (OpenSSH default)");
        assertThat(settings.endpoints()).extracting(ListenEndpoint::port).containsOnly(22);
    }

    @Test
    void challengeResponseAuthenticationIsAliasOfKbdInteractive() {
        fixture.write(CONFIG, "ChallengeResponseAuthentication no", "KbdInteractiveAuthentication yes");

        assertThat(fixture.settings().value(KBD_INTERACTIVE_AUTHENTICATION).evidence())
                .isEqualTo("KbdInteractiveAuthentication no (/etc/ssh/sshd_config:1)");
    }

    @Test
    void includeGlobReadsMatchesInByteOrder() {
        fixture.write(CONFIG, "Include /etc/ssh/sshd_config.d/*.conf")
                .write("/etc/ssh/sshd_config.d/b.conf", "PermitRootLogin yes")
                .write("/etc/ssh/sshd_config.d/B.conf", "PermitRootLogin no")
                .write("/etc/ssh/sshd_config.d/a.txt", "PermitRootLogin forced-commands-only");

        SshdConfig config = fixture.parse();

        assertThat(config.files()).containsExactly(CONFIG, "/etc/ssh/sshd_config.d/B.conf", "/etc/ssh/sshd_config.d/b.conf");
        assertThat(new EffectiveSettings(config).value(PERMIT_ROOT_LOGIN).value()).isEqualTo("no");
    }

    @Test
    void includeAcceptsSeveralArguments() {
        fixture.write(CONFIG, "Include /etc/ssh/extra/second.conf /etc/ssh/extra/first.conf")
                .write("/etc/ssh/extra/first.conf", "PermitRootLogin no")
                .write("/etc/ssh/extra/second.conf", "PermitRootLogin yes");

        assertThat(fixture.settings().value(PERMIT_ROOT_LOGIN).evidence())
                .isEqualTo("PermitRootLogin yes (/etc/ssh/extra/second.conf:1)");
    }

    @Test
    void relativeIncludeResolvesAgainstEtcSsh() {
        fixture.write("/srv/sshd/custom_config", "Include sshd_config.d/*.conf")
                .write("/etc/ssh/sshd_config.d/10-root.conf", "PermitRootLogin no");

        SshdConfig config = SshdConfigParser.parse(fixture.host(), "/srv/sshd/custom_config");

        assertThat(new EffectiveSettings(config).value(PERMIT_ROOT_LOGIN).evidence())
                .isEqualTo("PermitRootLogin no (/etc/ssh/sshd_config.d/10-root.conf:1)");
    }

    @Test
    void nestedIncludesAreRead() {
        fixture.write(CONFIG, "Include /etc/ssh/level1.conf")
                .write("/etc/ssh/level1.conf", "Include level2/*.conf")
                .write("/etc/ssh/level2/deep.conf", "PasswordAuthentication no");

        assertThat(fixture.settings().value(PASSWORD_AUTHENTICATION).evidence())
                .isEqualTo("PasswordAuthentication no (/etc/ssh/level2/deep.conf:1)");
    }

    @Test
    void includeThatMatchesNothingIsSkipped() {
        fixture.write(CONFIG, "Include /etc/ssh/sshd_config.d/*.conf /etc/ssh/missing.conf", "PasswordAuthentication no");

        SshdConfig config = fixture.parse();

        assertThat(config.problems()).isEmpty();
        assertThat(config.unreadable()).isEmpty();
        assertThat(new EffectiveSettings(config).value(PASSWORD_AUTHENTICATION).value()).isEqualTo("no");
    }

    @Test
    void includeNestedBeyondSixteenLevelsIsRejected() {
        fixture.write(CONFIG, "Include /etc/ssh/loop.conf")
                .write("/etc/ssh/loop.conf", "Include /etc/ssh/loop.conf", "Include /etc/ssh/loop.conf");

        SshdConfig config = fixture.parse();

        assertThat(config.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.keyword()).isEqualTo("Include");
            assertThat(problem.message()).startsWith("Too many recursive configuration includes");
        });
        assertThat(config.files()).hasSize(1 + SshdConfigParser.MAX_INCLUDE_DEPTH);
    }

    @Test
    void includedDirectoryAddsNothing() {
        fixture.write(CONFIG, "Include /etc/ssh/sshd_config.d/*")
                .write("/etc/ssh/sshd_config.d/nested.d/inner.conf", "PermitRootLogin yes")
                .write("/etc/ssh/sshd_config.d/root.conf", "PermitRootLogin no");

        SshdConfig config = fixture.parse();

        assertThat(config.files()).containsExactly(CONFIG, "/etc/ssh/sshd_config.d/root.conf");
        assertThat(config.unreadable()).isEmpty();
    }

    @Test
    void matchBlockLeavesGlobalValueAlone() {
        fixture.write(CONFIG, "Match User deploy", "  PasswordAuthentication no", "Match all", "PermitRootLogin no");

        EffectiveSettings settings = fixture.settings();

        assertThat(settings.value(PASSWORD_AUTHENTICATION).evidence()).isEqualTo("PasswordAuthentication yes (OpenSSH default)");
        assertThat(settings.overrides(PASSWORD_AUTHENTICATION)).singleElement()
                .satisfies(override -> assertThat(override.evidence()).isEqualTo(
                        "Match User deploy (/etc/ssh/sshd_config:1-2) sets PasswordAuthentication no (/etc/ssh/sshd_config:2)"));
    }

    @Test
    void matchBlockRunsToNextMatchLine() {
        fixture.write(CONFIG,
                "Match User deploy",
                "  X11Forwarding no",
                "",
                "# indentation does not end a block",
                "PermitRootLogin yes",
                "Match Address 10.0.0.0/8",
                "  PermitRootLogin no");

        EffectiveSettings settings = fixture.settings();

        assertThat(settings.value(PERMIT_ROOT_LOGIN).evidence()).isEqualTo("PermitRootLogin prohibit-password (OpenSSH default)");
        assertThat(settings.overrides(PERMIT_ROOT_LOGIN)).extracting(override -> override.block().describe())
                .containsExactly("Match User deploy (/etc/ssh/sshd_config:1-5)", "Match Address 10.0.0.0/8 (/etc/ssh/sshd_config:6-7)");
    }

    @Test
    void matchAllEndsConditionalScope() {
        fixture.write(CONFIG, "Match User deploy", "  X11Forwarding no", "Match all", "Port 2222");

        SshdConfig config = fixture.parse();

        assertThat(config.problems()).isEmpty();
        assertThat(new EffectiveSettings(config).values(PORT)).extracting(ConfigValue::evidence)
                .containsExactly("Port 2222 (/etc/ssh/sshd_config:4)");
    }

    @Test
    void matchAllValueBeatsEarlierGlobalValue() {
        fixture.write(CONFIG, "PasswordAuthentication no", "Match all", "PasswordAuthentication yes");

        assertThat(fixture.settings().value(PASSWORD_AUTHENTICATION).evidence())
                .isEqualTo("PasswordAuthentication yes (/etc/ssh/sshd_config:3)");
    }

    @Test
    void matchAllWinsOverLaterConditionalBlock() {
        fixture.write(CONFIG, "Match all", "PermitRootLogin no", "Match User admin", "PermitRootLogin yes");

        EffectiveSettings settings = fixture.settings();

        assertThat(settings.value(PERMIT_ROOT_LOGIN).value()).isEqualTo("no");
        assertThat(settings.overrides(PERMIT_ROOT_LOGIN)).isEmpty();
    }

    @Test
    void matchInIncludedFileEndsWithThatFile() {
        fixture.write(CONFIG, "Include /etc/ssh/sshd_config.d/*.conf", "PasswordAuthentication no")
                .write("/etc/ssh/sshd_config.d/10-deploy.conf", "Match User deploy", "PasswordAuthentication yes");

        EffectiveSettings settings = fixture.settings();

        assertThat(settings.value(PASSWORD_AUTHENTICATION).evidence()).isEqualTo("PasswordAuthentication no (/etc/ssh/sshd_config:2)");
        assertThat(settings.overrides(PASSWORD_AUTHENTICATION)).extracting(override -> override.block().criteria())
                .containsExactly("User deploy");
    }

    @Test
    void includeInsideMatchPutsIncludedLinesInBlock() {
        fixture.write(CONFIG, "Match User alice", "Include /etc/ssh/alice.conf", "Match all", "PermitRootLogin no")
                .write("/etc/ssh/alice.conf", "PermitRootLogin yes");

        EffectiveSettings settings = fixture.settings();

        assertThat(settings.value(PERMIT_ROOT_LOGIN).value()).isEqualTo("no");
        assertThat(settings.overrides(PERMIT_ROOT_LOGIN)).singleElement().satisfies(override -> {
            assertThat(override.block().describe()).isEqualTo("Match User alice (/etc/ssh/sshd_config:1-2)");
            assertThat(override.value().location()).isEqualTo("/etc/ssh/alice.conf:1");
        });
    }

    @Test
    void matchAllInsideConditionalBlockStaysConditional() {
        fixture.write(CONFIG, "Match User alice", "Include /etc/ssh/alice.conf")
                .write("/etc/ssh/alice.conf", "Match all", "PasswordAuthentication yes");

        EffectiveSettings settings = fixture.settings();

        assertThat(settings.value(PASSWORD_AUTHENTICATION).origin()).isEqualTo(ConfigValue.Origin.OPENSSH_DEFAULT);
        assertThat(settings.overrides(PASSWORD_AUTHENTICATION)).singleElement()
                .satisfies(override -> assertThat(override.block().describe())
                        .isEqualTo("Match all (/etc/ssh/alice.conf:1-2) inside Match User alice (/etc/ssh/sshd_config:1-2)"));
    }

    @Test
    void portsAccumulateAcrossFiles() {
        fixture.write(CONFIG, "Include /etc/ssh/sshd_config.d/*.conf", "Port 22")
                .write("/etc/ssh/sshd_config.d/a.conf", "Port 2200")
                .write("/etc/ssh/sshd_config.d/b.conf", "Port 2300");

        assertThat(fixture.settings().values(PORT)).extracting(ConfigValue::value).containsExactly("2200", "2300", "22");
    }

    @Test
    void portNameResolvesThroughEtcServices() {
        fixture.write(CONFIG, "Port ssh")
                .write("/etc/services", "# Network services", "ssh\t\t22/tcp\t\t\t# SSH Remote Login Protocol");

        assertThat(fixture.settings().values(PORT)).extracting(ConfigValue::value).containsExactly("22");
    }

    @Test
    void portInConditionalMatchBlockIsRejected() {
        fixture.write(CONFIG, "Match User deploy", "Port 2222");

        SshdConfig config = fixture.parse();

        assertThat(config.problems()).extracting(ConfigProblem::describe)
                .containsExactly("/etc/ssh/sshd_config line 2: Directive 'Port' is not allowed within a Match block");
        assertThat(new EffectiveSettings(config).values(PORT)).isEmpty();
    }

    @Test
    void unsupportedValueIsRejected() {
        fixture.write(CONFIG, "PasswordAuthentication maybe", "PasswordAuthentication no");

        SshdConfig config = fixture.parse();

        assertThat(config.problems()).extracting(ConfigProblem::describe)
                .containsExactly("/etc/ssh/sshd_config line 1: unsupported option \"maybe\"");
    }

    @Test
    void extraArgumentIsRejected() {
        fixture.write(CONFIG, "PermitRootLogin no yes");

        assertThat(fixture.parse().problems()).extracting(ConfigProblem::message)
                .containsExactly("keyword PermitRootLogin extra arguments at end of line");
    }

    @Test
    void matchAllCombinedWithCriteriaIsRejected() {
        fixture.write(CONFIG, "Match all User deploy", "PasswordAuthentication yes");

        SshdConfig config = fixture.parse();

        assertThat(config.problems()).extracting(ConfigProblem::keyword).containsExactly("Match");
        assertThat(config.blocks()).singleElement().satisfies(block -> assertThat(block.unconditional()).isFalse());
    }

    @Test
    void unreadableIncludedFileIsRecorded() {
        fixture.write(CONFIG, "Include /etc/ssh/sshd_config.d/*.conf", "PasswordAuthentication no")
                .write("/etc/ssh/sshd_config.d/50-cloud-init.conf", "PasswordAuthentication yes");

        SshdConfig config = SshdConfigParser.parse(
                DenyingHost.denyingFiles(fixture.host(), "/etc/ssh/sshd_config.d/50-cloud-init.conf"), CONFIG);

        assertThat(config.unreadable()).containsExactly(
                new UnreadableFile("/etc/ssh/sshd_config.d/50-cloud-init.conf", "permission denied"));
        assertThat(new EffectiveSettings(config).value(PASSWORD_AUTHENTICATION).value()).isEqualTo("no");
    }

    @Test
    void unlistableIncludeDirectoryIsRecorded() {
        fixture.write(CONFIG, "Include /etc/ssh/sshd_config.d/*.conf")
                .write("/etc/ssh/sshd_config.d/50-cloud-init.conf", "PasswordAuthentication yes");

        SshdConfig config = SshdConfigParser.parse(
                DenyingHost.denyingDirectories(fixture.host(), "/etc/ssh/sshd_config.d"), CONFIG);

        assertThat(config.unreadable()).singleElement().satisfies(file -> {
            assertThat(file.path()).isEqualTo("/etc/ssh/sshd_config.d");
            assertThat(file.reason()).startsWith("permission denied");
        });
    }

    @Test
    void directivesKeepReadingOrderAcrossFiles() {
        fixture.write(CONFIG, "UsePAM yes", "Include /etc/ssh/sshd_config.d/*.conf", "X11Forwarding no")
                .write("/etc/ssh/sshd_config.d/a.conf", "PrintMotd no");

        List<String> order = fixture.parse().directives().stream().map(Directive::keyword).toList();

        assertThat(order).containsExactly("UsePAM", "printmotd", "x11forwarding");
    }
}
