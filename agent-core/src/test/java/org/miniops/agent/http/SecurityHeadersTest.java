package org.miniops.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityHeadersTest {

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
    void apiResponseCarriesSecurityHeaders() {
        HttpResponse<String> response = agent.getAuthorized("/api/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertSecurityHeaders(response.headers());
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void contentSecurityPolicyAllowsOnlyTheAgent() {
        HttpResponse<String> response = agent.get("/");

        String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'self'")
                .contains("script-src 'self'")
                .contains("object-src 'none'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
    }

    @Test
    void dashboardFileCarriesSecurityHeaders() {
        HttpResponse<String> response = agent.get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertSecurityHeaders(response.headers());
    }

    @Test
    void dashboardFileMayBeCached() {
        HttpResponse<String> response = agent.get("/assets/app.css");

        assertSecurityHeaders(response.headers());
        assertThat(response.headers().allValues("Cache-Control")).doesNotContain("no-store");
    }

    @Test
    void unauthorizedResponseCarriesSecurityHeaders() {
        HttpResponse<String> response = agent.get("/api/audit");

        assertThat(response.statusCode()).isEqualTo(401);
        assertSecurityHeaders(response.headers());
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void notFoundResponseCarriesSecurityHeaders() {
        HttpResponse<String> response = agent.getAuthorized("/api/no-such-endpoint");

        assertThat(response.statusCode()).isEqualTo(404);
        assertSecurityHeaders(response.headers());
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void loginResponseCarriesSecurityHeaders() {
        HttpResponse<String> response = agent.login("{\"token\": \"" + TestAgent.TOKEN + "\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertSecurityHeaders(response.headers());
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void rateLimitedResponseCarriesSecurityHeaders() {
        for (int i = 0; i < 5; i++) {
            agent.login("{\"token\": \"wrong\"}");
        }

        HttpResponse<String> response = agent.login("{\"token\": \"wrong\"}");

        assertThat(response.statusCode()).isEqualTo(429);
        assertSecurityHeaders(response.headers());
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void oversizedBodyResponseCarriesSecurityHeaders() throws IOException {
        byte[] body = new byte[70 * 1024];
        String head = "POST " + LoginHttpService.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length + "\r\n\r\n";

        RawHttp.Response response = RawHttp.exchange(agent.port(), head, body);

        assertThat(response.status()).isEqualTo(413);
        assertRawSecurityHeaders(response);
    }

    @Test
    void oversizedChunkedBodyResponseCarriesSecurityHeaders() throws IOException {
        String chunk = Integer.toHexString(8 * 1024) + "\r\n" + "x".repeat(8 * 1024) + "\r\n";
        byte[] body = (chunk.repeat(10) + "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        String head = "POST " + LoginHttpService.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n";

        RawHttp.Response response = RawHttp.exchange(agent.port(), head, body);

        assertThat(response.status()).isEqualTo(413);
        assertRawSecurityHeaders(response);
    }

    @Test
    void oversizedHeadersResponseCarriesSecurityHeaders() throws IOException {
        String head = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(9 * 1024) + "\r\n\r\n";

        RawHttp.Response response = RawHttp.exchange(agent.port(), head, new byte[0]);

        assertThat(response.status()).isEqualTo(431);
        assertRawSecurityHeaders(response);
    }

    private static void assertSecurityHeaders(HttpHeaders headers) {
        assertThat(headers.firstValue("Content-Security-Policy")).get().asString().contains("default-src 'self'");
        assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
    }

    private static void assertRawSecurityHeaders(RawHttp.Response response) {
        assertThat(response.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }
}
