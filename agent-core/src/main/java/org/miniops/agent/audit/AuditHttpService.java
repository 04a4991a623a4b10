package org.miniops.agent.audit;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.Optional;
import org.miniops.agent.http.ApiErrors;
import org.miniops.agent.http.ClientAddressResolver;
import org.miniops.agent.http.JsonResponses;
import org.miniops.agent.http.RateLimits;

/**
 * Audit API: {@code GET /api/audit} returns the latest report, running an audit first if none
 * exists; {@code POST /api/audit/run} runs one now under the sensitive-action limit.
 */
public final class AuditHttpService implements HttpService {

    private final AuditService audits;
    private final RateLimits limits;
    private final ClientAddressResolver clients;

    public AuditHttpService(AuditService audits, RateLimits limits, ClientAddressResolver clients) {
        this.audits = audits;
        this.limits = limits;
        this.clients = clients;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/audit", this::latest)
                .post("/api/audit/run", this::run);
    }

    private void latest(ServerRequest request, ServerResponse response) {
        JsonResponses.ok(response, ReportJson.of(audits.latestOrRun()));
    }

    private void run(ServerRequest request, ServerResponse response) {
        Optional<Duration> limited = limits.trySensitive("audit-run", clients.rateLimitKey(request));
        if (limited.isPresent()) {
            ApiErrors.tooManyRequests(response, limited.get(), "audit runs");
            return;
        }
        JsonResponses.ok(response, ReportJson.of(audits.runNow()));
    }
}
