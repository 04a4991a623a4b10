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
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = request.content().inputStream()) {
            byte[] body = in.readNBytes((int) AgentServer.MAX_BODY_BYTES + 1);
            if (body.length > AgentServer.MAX_BODY_BYTES) {
                throw new PayloadTooLargeException();
            }
            return body;
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
