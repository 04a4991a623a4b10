package org.miniops.agent.audit;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.miniops.agent.http.JsonResponses;
import org.miniops.agent.http.QueryParameters;

/** {@code GET /api/audit/history?limit=N}: past runs and status changes, newest first. */
public final class AuditHistoryHttpService implements HttpService {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1000;

    private final AuditHistory history;

    public AuditHistoryHttpService(AuditHistory history) {
        this.history = history;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/audit/history", this::history);
    }

    private void history(ServerRequest request, ServerResponse response) {
        int limit = QueryParameters.limit(request, DEFAULT_LIMIT, MAX_LIMIT);
        JsonResponses.ok(response, history.latest(limit));
    }
}
