package org.miniops.agent.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.miniops.agent.config.Secret;

/**
 * Requires {@code Authorization: Bearer <AUTH_TOKEN>} on every request except the dashboard's
 * static files and the login endpoint, which checks a token itself.
 *
 * <p>Wrong tokens use up the client's authentication budget. Once it is used up, every request
 * from that client gets {@code 429}, the right token included, because responding 200 to the
 * right token and 429 to others would let a guesser test tokens past the limit. Then the general
 * ceiling applies to authenticated requests.
 */
final class AuthFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(AuthFilter.class.getName());
    private static final String BEARER = "Bearer ";

    private final Secret token;
    private final RateLimits limits;
    private final ClientAddressResolver clients;

    AuthFilter(Secret token, RateLimits limits, ClientAddressResolver clients) {
        this.token = token;
        this.limits = limits;
        this.clients = clients;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        if (isPublic(request.prologue().method(), path)) {
            chain.proceed();
            return;
        }

        String client = clients.rateLimitKey(request);
        Optional<Duration> blocked = limits.authenticationBlocked(client);
        if (blocked.isPresent()) {
            ApiErrors.tooManyRequests(response, blocked.get(), "failed authentications");
            return;
        }

        Optional<String> presented = bearerToken(request);
        if (presented.isEmpty() || !token.matches(presented.get())) {
            rejectWrongToken(request, response, client, presented.isPresent());
            return;
        }

        Optional<Duration> overCeiling = limits.tryGeneral(client);
        if (overCeiling.isPresent()) {
            ApiErrors.tooManyRequests(response, overCeiling.get(), "requests");
            return;
        }
        chain.proceed();
    }

    private void rejectWrongToken(RoutingRequest request, RoutingResponse response, String client, boolean presented) {
        Optional<Duration> exhausted = limits.recordFailedAuthentication(client);
        if (exhausted.isPresent()) {
            ApiErrors.tooManyRequests(response, exhausted.get(), "failed authentications");
            return;
        }
        LOG.fine(() -> "Rejected " + request.prologue().method().text() + " " + request.path().path()
                + " from " + clients.clientAddress(request) + ": " + (presented ? "wrong token" : "no token"));
        ApiErrors.unauthorized(response, presented
                ? "The bearer token is wrong; send the AUTH_TOKEN from the agent's .env."
                : "This request needs the header Authorization: Bearer <AUTH_TOKEN>.");
    }

    private static boolean isPublic(Method method, String path) {
        if (method == Method.POST && path.equals(LoginHttpService.PATH)) {
            return true;
        }
        // The PAM hook signs its requests with the hook key instead; that endpoint checks it.
        if (method == Method.POST && path.equals(org.miniops.agent.logins.SshLoginHookHttpService.PATH)) {
            return true;
        }
        return (method == Method.GET || method == Method.HEAD) && StaticFiles.isStatic(path);
    }

    private static Optional<String> bearerToken(RoutingRequest request) {
        return request.headers().first(HeaderNames.AUTHORIZATION)
                .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(value -> value.substring(BEARER.length()).strip());
    }
}
