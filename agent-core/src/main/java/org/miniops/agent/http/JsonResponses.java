package org.miniops.agent.http;

import io.helidon.http.HttpMediaTypes;
import io.helidon.webserver.http.ServerResponse;
import org.miniops.agent.json.Json;

/** Sends successful API responses as JSON. */
public final class JsonResponses {

    private JsonResponses() {
    }

    /** Sends {@code body} as JSON with status 200. */
    public static void ok(ServerResponse response, Object body) {
        response.headers().contentType(HttpMediaTypes.JSON_UTF_8);
        response.send(Json.write(body));
    }

    /** Sends {@code body} as JSON with status 201, for a request that stored something new. */
    public static void created(ServerResponse response, Object body) {
        response.status(io.helidon.http.Status.CREATED_201);
        ok(response, body);
    }
}
