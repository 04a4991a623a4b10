package org.miniops.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stand-in for the agent's {@code POST /api/hooks/ssh-login} on 127.0.0.1 that checks each request the way the hook
 * protocol defines it and records it.
 *
 * <p>Like the agent, it returns 201 for a valid request, 401 for a bad signature or stale timestamp, 409 for a
 * replayed nonce and 400 for a body that is not a JSON object. {@code GET /api/health} returns 401, as the agent does
 * without a bearer token. Handlers run on virtual threads, so a delayed answer does not hold up other requests.
 */
final class RecordingHookServer implements AutoCloseable {

    static final String HOOK_PATH = "/api/hooks/ssh-login";

    /** One request as it arrived, with the reason the check rejected it, or null when it passed. */
    record Request(String method, String path, Headers headers, byte[] body, Instant receivedAt, String rejection) {

        String header(String name) {
            return headers.getFirst(name);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] key;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final List<Request> history = new ArrayList<>();
    private final Set<String> seenNonces = ConcurrentHashMap.newKeySet();
    private volatile Duration responseDelay = Duration.ZERO;

    private RecordingHookServer(byte[] key) throws IOException {
        this.key = key.clone();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext(HOOK_PATH, this::handleHook);
        server.createContext("/api/health", exchange -> respond(exchange, 401, "{\"error\":\"missing bearer token\"}"));
        server.setExecutor(executor);
        server.start();
    }

    static RecordingHookServer start(byte[] key) throws IOException {
        return new RecordingHookServer(key);
    }

    int port() {
        return server.getAddress().getPort();
    }

    void delayResponses(Duration delay) {
        responseDelay = delay;
    }

    /** Waits for the next request, failing when none arrives within {@code timeout}. */
    Request next(Duration timeout) throws InterruptedException {
        Request request = requests.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (request == null) {
            throw new AssertionError("no request reached " + HOOK_PATH + " within " + timeout);
        }
        return request;
    }

    /** Waits for the next request whose body satisfies {@code match}, skipping others. */
    Request next(Duration timeout, Predicate<Request> match) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Request request = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (match.test(request)) {
                return request;
            }
        }
    }

    synchronized List<Request> history() {
        return List.copyOf(history);
    }

    private void handleHook(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String rejection = check(exchange.getRequestHeaders(), body);
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders(), body, Instant.now(), rejection);
        synchronized (this) {
            history.add(request);
        }
        requests.add(request);

        sleep(responseDelay);
        if (rejection == null) {
            respond(exchange, 201, "{\"stored\":true,\"loginId\":1,\"trusted\":false}");
        } else {
            int status = rejection.startsWith("replayed") ? 409 : rejection.startsWith("body") ? 400 : 401;
            respond(exchange, status, "{\"error\":\"" + rejection + "\"}");
        }
    }

    private String check(Headers headers, byte[] body) {
        String timestamp = headers.getFirst("X-MiniOps-Timestamp");
        String nonce = headers.getFirst("X-MiniOps-Nonce");
        String signature = headers.getFirst("X-MiniOps-Signature");
        if (timestamp == null || nonce == null || signature == null) {
            return "missing X-MiniOps header";
        }
        if (!timestamp.matches("[0-9]{1,18}") || !nonce.matches("[0-9a-f]{32}") || !signature.matches("[0-9a-f]{64}")) {
            return "malformed X-MiniOps header";
        }

        long step = Long.parseLong(timestamp) / 30;
        long currentStep = Instant.now().getEpochSecond() / 30;
        if (step != currentStep && step != currentStep - 1) {
            return "stale timestamp " + timestamp;
        }

        byte[] expected = sign(key, step, timestamp, nonce, body);
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature))) {
            return "signature mismatch";
        }
        if (!seenNonces.add(nonce)) {
            return "replayed nonce " + nonce;
        }
        if (!isJsonObject(body)) {
            return "body is not a JSON object";
        }
        return null;
    }

    /** Computes the protocol's signature: HMAC-SHA256 over "step\ntimestamp\nnonce\n" followed by the body bytes. */
    static byte[] sign(byte[] key, long step, String timestamp, String nonce, byte[] body) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes((step + "\n" + timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.US_ASCII));
        message.writeBytes(body);
        return hmacSha256(key, message.toByteArray());
    }

    static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private static boolean isJsonObject(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
