package org.miniops.agent.logins;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.miniops.agent.config.AgentConfig;
import org.miniops.agent.http.AgentServer;
import org.miniops.agent.http.ClientAddressResolver;
import org.miniops.agent.http.RateLimits;
import org.miniops.agent.json.Json;
import org.miniops.agent.store.Database;

/**
 * Real agent server on a free loopback port with the SSH login endpoints wired the way
 * {@code mini-ops serve} wires them: a state database in the test's temporary directory, trusted
 * networks, the login recorder writing alerts to the outbox for one notifier ({@value #NOTIFIER}),
 * and the hook endpoint keyed with 32 random bytes and a {@link SettableClock}.
 *
 * <p>The clock starts 10 s into a 30 s step, so a request signed "now" is valid for the rest of
 * that step and the next one.
 */
final class LoginsTestAgent implements AutoCloseable {

    static final String TOKEN = "8d3f0a6b2c9e4715a0b3c6d9e2f5a8b1c4d7e0f3a6b9c2d5e8f1a4b7c0d3e6f9";

    /** Notifier id that every alert gets a delivery row for. */
    static final String NOTIFIER = "telegram";

    /** Server name that alerts carry. */
    static final String SERVER_NAME = "vps-test-1";

    /** 2026-12-04T21:15:10Z, 10 s into step 59880630. */
    static final Instant START = Instant.parse("2026-12-04T21:15:10Z");

    private final Path dir;
    private final Optional<byte[]> key;
    private final SettableClock clock = new SettableClock(START);
    private final AtomicInteger deliveryWakeUps = new AtomicInteger();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Database database;
    private AgentServer server;

    private LoginsTestAgent(Path dir, Optional<byte[]> key) {
        this.dir = dir;
        this.key = key;
    }

    /** Starts an agent with a random hook key. */
    static LoginsTestAgent start(Path dir) throws IOException {
        return start(dir, Optional.of(HookRequest.randomBytes(32)));
    }

    /** Starts an agent with {@code key}, or with the hook turned off when it is empty. */
    static LoginsTestAgent start(Path dir, Optional<byte[]> key) throws IOException {
        LoginsTestAgent agent = new LoginsTestAgent(dir, key);
        agent.open();
        return agent;
    }

    private void open() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Map<String, String> environment = new HashMap<>();
        environment.put("AUTH_TOKEN", TOKEN);
        environment.put("APP_PORT", "0");
        environment.put("HOST_ROOT", root.toString());
        environment.put("PLUGINS_DIR", plugins.toString());
        environment.put("DATA_DIR", data.toString());
        AgentConfig config = AgentConfig.load(Map.of(), environment, plugins, true);

        database = Database.open(data);
        RateLimits limits = new RateLimits();
        ClientAddressResolver clients = new ClientAddressResolver(config.trustedProxies());
        TrustedNetworks trustedNetworks = new TrustedNetworks(database);
        LoginRecorder recorder = new LoginRecorder(database, trustedNetworks, SERVER_NAME, () -> List.of(NOTIFIER));
        server = AgentServer.create(config, config.authToken().orElseThrow(), limits, clients, "1.2.3-test", List.of(
                new SshLoginHookHttpService(key.map(HookSignature::new), database, recorder,
                        deliveryWakeUps::incrementAndGet, limits, clients, clock),
                new LoginsHttpService(recorder),
                new TrustedNetworksHttpService(trustedNetworks, limits, clients, clock)));
        server.start();
    }

    /**
     * Stops the server, closes the database and starts everything again over the same database
     * file, as a restarted agent would; the clock keeps its time.
     */
    void restart() throws IOException {
        server.stop();
        database.close();
        open();
    }

    SettableClock clock() {
        return clock;
    }

    byte[] key() {
        return key.orElseThrow();
    }

    /** Returns how often the hook endpoint woke alert delivery. */
    int deliveryWakeUps() {
        return deliveryWakeUps.get();
    }

    /** Returns {@code body} signed with the agent's key at the clock's current second and a fresh nonce. */
    HookRequest sign(byte[] body) {
        return HookRequest.signed(key(), body, clock.instant().getEpochSecond(), HookRequest.newNonce());
    }

    /** Sends {@code request} to the hook endpoint without a bearer token; {@code headers} are added as name, value pairs. */
    HttpResponse<String> hook(HookRequest request, String... headers) {
        return send(hookRequest(request, headers));
    }

    /** Sends {@code request} to the hook endpoint without waiting for the response. */
    CompletableFuture<HttpResponse<String>> hookAsync(HookRequest request) {
        return client.sendAsync(hookRequest(request).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs and sends an event from {@code rhost}; fails the test unless the agent stores it. */
    JsonNode storeLogin(String user, String rhost, String time) {
        HttpResponse<String> response = hook(sign(HookRequest.event(user, rhost, time)));
        if (response.statusCode() != 201) {
            throw new AssertionError("the hook endpoint returned " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    /** Sends {@code GET path} with the bearer token and {@code headers} as name, value pairs. */
    HttpResponse<String> get(String path, String... headers) {
        return send(authorized(path, headers).GET());
    }

    /** Sends {@code POST path} with the bearer token and {@code body} as JSON. */
    HttpResponse<String> post(String path, String body, String... headers) {
        return send(authorized(path, headers)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Sends {@code DELETE path} with the bearer token. */
    HttpResponse<String> delete(String path, String... headers) {
        return send(authorized(path, headers).DELETE());
    }

    /** Returns a request builder for {@code path} without any credentials. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the agent", e);
        }
    }

    /** Returns the number of rows in {@code table}. */
    long rows(String table) {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
                 ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    /** Returns the alert with {@code alertId} as stored in the outbox: kind, severity, title, fields, hostName. */
    JsonNode alert(String alertId) {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT kind, severity, title, fields_json, host_name FROM alerts WHERE id = ?")) {
                query.setString(1, alertId);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        throw new AssertionError("no alert with id " + alertId);
                    }
                    var alert = Json.mapper().createObjectNode();
                    alert.put("kind", row.getString(1));
                    alert.put("severity", row.getString(2));
                    alert.put("title", row.getString(3));
                    alert.set("fields", readJson(row.getString(4)));
                    alert.put("hostName", row.getString(5));
                    return alert;
                }
            }
        });
    }

    /** Returns the notifier ids with a pending delivery of {@code alertId}. */
    List<String> pendingDeliveries(String alertId) {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT notifier_id FROM alert_deliveries WHERE alert_id = ? AND state = 'pending' ORDER BY notifier_id")) {
                query.setString(1, alertId);
                List<String> notifiers = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        notifiers.add(row.getString(1));
                    }
                }
                return notifiers;
            }
        });
    }

    /** Returns the stored login with {@code id} as {@code GET /api/logins} shows it. */
    JsonNode login(long id) {
        for (JsonNode login : json(get("/api/logins?limit=1000")).path("logins")) {
            if (login.path("id").asLong() == id) {
                return login;
            }
        }
        throw new AssertionError("no login with id " + id + " in GET /api/logins");
    }

    static JsonNode json(HttpResponse<String> response) {
        return readJson(response.body());
    }

    private static JsonNode readJson(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private HttpRequest.Builder hookRequest(HookRequest request, String... headers) {
        HttpRequest.Builder builder = request(SshLoginHookHttpService.PATH)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.timestamp() != null) {
            builder.header("X-MiniOps-Timestamp", request.timestamp());
        }
        if (request.nonce() != null) {
            builder.header("X-MiniOps-Nonce", request.nonce());
        }
        if (request.signature() != null) {
            builder.header("X-MiniOps-Signature", request.signature());
        }
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private HttpRequest.Builder authorized(String path, String... headers) {
        HttpRequest.Builder builder = request(path).header("Authorization", "Bearer " + TOKEN);
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    @Override
    public void close() {
        client.close();
        server.stop();
        database.close();
    }
}
