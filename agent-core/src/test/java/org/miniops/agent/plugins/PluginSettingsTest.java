package org.miniops.agent.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.agent.audit.AuditReport;
import org.miniops.agent.audit.AuditRunner;
import org.miniops.agent.testing.PluginJar;
import org.miniops.api.CommandRunner;
import org.miniops.api.Host;
import org.miniops.api.PluginSettings;

class PluginSettingsTest {

    private static final Map<String, String> CONFIG = Map.of(
            "AUTH_TOKEN", "4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e",
            "APP_PORT", "3000",
            "SERVER_NAME", "web1",
            "ACME_LEVEL", "strict",
            "ACME_API_KEY", "acme-secret",
            "ACMEX_OTHER", "belongs to another plugin",
            "TELEGRAM_BOT_TOKEN", "123:abc");

    /** Reports every settings key the plugin can see as evidence. */
    private static final String KEYS_CHECK = """
            return CheckResult.pass("settings read").withEvidence(List.copyOf(context.settings().keys()));
            """;

    @TempDir
    Path dir;

    @Test
    void pluginSeesPrefixAndServerName() throws IOException {
        PluginJar.named("acme-checks").check("com.acme.KeysCheck", "acme.keys", KEYS_CHECK).writeTo(dir.resolve("plugins"));

        try (PluginRegistry registry = PluginRegistry.load(dir.resolve("plugins"), CONFIG)) {
            AuditReport report = new AuditRunner(registry.checks(), Host.of(dir, CommandRunner.disabled(), false)).run();

            assertThat(report.checks().getFirst().result().evidence())
                    .containsExactlyInAnyOrder("ACME_API_KEY", "ACME_LEVEL", "SERVER_NAME");
        }
    }

    @Test
    void thirdPartyPluginDoesNotSeeAuthToken() throws IOException {
        PluginJar.named("acme-checks").check("com.acme.KeysCheck", "acme.keys", KEYS_CHECK).writeTo(dir.resolve("plugins"));

        try (PluginRegistry registry = PluginRegistry.load(dir.resolve("plugins"), CONFIG)) {
            AuditReport report = new AuditRunner(registry.checks(), Host.of(dir, CommandRunner.disabled(), false)).run();

            assertThat(report.checks().getFirst().result().evidence()).doesNotContain("AUTH_TOKEN", "TELEGRAM_BOT_TOKEN", "ACMEX_OTHER");
        }
    }

    @Test
    void pluginReadsItsValues() {
        PluginSettings settings = PluginSettingsView.forPlugin("acme-checks", CONFIG);

        assertThat(settings.get("ACME_LEVEL")).contains("strict");
        assertThat(settings.get("SERVER_NAME")).contains("web1");
        assertThat(settings.get("AUTH_TOKEN")).isEmpty();
    }

    @Test
    void authPluginStillCannotSeeAuthToken() {
        // A plugin auditing /var/log/auth.log could well be named auth-log; its prefix is AUTH_.
        PluginSettings settings = PluginSettingsView.forPlugin("auth-log", Map.of(
                "AUTH_TOKEN", "4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e",
                "AUTH_LOG_PATH", "/var/log/auth.log"));

        assertThat(settings.keys()).containsExactly("AUTH_LOG_PATH");
    }

    @Test
    void prefixIsPluginIdBeforeFirstDash() {
        assertThat(PluginSettingsView.prefixOf("acme-checks")).isEqualTo("ACME_");
        assertThat(PluginSettingsView.prefixOf("telegram-notifier")).isEqualTo("TELEGRAM_");
        assertThat(PluginSettingsView.prefixOf("fail2ban-audit")).isEqualTo("FAIL2BAN_");
        assertThat(PluginSettingsView.prefixOf("standalone")).isEqualTo("STANDALONE_");
    }

    @Test
    void settingsNeverPrintValues() {
        PluginSettings settings = PluginSettingsView.forPlugin("acme-checks", CONFIG);

        assertThat(settings.toString()).doesNotContain("acme-secret");
    }

    @Test
    void declaredPrefixesWidenTheView() throws IOException {
        Path jar = dir.resolve("cross-check.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Settings-Prefixes", "TELEGRAM_, a, AUTH");
        try (var out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar), manifest)) {
            out.flush();
        }

        java.util.List<String> prefixes = PluginSettingsView.declaredPrefixes(jar);
        PluginSettings settings = PluginSettingsView.forPlugin("acme-cross", prefixes, CONFIG);

        assertThat(prefixes).containsExactly("TELEGRAM_");
        assertThat(settings.keys()).contains("TELEGRAM_BOT_TOKEN", "ACME_LEVEL").doesNotContain("AUTH_TOKEN", "APP_PORT");
    }
}
