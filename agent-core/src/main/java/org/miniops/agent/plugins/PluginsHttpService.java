package org.miniops.agent.plugins;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.miniops.agent.http.JsonResponses;

/** {@code GET /api/plugins}: every plugin with its version, state, extensions and failure reason. */
public final class PluginsHttpService implements HttpService {

    private final PluginRegistry registry;

    public PluginsHttpService(PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/plugins", this::list);
    }

    private void list(ServerRequest request, ServerResponse response) {
        List<Map<String, Object>> plugins = registry.plugins().stream().map(PluginsHttpService::toJson).toList();
        JsonResponses.ok(response, Map.of("plugins", plugins));
    }

    private static Map<String, Object> toJson(PluginInfo plugin) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", plugin.id());
        json.put("version", plugin.version());
        json.put("state", plugin.state());
        json.put("path", plugin.path());
        json.put("extensions", plugin.extensions());
        json.put("failure", plugin.failure().orElse(null));
        return json;
    }
}
