package org.miniops.agent.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaTypes;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.miniops.agent.json.Json;

/**
 * Writes the API's one error shape: {@code {"status": 401, "error": "unauthorized", "message": "..."}}.
 *
 * <p>{@code error} is a stable code for programs; {@code message} is a sentence for people that
 * tells them what to do. No error carries a stack trace.
 */
public final class ApiErrors {

    private ApiErrors() {
    }

    /** Sends an error response with {@code status}, a stable {@code code} and a human {@code message}. */
    public static void send(ServerResponse response, int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", code);
        body.put("message", message);
        response.status(Status.create(status));
        response.headers().contentType(HttpMediaTypes.JSON_UTF_8);
        response.send(Json.write(body));
    }

    /** Sends {@code 401} with a {@code WWW-Authenticate} challenge for bearer tokens. */
    public static void unauthorized(ServerResponse response, String message) {
        response.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"mini-ops\"");
        send(response, 401, "unauthorized", message);
    }

    /** Sends {@code 429} with {@code Retry-After} in whole seconds, rounded up. */
    public static void tooManyRequests(ServerResponse response, Duration retryAfter, String what) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        response.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
        send(response, 429, "rate_limited", "Too many " + what + " from this address; try again in " + seconds + " s.");
    }
}
