package org.miniops.agent.logins;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.miniops.agent.http.ApiErrors;
import org.miniops.agent.http.ClientAddressResolver;
import org.miniops.agent.http.JsonResponses;
import org.miniops.agent.http.RateLimits;
import org.miniops.agent.http.RequestBodies;
import org.miniops.agent.json.Json;
import org.miniops.agent.net.IpNetwork;

/**
 * {@code POST /api/hooks/ssh-login}: takes a login from the PAM hook, signed with the hook key
 * instead of the API token.
 *
 * <p>Only loopback clients are served, because the hook always runs on this machine: the socket
 * peer must be loopback, and so must the client that a trusted proxy names in
 * {@code X-Forwarded-For}. Every rejected request gets a 4xx (503 while there is no hook key) and
 * one log line, and nothing is stored.
 */
public final class SshLoginHookHttpService implements HttpService {

    /** Path of the endpoint; the auth filter lets it through without a bearer token. */
    public static final String PATH = "/api/hooks/ssh-login";

    /** Largest body accepted; a real event is a few hundred bytes. */
    static final int MAX_BODY_BYTES = 4096;

    private static final Logger LOG = Logger.getLogger(SshLoginHookHttpService.class.getName());
    private static final HeaderName TIMESTAMP = HeaderNames.create("X-MiniOps-Timestamp");
    private static final HeaderName NONCE = HeaderNames.create("X-MiniOps-Nonce");
    private static final HeaderName SIGNATURE = HeaderNames.create("X-MiniOps-Signature");

    private final java.util.function.Supplier<Optional<HookSignature>> signature;
    private final HookNonces nonces;
    private final LoginRecorder recorder;
    private final Runnable wakeDelivery;
    private final RateLimits limits;
    private final ClientAddressResolver clients;
    private final Clock clock;

    /**
     * @param signature verifier built from the hook key; empty when the key is missing, which turns the endpoint off
     * @param wakeDelivery called after an alert was queued
     */
    public SshLoginHookHttpService(Optional<HookSignature> signature, org.miniops.agent.store.Database database,
                                   LoginRecorder recorder, Runnable wakeDelivery, RateLimits limits,
                                   ClientAddressResolver clients, Clock clock) {
        this(() -> signature, database, recorder, wakeDelivery, limits, clients, clock);
    }

    /**
     * @param signature asked at each request, so a key installed after start-up takes effect; see {@link HookKeySource}
     * @param wakeDelivery called after an alert was queued
     */
    public SshLoginHookHttpService(java.util.function.Supplier<Optional<HookSignature>> signature,
                                   org.miniops.agent.store.Database database, LoginRecorder recorder,
                                   Runnable wakeDelivery, RateLimits limits, ClientAddressResolver clients, Clock clock) {
        this.signature = signature;
        this.nonces = new HookNonces(database);
        this.recorder = recorder;
        this.wakeDelivery = wakeDelivery;
        this.limits = limits;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(PATH, this::receive);
    }

    private void receive(ServerRequest request, ServerResponse response) throws IOException {
        InetAddress peer = ((InetSocketAddress) request.remotePeer().address()).getAddress();
        if (!peer.isLoopbackAddress()) {
            reject(response, 403, "forbidden", "The SSH login hook may only call from this machine (127.0.0.1).", "peer " + peer.getHostAddress() + " is not loopback");
            return;
        }
        // A reverse proxy on this machine connects from loopback too, but the client it forwards is elsewhere.
        String client = clients.clientAddress(request);
        if (!isLoopback(client)) {
            reject(response, 403, "forbidden", "The SSH login hook may only call from this machine (127.0.0.1), not through a proxy.",
                    "client " + client + " forwarded by proxy " + peer.getHostAddress() + " is not loopback");
            return;
        }
        Optional<Duration> limited = limits.tryHook(clients.rateLimitKey(request));
        if (limited.isPresent()) {
            LOG.warning("SSH login hook request rejected: over the hook rate limit");
            ApiErrors.tooManyRequests(response, limited.get(), "hook requests");
            return;
        }
        Optional<HookSignature> verifier = signature.get();
        if (verifier.isEmpty()) {
            reject(response, 503, "hook_disabled", "SSH login alerts are off because the agent has no hook key; run scripts/setup_ssh_alerts.sh.", "no hook key loaded");
            return;
        }

        Optional<byte[]> read = RequestBodies.readAtMost(request, MAX_BODY_BYTES);
        if (read.isEmpty()) {
            reject(response, 413, "payload_too_large", "The event is larger than " + MAX_BODY_BYTES + " bytes.", "body over " + MAX_BODY_BYTES + " bytes");
            return;
        }
        byte[] body = read.get();
        Instant now = clock.instant();
        HookSignature.Verdict verdict = verifier.get().verify(header(request, TIMESTAMP), header(request, NONCE),
                header(request, SIGNATURE), body, now);
        if (!verdict.valid()) {
            reject(response, 401, "invalid_signature", "The hook signature is invalid or expired.", verdict.reason());
            return;
        }
        Optional<LoginEvent> event = parse(body, now);
        if (event.isEmpty()) {
            reject(response, 400, "invalid_event", "The event must be a JSON object with string fields user, rhost, service, tty and time.", "malformed event body");
            return;
        }
        // The nonce is spent only by a request that would otherwise be stored, so a malformed
        // request cannot burn the nonce of a real one.
        if (!nonces.firstUse(header(request, NONCE), now)) {
            reject(response, 409, "replayed", "This request was already received.", "replayed nonce " + header(request, NONCE));
            return;
        }

        LoginRecorder.Recorded recorded = recorder.record(event.get(), now);
        if (recorded.alertId().isPresent()) {
            wakeDelivery.run();
        }
        LOG.info("SSH login of '" + forLog(event.get().user()) + "' from '" + forLog(event.get().remoteHost()) + "' stored"
                + (recorded.trusted() ? " (trusted source, no alert)" : ""));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("stored", true);
        result.put("loginId", recorded.id());
        result.put("trusted", recorded.trusted());
        JsonResponses.created(response, result);
    }

    static Optional<LoginEvent> parse(byte[] body, Instant now) {
        JsonNode json;
        try {
            // Jackson would otherwise ignore data after the object, and the hook never sends any.
            json = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        String[] names = {"user", "rhost", "service", "tty", "time"};
        for (String name : names) {
            JsonNode value = json.get(name);
            if (value != null && !value.isTextual()) {
                return Optional.empty();
            }
        }
        Instant time = now;
        String timeText = json.path("time").asText("");
        if (!timeText.isEmpty()) {
            try {
                time = Instant.parse(timeText);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new LoginEvent(json.path("user").asText(""), json.path("rhost").asText(""),
                json.path("service").asText(""), json.path("tty").asText(""), time));
    }

    /**
     * Returns {@code value} with each control character replaced by a six-character Unicode escape,
     * so a user or host name cannot start a log line of its own.
     */
    private static String forLog(String value) {
        StringBuilder text = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static boolean isLoopback(String address) {
        return IpNetwork.parseAddress(address).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    private static String header(ServerRequest request, HeaderName name) {
        return request.headers().first(name).orElse(null);
    }

    private static void reject(ServerResponse response, int status, String code, String message, String logReason) {
        LOG.warning("SSH login hook request rejected (" + status + "): " + logReason);
        ApiErrors.send(response, status, code, message);
    }
}
