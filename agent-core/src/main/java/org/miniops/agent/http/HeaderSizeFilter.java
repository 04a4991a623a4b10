package org.miniops.agent.http;

import io.helidon.http.Header;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Rejects with {@code 431 Request Header Fields Too Large} when a request's header lines add up to more
 * than {@link AgentServer#MAX_HEADERS_BYTES}, before authentication looks at them.
 */
final class HeaderSizeFilter implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        long size = 0;
        for (Header header : request.headers()) {
            for (String value : header.allValues()) {
                // name, ": ", value, CRLF, as the line arrived on the wire.
                size += header.name().length() + 2 + value.length() + 2;
            }
        }
        if (size > AgentServer.MAX_HEADERS_BYTES) {
            response.header(io.helidon.http.HeaderNames.CONNECTION, "close");
            ApiErrors.send(response, 431, "headers_too_large", "The request headers are " + size
                    + " bytes, more than the " + AgentServer.MAX_HEADERS_BYTES / 1024 + " KiB allowed; send fewer or shorter headers.");
            return;
        }
        chain.proceed();
    }
}
