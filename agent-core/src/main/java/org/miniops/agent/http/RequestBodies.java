package org.miniops.agent.http;

import io.helidon.http.RequestException;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies within {@link AgentServer#MAX_BODY_BYTES}. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * Reads the whole body of {@code request}.
     *
     * @throws PayloadTooLargeException when the body, chunked or not, is larger than the limit
     */
    public static byte[] read(ServerRequest request) throws IOException {
        return readAtMost(request, (int) AgentServer.MAX_BODY_BYTES).orElseThrow(PayloadTooLargeException::new);
    }

    /**
     * Reads the whole body of {@code request} if it has at most {@code maxBytes}; returns empty
     * when it is longer, for endpoints with a tighter limit and an error of their own.
     *
     * @throws PayloadTooLargeException when Helidon's own limit stopped a chunked body first
     */
    public static java.util.Optional<byte[]> readAtMost(ServerRequest request, int maxBytes) throws IOException {
        if (!request.content().hasEntity()) {
            return java.util.Optional.of(new byte[0]);
        }
        try (InputStream in = request.content().inputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            return body.length > maxBytes ? java.util.Optional.empty() : java.util.Optional.of(body);
        } catch (RequestException e) {
            // Helidon stops a chunked body at maxPayloadSize with a RequestException of its own.
            if (e.status().code() == 413) {
                throw new PayloadTooLargeException();
            }
            throw e;
        }
    }

    /** Signals a body beyond the limit; the error handler responds with {@code 413}. */
    public static final class PayloadTooLargeException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        PayloadTooLargeException() {
            super("request body is larger than " + AgentServer.MAX_BODY_BYTES + " bytes");
        }
    }
}
