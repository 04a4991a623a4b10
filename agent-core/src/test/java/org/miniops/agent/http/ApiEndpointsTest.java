package org.miniops.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.agent.json.Json;
import org.miniops.agent.testing.PluginJar;

/** The API of a running agent with third-party plugin jars in its plugins directory. */
class ApiEndpointsTest {

    private static final String MOTD_CHECK = """
            if (context.host().exists("/etc/motd")) {
                return CheckResult.pass("a login banner is set").withEvidence("/etc/motd exists");
            }
            return CheckResult.warn("no login banner").withRemediation("Write a banner to /etc/motd");
            """;

    @TempDir
    Path dir;

    private TestAgent agent;

    @AfterEach
    void stopAgent() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void healthReportsVersion() throws IOException {
        agent = TestAgent.start(dir);

        HttpResponse<String> response = agent.getAuthorized("/api/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("version").asText()).isEqualTo("1.2.3-test");
    }

    @Test
    void auditRunsPluginCheckWhenNoReportExists() throws IOException {
        installMotdPlugin();
        Files.writeString(Files.createDirectories(dir.resolve("root/etc")).resolve("motd"), "Authorized use only\n");
        agent = TestAgent.start(dir);

        HttpResponse<String> response = agent.getAuthorized("/api/audit");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode check = Json.mapper().readTree(response.body()).path("checks").get(0);
        assertThat(check.path("id").asText()).isEqualTo("acme.motd");
        assertThat(check.path("status").asText()).isEqualTo("PASS");
        assertThat(check.path("evidence").get(0).asText()).isEqualTo("/etc/motd exists");
    }

    @Test
    void auditReportHasFieldsForEveryCheck() throws IOException {
        installMotdPlugin();
        agent = TestAgent.start(dir);

        HttpResponse<String> response = agent.getAuthorized("/api/audit");

        JsonNode check = Json.mapper().readTree(response.body()).path("checks").get(0);
        assertThat(check.path("title").asText()).isEqualTo("Check acme.motd");
        assertThat(check.path("status").asText()).isEqualTo("WARN");
        assertThat(check.path("summary").asText()).isEqualTo("no login banner");
        assertThat(check.path("evidence").isArray()).isTrue();
        assertThat(check.path("remediation").asText()).isEqualTo("Write a banner to /etc/motd");
    }

    @Test
    void auditReturnsLatestReportWithoutRunningAgain() throws IOException {
        installMotdPlugin();
        agent = TestAgent.start(dir);

        String first = Json.mapper().readTree(agent.getAuthorized("/api/audit").body()).path("startedAt").asText();
        String second = Json.mapper().readTree(agent.getAuthorized("/api/audit").body()).path("startedAt").asText();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void auditRunStartsFreshReport() throws IOException {
        installMotdPlugin();
        agent = TestAgent.start(dir);
        String first = Json.mapper().readTree(agent.getAuthorized("/api/audit").body()).path("startedAt").asText();

        HttpResponse<String> response = agent.send(agent.request("/api/audit/run")
                .header("Authorization", "Bearer " + TestAgent.TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(response.body()).path("startedAt").asText()).isNotEqualTo(first);
    }

    @Test
    void auditShowsThrowingPluginCheckAsError() throws IOException {
        installMotdPlugin();
        PluginJar.named("broken-checks")
                .check("com.broken.ParserCheck", "broken.parser", "throw new IllegalStateException(\"unreadable /etc/broken.conf\");")
                .writeTo(dir.resolve("plugins"));
        agent = TestAgent.start(dir);

        JsonNode checks = Json.mapper().readTree(agent.getAuthorized("/api/audit").body()).path("checks");

        assertThat(checks.get(0).path("id").asText()).isEqualTo("acme.motd");
        assertThat(checks.get(0).path("status").asText()).isEqualTo("WARN");
        assertThat(checks.get(1).path("id").asText()).isEqualTo("broken.parser");
        assertThat(checks.get(1).path("status").asText()).isEqualTo("ERROR");
        assertThat(checks.get(1).path("summary").asText()).contains("unreadable /etc/broken.conf");
    }

    @Test
    void pluginsListsStartedPlugin() throws IOException {
        installMotdPlugin();
        agent = TestAgent.start(dir);

        HttpResponse<String> response = agent.getAuthorized("/api/plugins");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode plugin = Json.mapper().readTree(response.body()).path("plugins").get(0);
        assertThat(plugin.path("id").asText()).isEqualTo("acme-checks");
        assertThat(plugin.path("version").asText()).isEqualTo("1.4.0");
        assertThat(plugin.path("state").asText()).isEqualTo("STARTED");
        assertThat(plugin.path("extensions").get(0).asText()).isEqualTo("acme.motd");
        assertThat(plugin.path("failure").isNull()).isTrue();
    }

    @Test
    void pluginsListsCorruptJarWithReason() throws IOException {
        installMotdPlugin();
        Files.write(dir.resolve("plugins/truncated.jar"), "PK\u0003\u0004 cut off".getBytes(StandardCharsets.ISO_8859_1));
        agent = TestAgent.start(dir);

        JsonNode plugins = Json.mapper().readTree(agent.getAuthorized("/api/plugins").body()).path("plugins");

        JsonNode failed = find(plugins, "truncated.jar");
        assertThat(failed.path("state").asText()).isEqualTo("FAILED");
        assertThat(failed.path("failure").asText()).isNotBlank();
        assertThat(find(plugins, "acme-checks").path("state").asText()).isEqualTo("STARTED");
    }

    @Test
    void pluginsListsJarWithoutPluginIdWithReason() throws IOException {
        installMotdPlugin();
        PluginJar.named("anonymous").withoutPluginId()
                .check("com.anonymous.NoIdCheck", "anonymous.check", "return CheckResult.pass(\"fine\");")
                .writeTo(dir.resolve("plugins"));
        agent = TestAgent.start(dir);

        JsonNode plugins = Json.mapper().readTree(agent.getAuthorized("/api/plugins").body()).path("plugins");

        JsonNode failed = find(plugins, "anonymous.jar");
        assertThat(failed.path("state").asText()).isEqualTo("FAILED");
        assertThat(failed.path("failure").asText()).containsIgnoringCase("id");
    }

    @Test
    void pluginsListsFailingExtensionWithReason() throws IOException {
        installMotdPlugin();
        PluginJar.named("fragile-checks")
                .check("com.fragile.LicensedCheck", "fragile.licensed",
                        "public LicensedCheck() { throw new IllegalStateException(\"license key missing\"); }",
                        "return CheckResult.pass(\"fine\");")
                .writeTo(dir.resolve("plugins"));
        agent = TestAgent.start(dir);

        JsonNode plugins = Json.mapper().readTree(agent.getAuthorized("/api/plugins").body()).path("plugins");

        assertThat(find(plugins, "fragile-checks").path("failure").asText())
                .contains("com.fragile.LicensedCheck")
                .contains("license key missing");
    }

    @Test
    void goodPluginStillAuditsBesideBrokenOnes() throws IOException {
        installMotdPlugin();
        Files.write(dir.resolve("plugins/truncated.jar"), new byte[] {'P', 'K', 3, 4});
        PluginJar.named("fragile-checks")
                .check("com.fragile.LicensedCheck", "fragile.licensed",
                        "public LicensedCheck() { throw new IllegalStateException(\"license key missing\"); }",
                        "return CheckResult.pass(\"fine\");")
                .writeTo(dir.resolve("plugins"));
        agent = TestAgent.start(dir);

        JsonNode checks = Json.mapper().readTree(agent.getAuthorized("/api/audit").body()).path("checks");

        assertThat(checks.size()).isEqualTo(1);
        assertThat(checks.get(0).path("id").asText()).isEqualTo("acme.motd");
    }

    @Test
    void unknownApiPathGetsJson404() throws IOException {
        agent = TestAgent.start(dir);

        HttpResponse<String> response = agent.getAuthorized("/api/no-such-endpoint");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(404);
        assertThat(body.path("error").asText()).isEqualTo("not_found");
        assertThat(body.path("message").asText()).contains("/api/no-such-endpoint");
    }

    @Test
    void unknownAssetGetsJson404() throws IOException {
        agent = TestAgent.start(dir);

        HttpResponse<String> response = agent.get("/assets/missing.css");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(response.body()).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void wrongMethodOnKnownPathGetsJson404() throws IOException {
        agent = TestAgent.start(dir);

        HttpResponse<String> response = agent.send(agent.request("/api/health")
                .header("Authorization", "Bearer " + TestAgent.TOKEN)
                .DELETE());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(response.body()).path("status").asInt()).isEqualTo(404);
    }

    private void installMotdPlugin() throws IOException {
        PluginJar.named("acme-checks").version("1.4.0")
                .check("com.acme.MotdCheck", "acme.motd", MOTD_CHECK)
                .writeTo(dir.resolve("plugins"));
    }

    private static JsonNode find(JsonNode plugins, String id) {
        for (JsonNode plugin : plugins) {
            if (plugin.path("id").asText().equals(id)) {
                return plugin;
            }
        }
        throw new AssertionError("no plugin '" + id + "' in " + plugins);
    }
}
