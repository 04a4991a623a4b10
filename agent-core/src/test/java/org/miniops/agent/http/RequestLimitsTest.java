package org.miniops.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.agent.json.Json;

/** Limits on request size and speed, tested with raw requests over a socket. */
class RequestLimitsTest {

    private static final int KIB = 1024;

    @TempDir
    Path dir;

    private TestAgent agent;

    @BeforeEach
    void startAgent() throws IOException {
        agent = TestAgent.start(dir);
    }

    @AfterEach
    void stopAgent() {
        agent.close();
    }

    @Test
    void bodyOver64KiBWithContentLengthGets413() throws IOException {
        byte[] body = loginBody(64 * KIB + 1);

        RawHttp.Response response = RawHttp.exchange(agent.port(), loginHead("Content-Length: " + body.length), body);

        assertThat(response.status()).isEqualTo(413);
        assertErrorShape(response, 413, "payload_too_large");
    }

    @Test
    void chunkedBodyOver64KiBGets413() throws IOException {
        byte[] body = chunked(loginBody(80 * KIB), 4 * KIB);

        RawHttp.Response response = RawHttp.exchange(agent.port(), loginHead("Transfer-Encoding: chunked"), body);

        assertThat(response.status()).isEqualTo(413);
        assertErrorShape(response, 413, "payload_too_large");
    }

    @Test
    void oversizedBodyIsRejectedBeforeAuthentication() throws IOException {
        byte[] body = new byte[100 * KIB];
        String head = "POST /api/audit/run HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length + "\r\n\r\n";

        RawHttp.Response response = RawHttp.exchange(agent.port(), head, body);

        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void bodyUnderLimitIsRead() throws IOException {
        byte[] body = loginBody(60 * KIB);

        RawHttp.Response response = RawHttp.exchange(agent.port(),
                loginHead("Content-Length: " + body.length, "Connection: close"), body);

        // The body carries a wrong token, so a 401 shows that the login endpoint read all of it.
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void chunkedBodyUnderLimitIsRead() throws IOException {
        byte[] body = chunked(loginBody(60 * KIB), 4 * KIB);

        RawHttp.Response response = RawHttp.exchange(agent.port(),
                loginHead("Transfer-Encoding: chunked", "Connection: close"), body);

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void headersOver8KiBGet431() throws IOException {
        String head = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + TestAgent.TOKEN + "\r\n"
                + "X-Padding: " + "a".repeat(9 * KIB) + "\r\n\r\n";

        RawHttp.Response response = RawHttp.exchange(agent.port(), head, new byte[0]);

        assertThat(response.status()).isEqualTo(431);
        assertErrorShape(response, 431, "headers_too_large");
    }

    @Test
    void manySmallHeadersOver8KiBGet431() throws IOException {
        StringBuilder head = new StringBuilder("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i < 200; i++) {
            head.append("X-Field-").append(i).append(": ").append("v".repeat(40)).append("\r\n");
        }
        head.append("\r\n");

        RawHttp.Response response = RawHttp.exchange(agent.port(), head.toString(), new byte[0]);

        assertThat(response.status()).isEqualTo(431);
    }

    @Test
    void headersOver8KiBGet431WithoutToken() throws IOException {
        String head = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-Padding: " + "a".repeat(9 * KIB) + "\r\n\r\n";

        RawHttp.Response response = RawHttp.exchange(agent.port(), head, new byte[0]);

        assertThat(response.status()).isEqualTo(431);
    }

    @Test
    void headersPastParserLimitGet400() throws IOException {
        // Pins a known limit: past AgentServer.PARSER_HEADERS_BYTES Helidon 4.5 rejects the head
        // before routing and reports no reason, so the agent cannot tell it from other bad requests.
        String head = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-Padding: " + "a".repeat(20 * KIB) + "\r\n\r\n";

        RawHttp.Response response = RawHttp.exchange(agent.port(), head, new byte[0]);

        assertThat(response.status()).isEqualTo(400);
        assertErrorShape(response, 400, "bad_request");
    }

    @Test
    void headersUnder8KiBAreAccepted() throws IOException {
        String head = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Authorization: Bearer " + TestAgent.TOKEN + "\r\n"
                + "X-Padding: " + "a".repeat(6 * KIB) + "\r\n\r\n";

        RawHttp.Response response = RawHttp.exchange(agent.port(), head, new byte[0]);

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void slowHeadersAreDisconnected() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), agent.port())) {
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            long started = System.nanoTime();
            boolean closed = false;
            // One header line a second, as a slowloris client sends them; give up after 20 s.
            for (int line = 0; line < 20 && !closed; line++) {
                try {
                    out.write(("X-Slow-" + line + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    closed = in.read() < 0;
                } catch (SocketTimeoutException e) {
                    // Still open: send the next line.
                } catch (IOException e) {
                    closed = true;
                }
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

            assertThat(closed).as("server closed the connection").isTrue();
            assertThat(seconds).isLessThanOrEqualTo(12);
        }
    }

    private static String loginHead(String... headers) {
        StringBuilder head = new StringBuilder("POST " + LoginHttpService.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /** Returns a login document of exactly {@code size} bytes with a wrong token. */
    private static byte[] loginBody(int size) {
        String prefix = "{\"token\": \"wrong\", \"padding\": \"";
        String suffix = "\"}";
        return (prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] chunked(byte[] body, int chunkSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int offset = 0; offset < body.length; offset += chunkSize) {
            int length = Math.min(chunkSize, body.length - offset);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, offset, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void assertErrorShape(RawHttp.Response response, int status, String error) throws IOException {
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("message").asText()).isNotBlank();
    }
}
