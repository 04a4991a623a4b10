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
    private final java.util.function.Supplier<List<org.miniops.agent.alerts.NotifierStatus>> notifiers;

    public PluginsHttpService(PluginRegistry registry) {
        this(registry, List::of);
    }

    /** @param notifiers current health of every notifier, shown next to its plugin */
    public PluginsHttpService(PluginRegistry registry,
                              java.util.function.Supplier<List<org.miniops.agent.alerts.NotifierStatus>> notifiers) {
        this.registry = registry;
        this.notifiers = notifiers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/plugins", this::list);
    }

    private void list(ServerRequest request, ServerResponse response) {
        List<org.miniops.agent.alerts.NotifierStatus> statuses = notifiers.get();
        List<Map<String, Object>> plugins = registry.plugins().stream().map(plugin -> toJson(plugin, statuses)).toList();
        JsonResponses.ok(response, Map.of("plugins", plugins));
    }

    private static Map<String, Object> toJson(PluginInfo plugin, List<org.miniops.agent.alerts.NotifierStatus> statuses) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", plugin.id());
        json.put("version", plugin.version());
        json.put("state", plugin.state());
        json.put("path", plugin.path());
        json.put("extensions", plugin.extensions());
        json.put("failure", plugin.failure().orElse(null));
        List<Map<String, Object>> notifierJson = statuses.stream()
                .filter(status -> status.pluginId().equals(plugin.id()))
                .map(PluginsHttpService::notifierJson)
                .toList();
        if (!notifierJson.isEmpty()) {
            json.put("notifiers", notifierJson);
        }
        return json;
    }

    private static Map<String, Object> notifierJson(org.miniops.agent.alerts.NotifierStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", status.notifierId());
        json.put("state", status.state());
        json.put("configured", status.configured());
        json.put("misconfiguration", status.misconfiguration().orElse(null));
        json.put("lastError", status.lastError().orElse(null));
        json.put("lastDeliveredAt", status.lastDeliveredAt().map(Object::toString).orElse(null));
        return json;
    }
}
