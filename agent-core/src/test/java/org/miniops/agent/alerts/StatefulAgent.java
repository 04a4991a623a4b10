package org.miniops.agent.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.miniops.agent.audit.AuditHistory;
import org.miniops.agent.audit.AuditHistoryHttpService;
import org.miniops.agent.audit.AuditRecorder;
import org.miniops.agent.config.AgentConfig;
import org.miniops.agent.config.AlertingConfig;
import org.miniops.agent.http.AgentServer;
import org.miniops.agent.http.ClientAddressResolver;
import org.miniops.agent.http.RateLimits;
import org.miniops.agent.plugins.RegisteredNotifier;
import org.miniops.agent.store.Database;

/**
 * Real agent server on a free loopback port with the state database in a test's temporary
 * directory, wired the way {@code mini-ops serve} wires the outbox, delivery and audit history.
 * Notifiers are passed in directly instead of being loaded from plugin jars, and delivery retries
 * after 50 ms instead of 2 s.
 */
public final class StatefulAgent implements AutoCloseable {

    public static final String TOKEN = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";

    private final Database database;
    private final DeliveryService delivery;
    private final AuditRecorder recorder;
    private final AgentServer server;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private StatefulAgent(Database database, DeliveryService delivery, AuditRecorder recorder, AgentServer server) {
        this.database = database;
        this.delivery = delivery;
        this.recorder = recorder;
        this.server = server;
    }

    /** Starts an agent with its data directory at {@code dir/data} and these notifiers. */
    public static StatefulAgent start(Path dir, List<RegisteredNotifier> notifiers) {
        Path plugins = createDirectories(dir.resolve("plugins"));
        Path data = createDirectories(dir.resolve("data"));
        Map<String, String> environment = new HashMap<>();
        environment.put("AUTH_TOKEN", TOKEN);
        environment.put("APP_PORT", "0");
        environment.put("HOST_ROOT", createDirectories(dir.resolve("root")).toString());
        environment.put("PLUGINS_DIR", plugins.toString());
        environment.put("DATA_DIR", data.toString());
        environment.put("SERVER_NAME", "web1");
        AgentConfig config = AgentConfig.load(Map.of(), environment, plugins, true);
        AlertingConfig alerting = AlertingConfig.load(config.values());

        Database database = Database.open(config.dataDir());
        OutboxStore outbox = new OutboxStore(database);
        DeliveryService delivery = new DeliveryService(outbox, notifiers,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), alerting.alertMaxAge(), Clock.systemUTC());
        AuditRecorder recorder = new AuditRecorder(database, alerting.alertOn(), alerting.serverName(),
                delivery::configuredNotifierIds);
        RateLimits limits = new RateLimits();
        ClientAddressResolver clients = new ClientAddressResolver(config.trustedProxies());
        AgentServer server = AgentServer.create(config, config.authToken().orElseThrow(), limits, clients, "1.2.3-test", List.of(
                new AuditHistoryHttpService(new AuditHistory(database)),
                new AlertsHttpService(outbox, delivery, alerting.serverName(), limits, clients)));
        server.start();
        delivery.start();
        return new StatefulAgent(database, delivery, recorder, server);
    }

    public DeliveryService delivery() {
        return delivery;
    }

    public AuditRecorder recorder() {
        return recorder;
    }

    /** Sends {@code GET path} with the bearer token. */
    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** Sends {@code POST path} without a body, with the bearer token. */
    public HttpResponse<String> post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    @Override
    public void close() {
        client.close();
        server.stop();
        delivery.close();
        database.close();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + TOKEN);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the agent", e);
        }
    }

    private static Path createDirectories(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
