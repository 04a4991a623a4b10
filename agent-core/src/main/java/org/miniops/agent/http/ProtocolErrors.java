package org.miniops.agent.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaTypes;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import org.miniops.agent.json.Json;

/**
 * Responds to requests that Helidon rejects before routing (malformed request line, oversized
 * headers or body) in the API's error shape, with the same security headers as other responses.
 *
 * <p>NOTE: Helidon 4.5 reports headers beyond its parser limit ({@link AgentServer#PARSER_HEADERS_BYTES})
 * as a bad request without a reason, so those get {@code 400}; {@link HeaderSizeFilter} responds with
 * {@code 431} for every size between the agent's limit and that one.
 */
final class ProtocolErrors implements DirectHandler {

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders headers, Throwable failure, System.Logger logger) {
        return handle(request, eventType, defaultStatus, headers, messages(failure));
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders headers, Throwable failure) {
        return handle(request, eventType, defaultStatus, headers, messages(failure));
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders headers, String message) {
        Status status = statusFor(eventType, defaultStatus, message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.code());
        body.put("error", codeFor(status));
        body.put("message", messageFor(status));

        TransportResponse.Builder response = TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, HttpMediaTypes.JSON_UTF_8.text())
                .header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
                .header(HeaderNames.create("X-Frame-Options"), "DENY")
                .header(HeaderNames.create("Content-Security-Policy"), SecurityHeadersFilter.CONTENT_SECURITY_POLICY)
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                // The rest of a rejected request cannot be trusted to frame the next one.
                .keepAlive(false)
                .entity(Json.write(body));
        return response.build();
    }

    /** Joins the messages of a failure and its causes; Helidon wraps the parser's reason in a message-less exception. */
    private static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable current = failure; current != null && text.length() < 1000; current = current.getCause()) {
            if (current.getMessage() != null) {
                text.append(current.getMessage()).append("; ");
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return text.toString();
    }

    private static Status statusFor(EventType eventType, Status defaultStatus, String message) {
        if (eventType == EventType.PAYLOAD_TOO_LARGE) {
            return Status.REQUEST_ENTITY_TOO_LARGE_413;
        }
        return defaultStatus;
    }

    private static String codeFor(Status status) {
        return switch (status.code()) {
            case 413 -> "payload_too_large";
            case 400 -> "bad_request";
            default -> "request_rejected";
        };
    }

    private static String messageFor(Status status) {
        return switch (status.code()) {
            case 413 -> "The request body is larger than " + AgentServer.MAX_BODY_BYTES / 1024 + " KiB; the API takes small JSON documents only.";
            case 400 -> "The request is not valid HTTP/1.1, or its headers exceed " + AgentServer.PARSER_HEADERS_BYTES / 1024 + " KiB.";
            default -> "The request was rejected: " + status.reasonPhrase() + ".";
        };
    }
}
