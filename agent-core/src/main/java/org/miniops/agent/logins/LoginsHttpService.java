package org.miniops.agent.logins;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import org.miniops.agent.http.JsonResponses;
import org.miniops.agent.http.QueryParameters;

/** {@code GET /api/logins?limit=N}: SSH login history, newest first. */
public final class LoginsHttpService implements HttpService {

    private final LoginRecorder recorder;

    public LoginsHttpService(LoginRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/logins", this::list);
    }

    private void list(ServerRequest request, ServerResponse response) {
        int limit = QueryParameters.limit(request, 100, 1000);
        JsonResponses.ok(response, Map.of("logins", recorder.latest(limit)));
    }
}
