package org.miniops.agent.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 exchange over a plain socket, for requests that an HTTP client library would not
 * send as written: oversized heads, chunked bodies past the limit, bodies the server cuts off.
 */
final class RawHttp {

    private RawHttp() {
    }

    /**
     * Writes {@code head} (request line and headers, ending in an empty line) and then {@code body},
     * and reads one response whose length {@code Content-Length} gives.
     *
     * <p>A server that rejects the request may close before the body is fully written; the write
     * error is ignored and the response read anyway. The response is read by its length rather
     * than until the server closes, because Helidon 4.5 keeps a connection open after sending
     * {@code Connection: close} until its idle timeout.
     */
    static Response exchange(int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (SocketException e) {
                // The server sent its response early and closed, so the response is in the receive buffer.
            }
            return readResponse(socket.getInputStream());
        }
    }

    private static Response readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
                if (isComplete(received.toByteArray())) {
                    break;
                }
            }
        } catch (SocketException e) {
            // A reset after the response arrived; keep what was read.
            if (received.size() == 0) {
                throw e;
            }
        }
        return Response.parse(received.toByteArray());
    }

    private static boolean isComplete(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String length = Response.parse(bytes).header("Content-Length");
        return length != null && bytes.length - headEnd - 4 >= Integer.parseInt(length);
    }

    /** Response status line, headers (names in lower case) and body as text. */
    record Response(int status, Map<String, String> headers, String body) {

        static Response parse(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                throw new IllegalStateException("no complete response head in: " + text);
            }
            String[] lines = text.substring(0, headEnd).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            String body = new String(bytes, headEnd + 4, bytes.length - headEnd - 4, StandardCharsets.UTF_8);
            return new Response(status, headers, body);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }
}
