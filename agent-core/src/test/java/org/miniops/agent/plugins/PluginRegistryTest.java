package org.miniops.agent.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.agent.testing.PluginJar;

class PluginRegistryTest {

    @TempDir
    Path pluginsDir;

    @Test
    void thirdPartyJarContributesItsCheck() throws IOException {
        PluginJar.named("acme-checks")
                .check("com.acme.MotdCheck", "acme.motd", "return CheckResult.pass(\"motd is set\");")
                .writeTo(pluginsDir);

        try (PluginRegistry registry = PluginRegistry.load(pluginsDir, Map.of())) {
            assertThat(registry.checks()).extracting(registered -> registered.check().id()).containsExactly("acme.motd");
            assertThat(registry.checks()).extracting(RegisteredCheck::pluginId).containsExactly("acme-checks");
        }
    }

    @Test
    void startedPluginIsListedWithVersionAndExtensions() throws IOException {
        PluginJar.named("acme-checks").version("2.3.4")
                .check("com.acme.MotdCheck", "acme.motd", "return CheckResult.pass(\"motd is set\");")
                .writeTo(pluginsDir);

        try (PluginRegistry registry = PluginRegistry.load(pluginsDir, Map.of())) {
            PluginInfo plugin = registry.plugins().getFirst();
            assertThat(plugin.id()).isEqualTo("acme-checks");
            assertThat(plugin.version()).isEqualTo("2.3.4");
            assertThat(plugin.state()).isEqualTo("STARTED");
            assertThat(plugin.extensions()).containsExactly("acme.motd");
            assertThat(plugin.failure()).isEmpty();
        }
    }

    @Test
    void corruptJarIsListedAsFailed() throws IOException {
        Files.write(pluginsDir.resolve("broken.jar"), "this is not a zip archive".getBytes(StandardCharsets.UTF_8));

        try (PluginRegistry registry = PluginRegistry.load(pluginsDir, Map.of())) {
            PluginInfo plugin = registry.plugins().getFirst();
            assertThat(plugin.id()).isEqualTo("broken.jar");
            assertThat(plugin.state()).isEqualTo("FAILED");
            assertThat(plugin.failure()).get().asString().isNotBlank();
        }
    }

    @Test
    void jarWithoutPluginIdIsListedAsFailed() throws IOException {
        PluginJar.named("nameless").withoutPluginId()
                .check("com.acme.NamelessCheck", "acme.nameless", "return CheckResult.pass(\"fine\");")
                .writeTo(pluginsDir);

        try (PluginRegistry registry = PluginRegistry.load(pluginsDir, Map.of())) {
            PluginInfo plugin = registry.plugins().getFirst();
            assertThat(plugin.id()).isEqualTo("nameless.jar");
            assertThat(plugin.state()).isEqualTo("FAILED");
            assertThat(plugin.failure()).get().asString().containsIgnoringCase("id");
            assertThat(registry.checks()).isEmpty();
        }
    }

    @Test
    void extensionWhoseConstructorThrowsIsRecordedWithReason() throws IOException {
        PluginJar.named("acme-checks")
                .check("com.acme.FragileCheck", "acme.fragile",
                        "public FragileCheck() { throw new IllegalStateException(\"acme license file missing\"); }",
                        "return CheckResult.pass(\"fine\");")
                .writeTo(pluginsDir);

        try (PluginRegistry registry = PluginRegistry.load(pluginsDir, Map.of())) {
            PluginInfo plugin = registry.plugins().getFirst();
            assertThat(plugin.failure()).get().asString()
                    .contains("com.acme.FragileCheck")
                    .contains("acme license file missing");
            assertThat(registry.checks()).isEmpty();
        }
    }

    @Test
    void goodPluginLoadsBesideBrokenOnes() throws IOException {
        Files.write(pluginsDir.resolve("a-corrupt.jar"), new byte[] {'P', 'K', 3, 4, 0, 0, 0});
        PluginJar.named("b-nameless").withoutPluginId()
                .check("com.acme.NamelessCheck", "acme.nameless", "return CheckResult.pass(\"fine\");")
                .writeTo(pluginsDir);
        PluginJar.named("c-fragile")
                .check("com.acme.FragileCheck", "acme.fragile",
                        "public FragileCheck() { throw new IllegalStateException(\"no license\"); }",
                        "return CheckResult.pass(\"fine\");")
                .writeTo(pluginsDir);
        PluginJar.named("d-good")
                .check("com.acme.MotdCheck", "acme.motd", "return CheckResult.pass(\"motd is set\");")
                .writeTo(pluginsDir);

        try (PluginRegistry registry = PluginRegistry.load(pluginsDir, Map.of())) {
            assertThat(registry.checks()).extracting(registered -> registered.check().id()).containsExactly("acme.motd");
            assertThat(registry.plugins()).hasSize(4);
            assertThat(registry.plugins()).filteredOn(plugin -> plugin.failure().isPresent()).hasSize(3);
        }
    }

    @Test
    void missingPluginsDirectoryGivesNoChecks() {
        try (PluginRegistry registry = PluginRegistry.load(pluginsDir.resolve("absent"), Map.of())) {
            assertThat(registry.plugins()).isEmpty();
            assertThat(registry.checks()).isEmpty();
        }
    }

    @Test
    void checksAreSortedById() throws IOException {
        PluginJar.named("acme-checks")
                .check("com.acme.ZetaCheck", "acme.zeta", "return CheckResult.pass(\"fine\");")
                .check("com.acme.AlphaCheck", "acme.alpha", "return CheckResult.pass(\"fine\");")
                .writeTo(pluginsDir);

        try (PluginRegistry registry = PluginRegistry.load(pluginsDir, Map.of())) {
            assertThat(registry.checks()).extracting(registered -> registered.check().id())
                    .containsExactly("acme.alpha", "acme.zeta");
        }
    }
}
