package org.miniops.agent.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.miniops.agent.audit.AuditHttpService;
import org.miniops.agent.audit.AuditRunner;
import org.miniops.agent.audit.AuditService;
import org.miniops.agent.config.AgentConfig;
import org.miniops.agent.plugins.PluginRegistry;
import org.miniops.agent.plugins.PluginsHttpService;
import org.miniops.api.CommandRunner;
import org.miniops.api.Host;

/**
 * Real agent server on a free loopback port, wired the way {@code mini-ops serve} wires it, over a
 * fixture host root and plugins directory inside a test's temporary directory.
 */
final class TestAgent implements AutoCloseable {

    static final String TOKEN = "5f2b8c1d9e3a47f6b0c2d4e6f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f3a5";

    private final AgentServer server;
    private final PluginRegistry registry;
    private final HttpClient client;

    private TestAgent(AgentServer server, PluginRegistry registry) {
        this.server = server;
        this.registry = registry;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Starts an agent whose host root is {@code dir/root} and plugins directory {@code dir/plugins};
     * {@code settings} are added to the environment and may replace the defaults.
     */
    static TestAgent start(Path dir, Map<String, String> settings) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("etc"));
        Path plugins = Files.createDirectories(dir.resolve("plugins"));

        Map<String, String> environment = new HashMap<>();
        environment.put("AUTH_TOKEN", TOKEN);
        environment.put("APP_PORT", "0");
        environment.put("HOST_ROOT", root.toString());
        environment.put("PLUGINS_DIR", plugins.toString());
        environment.put("DATA_DIR", dir.resolve("data").toString());
        environment.putAll(settings);
        AgentConfig config = AgentConfig.load(Map.of(), environment, plugins, true);

        PluginRegistry registry = PluginRegistry.load(config.pluginsDir(), config.values());
        Host host = Host.of(config.hostRoot(), CommandRunner.disabled(), false);
        AuditService audits = new AuditService(() -> new AuditRunner(registry.checks(), host).run());
        RateLimits limits = new RateLimits();
        ClientAddressResolver clients = new ClientAddressResolver(config.trustedProxies());
        AgentServer server = AgentServer.create(config, config.authToken().orElseThrow(), limits, clients, "1.2.3-test",
                List.of(new AuditHttpService(audits, limits, clients), new PluginsHttpService(registry)));
        server.start();
        return new TestAgent(server, registry);
    }

    static TestAgent start(Path dir) throws IOException {
        return start(dir, Map.of());
    }

    int port() {
        return server.port();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** Returns a request builder for {@code path} with a 10 s timeout. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
    }

    /** Sends {@code GET path} with the right bearer token. */
    HttpResponse<String> getAuthorized(String path) {
        return send(request(path).header("Authorization", "Bearer " + TOKEN).GET());
    }

    /** Sends {@code GET path} with the headers given as name, value, name, value... */
    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder builder = request(path).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder);
    }

    /** Sends {@code POST /api/auth/login} with {@code body} as JSON. */
    HttpResponse<String> login(String body, String... headers) {
        HttpRequest.Builder builder = request(LoginHttpService.PATH)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder);
    }

    HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the agent", e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.stop();
        registry.close();
    }
}
