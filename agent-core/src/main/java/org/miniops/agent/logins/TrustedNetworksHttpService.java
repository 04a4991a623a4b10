package org.miniops.agent.logins;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.miniops.agent.http.ApiErrors;
import org.miniops.agent.http.ClientAddressResolver;
import org.miniops.agent.http.JsonResponses;
import org.miniops.agent.http.RateLimits;
import org.miniops.agent.http.RequestBodies;
import org.miniops.agent.json.Json;

/**
 * Trusted networks API: {@code GET /api/trusted-networks}, {@code POST} with
 * {@code {"network": "203.0.113.0/24", "note": "office"}}, and {@code DELETE /api/trusted-networks/{id}}.
 * Changes count against the sensitive-action limit.
 */
public final class TrustedNetworksHttpService implements HttpService {

    private static final Logger LOG = Logger.getLogger(TrustedNetworksHttpService.class.getName());

    private final TrustedNetworks networks;
    private final RateLimits limits;
    private final ClientAddressResolver clients;
    private final Clock clock;

    public TrustedNetworksHttpService(TrustedNetworks networks, RateLimits limits, ClientAddressResolver clients, Clock clock) {
        this.networks = networks;
        this.limits = limits;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/trusted-networks", this::list)
                .post("/api/trusted-networks", this::add)
                .delete("/api/trusted-networks/{id}", this::remove);
    }

    private void list(ServerRequest request, ServerResponse response) {
        JsonResponses.ok(response, Map.of("networks", networks.list().stream().map(TrustedNetworks::toJson).toList()));
    }

    private void add(ServerRequest request, ServerResponse response) throws IOException {
        JsonNode body;
        try {
            body = Json.mapper().readTree(RequestBodies.read(request));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            body = null;
        }
        Optional<String> problem = problemWith(body);
        if (problem.isPresent()) {
            ApiErrors.send(response, 400, "invalid_request",
                    problem.get() + "; send a JSON body like {\"network\": \"203.0.113.0/24\", \"note\": \"office\"}.");
            return;
        }
        try {
            org.miniops.agent.net.IpNetwork.parse(body.get("network").asText());
        } catch (IllegalArgumentException e) {
            ApiErrors.send(response, 400, "invalid_network", e.getMessage());
            return;
        }
        // Charged only now, so a typo in the address does not use up the operator's few changes a minute.
        if (limited(request, response)) {
            return;
        }
        TrustedNetworks.Entry entry;
        try {
            entry = networks.add(body.get("network").asText(), body.path("note").asText(""), clock.instant());
        } catch (IllegalArgumentException e) {
            ApiErrors.send(response, 400, "invalid_network", e.getMessage());
            return;
        }
        LOG.info("Trusted network " + entry.network() + " added (" + entry.note() + ") by " + clients.clientAddress(request));
        JsonResponses.created(response, TrustedNetworks.toJson(entry));
    }

    private void remove(ServerRequest request, ServerResponse response) {
        String idText = request.path().pathParameters().get("id");
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            ApiErrors.send(response, 400, "invalid_request", "'" + idText + "' is not a trusted network id; use the id from GET /api/trusted-networks.");
            return;
        }
        if (limited(request, response)) {
            return;
        }
        if (!networks.remove(id)) {
            ApiErrors.send(response, 404, "not_found", "No trusted network with id " + id + ".");
            return;
        }
        LOG.info("Trusted network " + id + " removed by " + clients.clientAddress(request));
        JsonResponses.ok(response, Map.of("removed", id));
    }

    /** Returns what is wrong with the shape of an add request's body, or empty when it has the right fields. */
    private static Optional<String> problemWith(JsonNode body) {
        if (body == null || body.isMissingNode()) {
            return Optional.of("The body is empty or not valid JSON");
        }
        if (!body.isObject()) {
            return Optional.of("The body must be a JSON object");
        }
        JsonNode network = body.get("network");
        if (network == null || network.isNull()) {
            return Optional.of("The network is missing");
        }
        if (!network.isTextual()) {
            return Optional.of("The network must be a string, not " + typeName(network));
        }
        JsonNode note = body.get("note");
        if (note != null && !note.isNull() && !note.isTextual()) {
            return Optional.of("The note must be a string, not " + typeName(note));
        }
        return Optional.empty();
    }

    /** Returns the JSON type of {@code value} with its article, such as "a number" or "an array". */
    private static String typeName(JsonNode value) {
        String type = value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }

    private boolean limited(ServerRequest request, ServerResponse response) {
        Optional<Duration> wait = limits.trySensitive("trusted-networks", clients.rateLimitKey(request));
        wait.ifPresent(duration -> ApiErrors.tooManyRequests(response, duration, "trusted-network changes"));
        return wait.isPresent();
    }
}
