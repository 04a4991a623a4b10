package org.miniops.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.agent.net.IpNetwork;

class AgentConfigTest {

    private static final String TOKEN = "6b1f0c8e2d4a49b7a3c5e7f9012345678abcdef0123456789abcdef012345678";

    @TempDir
    Path dir;

    @Test
    void defaultsApplyWhenKeysAreMissing() {
        AgentConfig config = load(Map.of("AUTH_TOKEN", TOKEN));

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(3000);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(config.hostRoot()).isEqualTo(Path.of("/"));
        assertThat(config.trustedProxies()).containsExactly(IpNetwork.parse("127.0.0.1"), IpNetwork.parse("::1"));
        assertThat(config.pluginsDir()).isEqualTo(dir.resolve("plugins"));
    }

    @Test
    void environmentWinsOverEnvFile() throws IOException {
        Path envFile = dir.resolve(".env");
        Files.writeString(envFile, "APP_PORT=3000\nSERVER_NAME=from-file\nACME_LEVEL=strict\n");

        AgentConfig config = AgentConfig.load(EnvFile.read(envFile),
                Map.of("APP_PORT", "8080", "SERVER_NAME", "from-environment"), dir.resolve("plugins"), false);

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.values()).containsEntry("SERVER_NAME", "from-environment").containsEntry("ACME_LEVEL", "strict");
    }

    @Test
    void tokenFromEnvFileIsAccepted() {
        AgentConfig config = AgentConfig.load(Map.of("AUTH_TOKEN", TOKEN), Map.of(), dir.resolve("plugins"), true);

        assertThat(config.authToken()).get().matches(token -> token.matches(TOKEN));
    }

    @Test
    void missingTokenStopsServe() {
        assertThatThrownBy(() -> AgentConfig.load(Map.of(), Map.of(), dir.resolve("plugins"), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUTH_TOKEN")
                .hasMessageContaining("openssl rand -hex 32");
    }

    @Test
    void blankTokenStopsServe() {
        assertThatThrownBy(() -> load(Map.of("AUTH_TOKEN", "   ")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUTH_TOKEN")
                .hasMessageContaining("openssl rand -hex 32");
    }

    @Test
    void missingTokenIsAllowedForAudit() {
        AgentConfig config = AgentConfig.load(Map.of(), Map.of(), dir.resolve("plugins"), false);

        assertThat(config.authToken()).isEmpty();
    }

    @Test
    void shortTokenIsRejectedWithoutEchoingIt() {
        String shortToken = "hunter2-is-my-password";

        assertThatThrownBy(() -> load(Map.of("AUTH_TOKEN", shortToken)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUTH_TOKEN")
                .hasMessageContaining("at least 32")
                .hasMessageContaining("openssl rand -hex 32")
                .hasMessageNotContaining(shortToken)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void tokenOf31CharactersIsRejected() {
        assertThatThrownBy(() -> load(Map.of("AUTH_TOKEN", "a".repeat(31))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUTH_TOKEN is 31 characters");
    }

    @Test
    void tokenOf32CharactersIsAccepted() {
        AgentConfig config = load(Map.of("AUTH_TOKEN", "b".repeat(32)));

        assertThat(config.authToken()).isPresent();
    }

    @Test
    void placeholderTokenIsRejected() {
        assertThatThrownBy(() -> load(Map.of("AUTH_TOKEN", AgentConfig.PLACEHOLDER_TOKEN)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUTH_TOKEN")
                .hasMessageContaining("placeholder")
                .hasMessageContaining("openssl rand -hex 32")
                .hasMessageNotContaining(AgentConfig.PLACEHOLDER_TOKEN);
    }

    @Test
    void tokenWithSpaceIsRejectedWithoutEchoingIt() {
        String token = "first-half-of-the-token second-half-of-it";

        assertThatThrownBy(() -> load(Map.of("AUTH_TOKEN", token)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AUTH_TOKEN")
                .hasMessageContaining("openssl rand -hex 32")
                .hasMessageNotContaining("first-half")
                .hasMessageNotContaining("second-half");
    }

    @Test
    void tokenDoesNotPrintInConfig() {
        AgentConfig config = load(Map.of("AUTH_TOKEN", TOKEN));

        assertThat(config.authToken().orElseThrow().toString()).doesNotContain(TOKEN);
    }

    @Test
    void nonNumericPortIsNamedWithFix() {
        assertThatThrownBy(() -> load(Map.of("AUTH_TOKEN", TOKEN, "APP_PORT", "http")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("APP_PORT 'http'")
                .hasMessageContaining("1 to 65535");
    }

    @Test
    void portAboveRangeIsNamedWithFix() {
        assertThatThrownBy(() -> load(Map.of("AUTH_TOKEN", TOKEN, "APP_PORT", "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("APP_PORT 70000")
                .hasMessageContaining("1 to 65535");
    }

    @Test
    void negativePortIsNamedWithFix() {
        assertThatThrownBy(() -> load(Map.of("AUTH_TOKEN", TOKEN, "APP_PORT", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("APP_PORT -1")
                .hasMessageContaining("1 to 65535");
    }

    @Test
    void portZeroMeansAnyFreePort() {
        AgentConfig config = load(Map.of("AUTH_TOKEN", TOKEN, "APP_PORT", "0"));

        assertThat(config.port()).isZero();
    }

    @Test
    void invalidHostIsNamedWithFix() {
        assertThatThrownBy(() -> load(Map.of("AUTH_TOKEN", TOKEN, "APP_HOST", "http://0.0.0.0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("APP_HOST 'http://0.0.0.0'")
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void emptyHostIsNamedWithFix() {
        assertThatThrownBy(() -> load(Map.of("AUTH_TOKEN", TOKEN, "APP_HOST", " ")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("APP_HOST")
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void ipv6AndWildcardHostsAreAccepted() {
        assertThat(load(Map.of("AUTH_TOKEN", TOKEN, "APP_HOST", "::1")).host()).isEqualTo("::1");
        assertThat(load(Map.of("AUTH_TOKEN", TOKEN, "APP_HOST", "0.0.0.0")).host()).isEqualTo("0.0.0.0");
        assertThat(load(Map.of("AUTH_TOKEN", TOKEN, "APP_HOST", "localhost")).host()).isEqualTo("localhost");
    }

    @Test
    void missingHostRootIsNamedWithFix() {
        String missing = dir.resolve("no-such-image").toString();

        assertThatThrownBy(() -> load(Map.of("AUTH_TOKEN", TOKEN, "HOST_ROOT", missing)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HOST_ROOT '" + missing + "'")
                .hasMessageContaining("not a directory");
    }

    @Test
    void fileAsHostRootIsNamedWithFix() throws IOException {
        Path file = Files.writeString(dir.resolve("image.img"), "not a directory");

        assertThatThrownBy(() -> load(Map.of("AUTH_TOKEN", TOKEN, "HOST_ROOT", file.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HOST_ROOT")
                .hasMessageContaining("not a directory");
    }

    @Test
    void hostRootDirectoryIsAccepted() throws IOException {
        Path image = Files.createDirectories(dir.resolve("image"));

        AgentConfig config = load(Map.of("AUTH_TOKEN", TOKEN, "HOST_ROOT", image.toString()));

        assertThat(config.hostRoot()).isEqualTo(image);
    }

    @Test
    void trustedProxiesAreParsed() {
        AgentConfig config = load(Map.of("AUTH_TOKEN", TOKEN, "TRUSTED_PROXIES", "10.0.0.0/8, 2001:db8::/32"));

        assertThat(config.trustedProxies()).containsExactly(IpNetwork.parse("10.0.0.0/8"), IpNetwork.parse("2001:db8::/32"));
    }

    @Test
    void emptyTrustedProxiesTrustNobody() {
        AgentConfig config = load(Map.of("AUTH_TOKEN", TOKEN, "TRUSTED_PROXIES", ""));

        assertThat(config.trustedProxies()).isEmpty();
    }

    @Test
    void trustedProxyHostNameIsNamedWithFix() {
        assertThatThrownBy(() -> load(Map.of("AUTH_TOKEN", TOKEN, "TRUSTED_PROXIES", "127.0.0.1,proxy.internal")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TRUSTED_PROXIES")
                .hasMessageContaining("'proxy.internal'")
                .hasMessageContaining("203.0.113.0/24");
    }

    @Test
    void trustedProxyBadPrefixIsNamedWithFix() {
        assertThatThrownBy(() -> load(Map.of("AUTH_TOKEN", TOKEN, "TRUSTED_PROXIES", "10.0.0.0/33")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TRUSTED_PROXIES")
                .hasMessageContaining("'10.0.0.0/33'")
                .hasMessageContaining("0 to 32");
    }

    @Test
    void pluginsDirFromConfigReplacesDefault() {
        AgentConfig config = load(Map.of("AUTH_TOKEN", TOKEN, "PLUGINS_DIR", dir.resolve("custom").toString()));

        assertThat(config.pluginsDir()).isEqualTo(dir.resolve("custom"));
    }

    private AgentConfig load(Map<String, String> environment) {
        return AgentConfig.load(Map.of(), new HashMap<>(environment), dir.resolve("plugins"), true);
    }
}
