package org.miniops.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.miniops.api.CommandResult;
import org.miniops.api.CommandRunner;
import org.miniops.api.Host;

/**
 * Compares the parser with the installed OpenSSH: each fixture config goes through the real
 * {@code sshd -T}, and the values sshd prints must equal what the parser works out.
 *
 * <p>Only {@code -T} runs; no daemon starts. The fixtures' Include paths point inside the
 * temporary directory, so nothing under the machine's /etc/ssh is read.
 */
class SshdCrossCheckTest {

    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path PRIVILEGE_SEPARATION_DIRECTORY = Path.of("/run/sshd");
    private static final List<String> COMPARED = List.of(SshdKeywords.PASSWORD_AUTHENTICATION,
            SshdKeywords.KBD_INTERACTIVE_AUTHENTICATION, SshdKeywords.PERMIT_ROOT_LOGIN, SshdKeywords.USE_PAM);
    private static final List<String> COMPARED_IN_MATCH = List.of(SshdKeywords.PASSWORD_AUTHENTICATION,
            SshdKeywords.KBD_INTERACTIVE_AUTHENTICATION, SshdKeywords.PERMIT_ROOT_LOGIN);
    private static final String MATCHING_USER = "deploy";

    @TempDir
    static Path keyDirectory;

    private static Path hostKey;

    @BeforeAll
    static void generateHostKey() throws IOException {
        assumeTrue(Files.isExecutable(SSHD), "sshd is not installed at " + SSHD + "; nothing to compare the parser with");
        hostKey = keyDirectory.resolve("ssh_host_ed25519_key");
        CommandResult keygen = CommandRunner.system().run(
                List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()), Duration.ofSeconds(10));
        assertThat(keygen.exitCode()).as("ssh-keygen: %s", keygen.stderr()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsedValuesEqualSshdOutput(Map<String, String> files, @TempDir Path directory) throws IOException {
        Path config = writeFixture(files, directory);
        SshdTestOutput sshd = runSshd(config);
        EffectiveSettings parsed = parse(config);

        for (String keyword : COMPARED) {
            assertThat(SshdKeywords.normalize(keyword, parsed.value(keyword).value()))
                    .as("%s: parser %s, sshd -T %s", keyword, parsed.value(keyword).evidence(), sshd.first(keyword))
                    .isEqualTo(SshdKeywords.normalize(keyword, sshd.first(keyword).orElseThrow()));
        }
        assertThat(portsOf(parsed)).as("ports").isEqualTo(sshd.all(SshdKeywords.PORT));
        assertThat(parsed.endpoints()).extracting(ListenEndpoint::endpoint).as("listen addresses")
                .isEqualTo(sshd.all(SshdKeywords.LISTEN_ADDRESS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void matchBlockValuesEqualSshdOutputForUser(Map<String, String> files, @TempDir Path directory) throws IOException {
        Path config = writeFixture(files, directory);
        SshdTestOutput sshd = runSshd(config, "-C", "user=" + MATCHING_USER + ",host=client.example.org,addr=192.0.2.10");
        SshdConfig parsed = SshdConfigParser.parse(realRoot(), config.toString());

        for (String keyword : COMPARED_IN_MATCH) {
            assertThat(SshdKeywords.normalize(keyword, valueForUser(parsed, keyword)))
                    .as("%s for user %s", keyword, MATCHING_USER)
                    .isEqualTo(SshdKeywords.normalize(keyword, sshd.first(keyword).orElseThrow()));
        }
    }

    static Stream<Named<Map<String, String>>> fixtures() {
        return Stream.of(
                fixture("cloud-init drop-in before main file",
                        "sshd_config", "Include {dir}/sshd_config.d/*.conf\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n",
                        "sshd_config.d/50-cloud-init.conf", "PasswordAuthentication yes\n"),
                fixture("Include at the end",
                        "sshd_config", "PasswordAuthentication no\nKbdInteractiveAuthentication no\nInclude {dir}/sshd_config.d/*.conf\n",
                        "sshd_config.d/50-cloud-init.conf", "PasswordAuthentication yes\n"),
                fixture("10- sorts before 9-",
                        "sshd_config", "Include {dir}/sshd_config.d/*.conf\n",
                        "sshd_config.d/9-hardening.conf", "PasswordAuthentication no\n",
                        "sshd_config.d/10-vendor.conf", "PasswordAuthentication yes\n"),
                fixture("PAM with default keyboard-interactive",
                        "sshd_config", "PasswordAuthentication no\nUsePAM yes\n"),
                fixture("trailing comments",
                        "sshd_config", "PasswordAuthentication yes # enabled for now\nPermitRootLogin no # was yes\n"),
                fixture("keyword and value case",
                        "sshd_config", "passwordauthentication No\nPERMITROOTLOGIN YES\n"),
                fixture("two ports",
                        "sshd_config", "Port 22\nPort 2222\n"),
                fixture("Match User block",
                        "sshd_config", "PasswordAuthentication no\nKbdInteractiveAuthentication no\nMatch User deploy\n    PasswordAuthentication yes\n"),
                fixture("equals signs, quotes, tabs and CRLF",
                        "sshd_config", "PasswordAuthentication=no\r\nPermitRootLogin = \"forced-commands-only\"\r\n"
                                + "KbdInteractiveAuthentication\tno\r\n  UsePAM 'yes'\r\n\r\n# comment\r\n"),
                fixture("ChallengeResponseAuthentication alias",
                        "sshd_config", "ChallengeResponseAuthentication no\nKbdInteractiveAuthentication yes\n"),
                fixture("Match all overrides global value",
                        "sshd_config", "PasswordAuthentication no\nMatch User deploy\nPermitRootLogin yes\n"
                                + "Match all\nPasswordAuthentication yes\nPermitRootLogin no\n"),
                fixture("Match all before a user block wins",
                        "sshd_config", "Match all\nPermitRootLogin no\nMatch User deploy\nPermitRootLogin yes\n"),
                fixture("Match in included file ends with it",
                        "sshd_config", "Include {dir}/sshd_config.d/*.conf\nPasswordAuthentication no\n",
                        "sshd_config.d/10-deploy.conf", "Match User deploy\nPasswordAuthentication yes\n"),
                fixture("Include inside Match block",
                        "sshd_config", "Match User deploy\nInclude {dir}/deploy.conf\nMatch all\nPasswordAuthentication no\n",
                        "deploy.conf", "PermitRootLogin yes\nMatch all\nPasswordAuthentication yes\nKbdInteractiveAuthentication no\n"),
                fixture("Include inside block of another user",
                        "sshd_config", "KbdInteractiveAuthentication no\nMatch User alice\nInclude {dir}/alice.conf\n",
                        "alice.conf", "PermitRootLogin yes\nMatch all\nPasswordAuthentication no\n"),
                fixture("ports from several files",
                        "sshd_config", "Include {dir}/sshd_config.d/*.conf\nPort 22\n",
                        "sshd_config.d/a.conf", "Port 2200\n",
                        "sshd_config.d/b.conf", "Port 2300\n"),
                fixture("listen addresses with and without port",
                        "sshd_config", "ListenAddress 127.0.0.1:2022\nListenAddress ::1\nListenAddress [::1]:2023\nPort 22\nPort 2222\n"),
                fixture("AddressFamily inet",
                        "sshd_config", "AddressFamily inet\nPort 2222\n"),
                fixture("nested includes",
                        "sshd_config", "Include {dir}/level1.conf\nPermitRootLogin yes\n",
                        "level1.conf", "Include {dir}/level2/*.conf\n",
                        "level2/deep.conf", "PermitRootLogin forced-commands-only\nPasswordAuthentication no\n"),
                fixture("several Include arguments, some matching nothing",
                        "sshd_config", "Include {dir}/none/*.conf {dir}/b.conf {dir}/a.conf {dir}/missing.conf\n",
                        "a.conf", "PermitRootLogin no\n",
                        "b.conf", "PermitRootLogin yes\n"),
                fixture("quoted Include path with a space",
                        "sshd_config", "Include \"{dir}/my dir/*.conf\"\nPasswordAuthentication yes\n",
                        "my dir/10-no.conf", "PasswordAuthentication no\n"),
                fixture("global keywords after Match all",
                        "sshd_config", "Match User deploy\nX11Forwarding no\nMatch all\nUsePAM yes\nPort 2000\n"),
                fixture("port given as a service name",
                        "sshd_config", "Port ssh\nPort 2222\n"));
    }

    /** Builds a named fixture from pairs of relative path and content; {@code {dir}} stands for the fixture directory. */
    private static Named<Map<String, String>> fixture(String name, String... pathsAndContents) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return Named.of(name, files);
    }

    private static Path writeFixture(Map<String, String> files, Path directory) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = directory.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue().replace("{dir}", directory.toString()), StandardCharsets.UTF_8);
        }
        return directory.resolve("sshd_config");
    }

    private static Host realRoot() {
        return Host.of(Path.of("/"), CommandRunner.disabled(), false);
    }

    private static EffectiveSettings parse(Path config) {
        return new EffectiveSettings(SshdConfigParser.parse(realRoot(), config.toString()));
    }

    private static List<String> portsOf(EffectiveSettings parsed) {
        List<String> ports = parsed.values(SshdKeywords.PORT).stream().map(ConfigValue::value).toList();
        return ports.isEmpty() ? List.of("22") : ports;
    }

    /**
     * Returns the value sshd uses for a connection by {@link #MATCHING_USER}: the first line in a
     * Match block whose conditions all hold, else the global value. Only {@code all} and
     * {@code User} conditions can hold in these fixtures.
     */
    private static String valueForUser(SshdConfig config, String keyword) {
        for (Directive directive : config.directives()) {
            if (directive.keyword().equals(keyword) && directive.block() != null && matches(directive.block())) {
                return directive.toValue().value();
            }
        }
        return new EffectiveSettings(config).value(keyword).value();
    }

    private static boolean matches(MatchBlock block) {
        List<String> words = ConfigLine.splitWords(block.criteria());
        boolean matches = words.size() == 1 && words.get(0).equalsIgnoreCase("all")
                || words.size() == 2 && words.get(0).equalsIgnoreCase("user") && words.get(1).equals(MATCHING_USER);
        return matches && (block.enclosing() == null || matches(block.enclosing()));
    }

    private static SshdTestOutput runSshd(Path config, String... options) throws IOException {
        List<String> sshd = new ArrayList<>(List.of(SSHD.toString(), "-T", "-f", config.toString(), "-h", hostKey.toString()));
        sshd.addAll(List.of(options));

        List<String> command = sshd;
        // sshd stops, even with -T, when /run/sshd is missing, as it is while the service is not running.
        // A private mount namespace provides the directory without touching the machine.
        if (!Files.isDirectory(PRIVILEGE_SEPARATION_DIRECTORY)) {
            command = new ArrayList<>(List.of("unshare", "--map-root-user", "--mount", "--", "sh", "-c",
                    "mount -t tmpfs tmpfs /run && mkdir -m 755 /run/sshd && exec \"$@\"", "sh"));
            command.addAll(sshd);
        }

        CommandResult result = CommandRunner.system().run(command, Duration.ofSeconds(10));
        assertThat(result.exitCode()).as("%s failed: %s", String.join(" ", command), result.stderr()).isZero();
        return SshdTestOutput.parse(result.stdout());
    }
}
