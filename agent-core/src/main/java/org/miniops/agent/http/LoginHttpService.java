package org.miniops.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.miniops.agent.config.Secret;
import org.miniops.agent.json.Json;

/**
 * {@code POST /api/auth/login}: checks a token for the dashboard, which then sends it as a bearer
 * token. Failed attempts count against the same budget as wrong bearer tokens.
 */
final class LoginHttpService implements HttpService {

    static final String PATH = "/api/auth/login";

    private static final Logger LOG = Logger.getLogger(LoginHttpService.class.getName());

    private final Secret token;
    private final RateLimits limits;
    private final ClientAddressResolver clients;

    LoginHttpService(Secret token, RateLimits limits, ClientAddressResolver clients) {
        this.token = token;
        this.limits = limits;
        this.clients = clients;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(PATH, this::login);
    }

    private void login(ServerRequest request, ServerResponse response) {
        String client = clients.rateLimitKey(request);
        Optional<Duration> blocked = limits.authenticationBlocked(client);
        if (blocked.isPresent()) {
            ApiErrors.tooManyRequests(response, blocked.get(), "failed sign-ins");
            return;
        }

        Optional<String> presented = readToken(request);
        if (presented.isEmpty()) {
            // A malformed body is still a failed attempt, or it would be a free way to probe the endpoint.
            if (!recordFailure(client, response)) {
                ApiErrors.send(response, 400, "invalid_request", "Send a JSON body like {\"token\": \"<AUTH_TOKEN>\"}.");
            }
            return;
        }
        if (!token.matches(presented.get())) {
            LOG.info("Failed sign-in from " + clients.clientAddress(request));
            if (!recordFailure(client, response)) {
                ApiErrors.unauthorized(response, "The token is wrong; use the AUTH_TOKEN from the agent's .env.");
            }
            return;
        }
        JsonResponses.ok(response, Map.of("authenticated", true));
    }

    /** Records a failed attempt; returns true when it used up the budget and a 429 was sent. */
    private boolean recordFailure(String client, ServerResponse response) {
        Optional<Duration> exhausted = limits.recordFailedAuthentication(client);
        exhausted.ifPresent(wait -> ApiErrors.tooManyRequests(response, wait, "failed sign-ins"));
        return exhausted.isPresent();
    }

    private static Optional<String> readToken(ServerRequest request) {
        try {
            JsonNode body = Json.mapper().readTree(RequestBodies.read(request));
            if (body == null || !body.isObject() || !body.path("token").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(body.get("token").asText());
        } catch (IOException e) {
            // Not JSON, or the client went away mid-body.
            return Optional.empty();
        }
    }
}
