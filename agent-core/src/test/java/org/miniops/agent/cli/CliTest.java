package org.miniops.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.agent.config.AgentConfig;
import org.miniops.agent.json.Json;
import org.miniops.agent.testing.PluginJar;

class CliTest {

    /** Reads /etc/acme.conf of the audited root: PASS with secure=yes, FAIL otherwise. */
    private static final String ACME_CONF_CHECK = """
            List<String> lines = context.host().readLines("/etc/acme.conf");
            if (lines.contains("secure=yes")) {
                return CheckResult.pass("acme runs in secure mode").withEvidence("secure=yes (/etc/acme.conf)");
            }
            return CheckResult.fail("acme runs in insecure mode")
                    .withEvidence("secure=no (/etc/acme.conf)")
                    .withRemediation("Set secure=yes in /etc/acme.conf");
            """;

    @TempDir
    Path dir;

    private Path home;
    private Path envFile;
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void createDistribution() throws IOException {
        home = Files.createDirectories(dir.resolve("opt/mini-ops"));
        Files.createDirectories(home.resolve("plugins"));
        envFile = Files.writeString(dir.resolve(".env"), "SERVER_NAME=test-host\n");
    }

    @Test
    void helpPrintsUsage() {
        Result result = run("--help");

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("Usage: mini-ops <command>").contains("audit").contains("--format text|json");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void shortHelpOptionPrintsUsage() {
        Result result = run("-h");

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("Usage: mini-ops");
    }

    @Test
    void versionPrintsVersion() {
        Result result = run("--version");

        assertThat(result.code()).isZero();
        assertThat(result.out()).isEqualTo("mini-ops 9.8.7" + System.lineSeparator());
    }

    @Test
    void unknownCommandExitsTwo() {
        Result result = run("deploy");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("unknown command 'deploy'").contains("--help");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void unknownOptionExitsTwo() {
        Result result = run("audit", "--colour");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("unknown option '--colour'").contains("--help");
    }

    @Test
    void missingCommandExitsTwo() {
        Result result = run();

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("no command given");
    }

    @Test
    void unsupportedFormatExitsTwo() {
        Result result = run("audit", "--format", "xml");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--format 'xml'").contains("text or json");
    }

    @Test
    void optionWithoutValueExitsTwo() {
        Result result = run("audit", "--root");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--root needs a value");
    }

    @Test
    void auditOptionOnServeExitsTwo() {
        Result result = run("serve", "--format", "json");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("'mini-ops audit' only");
    }

    @Test
    void auditWithMissingRootExitsTwo() {
        Path missing = dir.resolve("no-such-image");

        Result result = run("audit", "--env-file", envFile.toString(), "--root", missing.toString());

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--root " + missing).contains("not a directory");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void auditWithFileAsRootExitsTwo() throws IOException {
        Path file = Files.writeString(dir.resolve("disk.img"), "raw image");

        Result result = run("audit", "--env-file", envFile.toString(), "--root", file.toString());

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("not a directory");
    }

    @Test
    void missingEnvFileExitsTwo() {
        Path missing = dir.resolve("absent.env");

        Result result = run("audit", "--env-file", missing.toString());

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains(missing.toString()).contains("does not exist");
    }

    @Test
    void auditWithoutFailuresExitsZero() throws IOException {
        installAcmePlugin();
        Path root = fixtureRoot("secure", "secure=yes");

        Result result = run("audit", "--env-file", envFile.toString(), "--root", root.toString());

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("PASS").contains("acme.secure-mode");
    }

    @Test
    void auditWithFailureExitsOne() throws IOException {
        installAcmePlugin();
        Path root = fixtureRoot("insecure", "secure=no");

        Result result = run("audit", "--env-file", envFile.toString(), "--root", root.toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).contains("FAIL").contains("Set secure=yes in /etc/acme.conf");
    }

    @Test
    void auditWithoutPluginsExitsZero() throws IOException {
        Path root = fixtureRoot("empty", "secure=yes");

        Result result = run("audit", "--env-file", envFile.toString(), "--root", root.toString());

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("No checks are installed");
    }

    @Test
    void auditJsonListsEveryCheckWithItsFields() throws IOException {
        installAcmePlugin();
        Path root = fixtureRoot("insecure", "secure=no");

        Result result = run("audit", "--env-file", envFile.toString(), "--root", root.toString(), "--format", "json");

        assertThat(result.code()).isEqualTo(1);
        JsonNode report = Json.mapper().readTree(result.out());
        assertThat(report.path("checks").isArray()).isTrue();
        JsonNode check = report.path("checks").get(0);
        assertThat(check.path("id").asText()).isEqualTo("acme.secure-mode");
        assertThat(check.path("title").asText()).isEqualTo("Check acme.secure-mode");
        assertThat(check.path("status").asText()).isEqualTo("FAIL");
        assertThat(check.path("summary").asText()).isEqualTo("acme runs in insecure mode");
        assertThat(check.path("evidence").isArray()).isTrue();
        assertThat(check.path("evidence").get(0).asText()).isEqualTo("secure=no (/etc/acme.conf)");
        assertThat(check.path("remediation").asText()).isEqualTo("Set secure=yes in /etc/acme.conf");
    }

    @Test
    void auditJsonIsTheOnlyOutput() throws IOException {
        installAcmePlugin();
        Path root = fixtureRoot("secure", "secure=yes");

        Result result = run("audit", "--env-file", envFile.toString(), "--root", root.toString(), "--format=json");

        assertThat(result.code()).isZero();
        assertThat(Json.mapper().readTree(result.out()).isObject()).isTrue();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void auditReadsHostRootFromConfig() throws IOException {
        installAcmePlugin();
        Path root = fixtureRoot("insecure", "secure=no");
        environment.put("HOST_ROOT", root.toString());

        Result result = run("audit", "--env-file", envFile.toString());

        assertThat(result.code()).isEqualTo(1);
    }

    @Test
    void auditUsesPluginsDirFromEnvironment() throws IOException {
        Path elsewhere = dir.resolve("custom-plugins");
        PluginJar.named("acme-checks").check("com.acme.SecureModeCheck", "acme.secure-mode", ACME_CONF_CHECK).writeTo(elsewhere);
        environment.put("PLUGINS_DIR", elsewhere.toString());
        Path root = fixtureRoot("secure", "secure=yes");

        Result result = run("audit", "--env-file", envFile.toString(), "--root", root.toString());

        assertThat(result.out()).contains("acme.secure-mode");
    }

    @Test
    void auditReturnsInTimeWhenPluginCheckHangs() throws IOException {
        PluginJar.named("acme-checks")
                .check("com.acme.SecureModeCheck", "acme.secure-mode", ACME_CONF_CHECK)
                .check("com.acme.HangingCheck", "acme.hanging",
                        "@Override public Duration timeout() { return Duration.ofSeconds(1); }",
                        "Thread.sleep(60_000); return CheckResult.pass(\"too late\");")
                .writeTo(home.resolve("plugins"));
        Path root = fixtureRoot("secure", "secure=yes");

        long started = System.nanoTime();
        Result result = run("audit", "--env-file", envFile.toString(), "--root", root.toString(), "--format", "json");
        long millis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(millis).isLessThan(5_000);
        JsonNode checks = Json.mapper().readTree(result.out()).path("checks");
        assertThat(checks.get(0).path("id").asText()).isEqualTo("acme.hanging");
        assertThat(checks.get(0).path("status").asText()).isEqualTo("ERROR");
        assertThat(checks.get(0).path("summary").asText()).contains("did not finish within 1 s");
        assertThat(checks.get(1).path("status").asText()).isEqualTo("PASS");
        assertThat(result.code()).isZero();
    }

    @Test
    void serveWithoutTokenExitsTwo() {
        Result result = run("serve", "--env-file", envFile.toString());

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("AUTH_TOKEN").contains("openssl rand -hex 32");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void serveRejectsShortTokenInOneLine() {
        String shortToken = "tooshort-0123456789";
        environment.put("AUTH_TOKEN", shortToken);

        Result result = run("serve", "--env-file", envFile.toString());

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).contains("AUTH_TOKEN").contains("openssl rand -hex 32").doesNotContain(shortToken);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void serveHidesShortTokenFromEnvFile() throws IOException {
        String shortToken = "0123456789abcdef0123";
        Files.writeString(envFile, "AUTH_TOKEN=" + shortToken + "\n");

        Result result = run("serve", "--env-file", envFile.toString());

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).doesNotContain(shortToken);
    }

    @Test
    void serveWithPlaceholderTokenExitsTwo() {
        environment.put("AUTH_TOKEN", AgentConfig.PLACEHOLDER_TOKEN);

        Result result = run("serve", "--env-file", envFile.toString());

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.err()).contains("placeholder").doesNotContain(AgentConfig.PLACEHOLDER_TOKEN);
    }

    @Test
    void serveWithMalformedEnvFileNamesLineOnly() throws IOException {
        String secret = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978";
        Files.writeString(envFile, "SERVER_NAME=web1\n" + secret + "\n");

        Result result = run("serve", "--env-file", envFile.toString());

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains(envFile + ":2").doesNotContain(secret);
    }

    @Test
    void serveWithBadPortNamesKey() {
        environment.put("AUTH_TOKEN", "c".repeat(64));
        environment.put("APP_PORT", "99999");

        Result result = run("serve", "--env-file", envFile.toString());

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("APP_PORT 99999");
    }

    private void installAcmePlugin() throws IOException {
        PluginJar.named("acme-checks")
                .check("com.acme.SecureModeCheck", "acme.secure-mode", ACME_CONF_CHECK)
                .writeTo(home.resolve("plugins"));
    }

    private Path fixtureRoot(String name, String acmeConf) throws IOException {
        Path root = dir.resolve("roots").resolve(name);
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/acme.conf"), acmeConf + "\n");
        return root;
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Cli.run(List.of(args), Map.copyOf(environment), home, "9.8.7", outStream, errStream);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String out, String err) {
    }
}
