package org.miniops.agent.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/health}: whether the agent is up, its version and uptime. */
final class HealthHttpService implements HttpService {

    private final String version;

    HealthHttpService(String version) {
        this.version = version;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/health", this::health);
    }

    private void health(ServerRequest request, ServerResponse response) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("version", version);
        body.put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        JsonResponses.ok(response, body);
    }
}
