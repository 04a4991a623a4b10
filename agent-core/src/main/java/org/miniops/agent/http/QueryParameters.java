package org.miniops.agent.http;

import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/** Reads and validates query parameters; a bad value becomes a 400 with the parameter named. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /**
     * Returns {@code limit} from the query, {@code defaultValue} when absent.
     *
     * @throws BadRequestException when it is not a whole number from 1 to {@code max}
     */
    public static int limit(ServerRequest request, int defaultValue, int max) {
        Optional<String> raw = request.query().first("limit").asOptional();
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int limit = Integer.parseInt(raw.get().strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted range.
        }
        throw new BadRequestException("limit '" + raw.get() + "' is invalid; use a whole number from 1 to " + max);
    }

    /** Signals a request the API rejects with {@code 400}; the message names the value and the fix. */
    public static final class BadRequestException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public BadRequestException(String message) {
            super(message);
        }
    }
}
