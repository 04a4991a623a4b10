package org.miniops.agent.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http1.Http1Config;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.miniops.agent.config.AgentConfig;
import org.miniops.agent.config.Secret;

/**
 * The agent's web server: Helidon SE with the API, the dashboard's files, authentication, rate
 * limits, security headers, and limits on bodies, headers and connections.
 */
public final class AgentServer {

    private static final Logger LOG = Logger.getLogger(AgentServer.class.getName());

    /** Largest request body; the API takes small JSON documents only. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    /** Largest request head (all header lines together) that gets a normal response; browsers send 1 to 2 KiB. */
    static final int MAX_HEADERS_BYTES = 8 * 1024;

    /** Helidon's own parser limit; beyond it the parser rejects the request with a plain 400. */
    static final int PARSER_HEADERS_BYTES = 16 * 1024;

    /** Open connections at once; an agent with one operator and a proxy never needs more. */
    static final int MAX_CONNECTIONS = 256;

    /** A connection that sends nothing for this long is closed, so idle sockets cannot pile up. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

    /** Time a client gets to send a request's line and headers; browsers need milliseconds. */
    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);

    private final WebServer server;
    private final SlowRequestGuard guard;

    private AgentServer(WebServer server, SlowRequestGuard guard) {
        this.server = server;
        this.guard = guard;
    }

    /**
     * Builds the server; {@code services} are the API areas, each an {@link HttpService} for its own paths.
     */
    public static AgentServer create(AgentConfig config, Secret token, RateLimits limits, ClientAddressResolver clients,
                                     String version, List<HttpService> services) {
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(new SecurityHeadersFilter())
                .addFilter(new HeaderSizeFilter())
                .addFilter(new AuthFilter(token, limits, clients))
                .register(new StaticFiles())
                .register(new LoginHttpService(token, limits, clients))
                .register(new HealthHttpService(version));
        services.forEach(routing::register);
        routing.any((request, response) -> ApiErrors.send(response, 404, "not_found",
                "No endpoint " + request.prologue().method().text() + " " + request.path().path() + "."));
        routing.error(RequestBodies.PayloadTooLargeException.class, (request, response, failure) -> {
            response.header(io.helidon.http.HeaderNames.CONNECTION, "close");
            ApiErrors.send(response, 413, "payload_too_large",
                    "The request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB; the API takes small JSON documents only.");
        });
        routing.error(QueryParameters.BadRequestException.class, (request, response, failure) ->
                ApiErrors.send(response, 400, "invalid_request", failure.getMessage()));
        routing.error(Exception.class, (request, response, failure) -> {
            LOG.log(Level.SEVERE, "Request " + request.prologue().method().text() + " " + request.path().path() + " failed", failure);
            ApiErrors.send(response, Status.INTERNAL_SERVER_ERROR_500.code(), "internal_error",
                    "The agent failed to handle this request; its log has the details.");
        });

        SlowRequestGuard guard = new SlowRequestGuard(HEADER_TIMEOUT);
        WebServer server = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .maxPayloadSize(MAX_BODY_BYTES)
                .maxTcpConnections(MAX_CONNECTIONS)
                .idleConnectionTimeout(IDLE_TIMEOUT)
                .idleConnectionPeriod(Duration.ofSeconds(1))
                .shutdownGracePeriod(Duration.ofSeconds(2))
                .directHandlers(handlers -> {
                    ProtocolErrors errors = new ProtocolErrors();
                    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                        handlers.addHandler(type, errors);
                    }
                })
                .addProtocol(Http1Config.builder()
                        .maxHeadersSize(PARSER_HEADERS_BYTES)
                        .maxPrologueLength(4096)
                        .addReceiveListener(guard.receiveListener())
                        .build())
                .routing(routing)
                .build();
        return new AgentServer(server, guard);
    }

    /** Starts listening; returns once the port is bound. */
    public AgentServer start() {
        server.start();
        return this;
    }

    /** Returns the bound port, which differs from the configured one when that was 0. */
    public int port() {
        return server.port();
    }

    /** Stops accepting connections and waits briefly for requests in flight. */
    public void stop() {
        server.stop();
        guard.close();
    }
}
