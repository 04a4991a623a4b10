package org.miniops.agent.alerts;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miniops.agent.http.ApiErrors;
import org.miniops.agent.http.ClientAddressResolver;
import org.miniops.agent.http.JsonResponses;
import org.miniops.agent.http.QueryParameters;
import org.miniops.agent.http.RateLimits;

/**
 * Alerts API: {@code GET /api/alerts?status=pending|failed|delivered} lists the outbox, and
 * {@code POST /api/alerts/test} sends a test alert through every notifier (sensitive-action limit).
 */
public final class AlertsHttpService implements HttpService {

    private static final List<String> FILTERS = List.of("pending", "failed", "delivered", "all");

    /** How long the test call waits for the notifiers' first attempt; Telegram responds within a second or two. */
    private static final Duration TEST_WAIT = Duration.ofSeconds(10);

    private final OutboxStore outbox;
    private final DeliveryService delivery;
    private final String serverName;
    private final RateLimits limits;
    private final ClientAddressResolver clients;

    public AlertsHttpService(OutboxStore outbox, DeliveryService delivery, String serverName, RateLimits limits,
                             ClientAddressResolver clients) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.serverName = serverName;
        this.limits = limits;
        this.clients = clients;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/alerts", this::list)
                .post("/api/alerts/test", this::test);
    }

    private void list(ServerRequest request, ServerResponse response) {
        String filter = request.query().first("status").asOptional().orElse("all");
        if (!FILTERS.contains(filter)) {
            ApiErrors.send(response, 400, "invalid_request", "status '" + filter + "' is invalid; use pending, failed, delivered or all");
            return;
        }
        int limit = QueryParameters.limit(request, 100, 1000);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", filter);
        body.put("alerts", outbox.list(filter, limit));
        JsonResponses.ok(response, body);
    }

    private void test(ServerRequest request, ServerResponse response) {
        Optional<Duration> limited = limits.trySensitive("test-alert", clients.rateLimitKey(request));
        if (limited.isPresent()) {
            ApiErrors.tooManyRequests(response, limited.get(), "test alerts");
            return;
        }
        List<Map<String, Object>> results = delivery.sendTest(serverName, TEST_WAIT);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notifiers", results);
        if (results.isEmpty()) {
            body.put("message", "No notifier plugin is installed; the test alert is stored but goes nowhere.");
        } else if (results.stream().noneMatch(result -> !"not_configured".equals(result.get("result")))) {
            body.put("message", "No notifier is configured; set TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID and restart the agent.");
        }
        JsonResponses.ok(response, body);
    }
}
