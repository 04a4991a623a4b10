package org.miniops.agent.logins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook endpoint's token on a running agent: the 30 s time window, the signature over the
 * exact body, the nonce that may be used once, the body limits and the endpoint's own rate limit.
 * Every rejection must get its status, one log line, and leave the {@code logins} table empty.
 */
class SshLoginHookTokenTest {

    private static final byte[] EVENT = HookRequest.event("deploy", "203.0.113.7", "2026-12-04T21:15:03Z");

    @TempDir
    Path dir;

    private LoginsTestAgent agent;
    private LogCapture logs;

    @BeforeEach
    void startAgent() throws IOException {
        agent = LoginsTestAgent.start(dir);
        logs = new LogCapture();
    }

    @AfterEach
    void stopAgent() {
        logs.close();
        agent.close();
    }

    @Test
    void validRequestGets201WithLoginId() {
        HttpResponse<String> response = agent.hook(agent.sign(EVENT));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = LoginsTestAgent.json(response);
        assertThat(body.path("stored").asBoolean()).isTrue();
        assertThat(body.path("loginId").isIntegralNumber()).isTrue();
        assertThat(body.path("trusted").asBoolean()).isFalse();
        assertThat(agent.login(body.path("loginId").asLong()).path("user").asText()).isEqualTo("deploy");
        assertThat(agent.rows("logins")).isEqualTo(1);
    }

    @Test
    void timestampAtStartOfPreviousStepIsAccepted() {
        long previousStepStart = (currentStep() - 1) * 30;

        HttpResponse<String> response = agent.hook(signedAt(previousStepStart));

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void timestampTwoStepsOldGets401() {
        long lastSecondTwoStepsAgo = (currentStep() - 1) * 30 - 1;

        HttpResponse<String> response = agent.hook(signedAt(lastSecondTwoStepsAgo));

        assertRejected(response, 401);
        assertThat(logs.warnings().getFirst()).contains("outside the current and previous 30 s step");
    }

    @Test
    void timestampLaterInCurrentStepIsAccepted() {
        long lastSecondOfStep = (currentStep() + 1) * 30 - 1;

        HttpResponse<String> response = agent.hook(signedAt(lastSecondOfStep));

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void timestampInNextStepGets401() {
        long nextStepStart = (currentStep() + 1) * 30;

        HttpResponse<String> response = agent.hook(signedAt(nextStepStart));

        assertRejected(response, 401);
    }

    @Test
    void requestExpiresAfterNextStep() {
        HookRequest request = agent.sign(EVENT);
        agent.clock().advance(Duration.ofSeconds(50));

        HttpResponse<String> response = agent.hook(request);

        assertRejected(response, 401);
    }

    @Test
    void tamperedBodyGets401() {
        HookRequest request = agent.sign(EVENT);
        byte[] tampered = new String(EVENT, StandardCharsets.UTF_8)
                .replace("203.0.113.7", "203.0.113.8")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).hasSameSizeAs(EVENT);

        HttpResponse<String> response = agent.hook(request.withBody(tampered));

        assertRejected(response, 401);
        assertThat(logs.warnings().getFirst()).contains("signature does not match");
    }

    @Test
    void trailingNewlineAddedToBodyGets401() {
        HookRequest request = agent.sign(EVENT);
        byte[] longer = Arrays.copyOf(EVENT, EVENT.length + 1);
        longer[EVENT.length] = '\n';

        HttpResponse<String> response = agent.hook(request.withBody(longer));

        assertRejected(response, 401);
    }

    @Test
    void wrongKeyGets401() {
        byte[] otherKey = HookRequest.randomBytes(32);
        HookRequest request = HookRequest.signed(otherKey, EVENT, now(), HookRequest.newNonce());

        HttpResponse<String> response = agent.hook(request);

        assertRejected(response, 401);
    }

    @Test
    void keyHexTextInsteadOfKeyBytesGets401() {
        // The HMAC key is the 32 bytes the file's hex decodes to, not its 64 ASCII characters.
        byte[] hexText = HexFormat.of().formatHex(agent.key()).getBytes(StandardCharsets.US_ASCII);
        HookRequest request = HookRequest.signed(hexText, EVENT, now(), HookRequest.newNonce());

        HttpResponse<String> response = agent.hook(request);

        assertRejected(response, 401);
    }

    @Test
    void signatureOverAnotherTimestampGets401() {
        HookRequest request = agent.sign(EVENT);

        HttpResponse<String> response = agent.hook(request.withTimestamp(Long.toString(now() - 1)));

        assertRejected(response, 401);
    }

    @Test
    void signatureOverAnotherNonceGets401() {
        HookRequest request = agent.sign(EVENT);

        HttpResponse<String> response = agent.hook(request.withNonce(HookRequest.newNonce()));

        assertRejected(response, 401);
    }

    @Test
    void missingTimestampGets401() {
        assertRejected(agent.hook(agent.sign(EVENT).withTimestamp(null)), 401);
    }

    @Test
    void missingNonceGets401() {
        assertRejected(agent.hook(agent.sign(EVENT).withNonce(null)), 401);
    }

    @Test
    void missingSignatureGets401() {
        assertRejected(agent.hook(agent.sign(EVENT).withSignature(null)), 401);
    }

    @Test
    void malformedTimestampsGet401() {
        for (String timestamp : new String[] {"", "abc", "1796418910.5", "-1796418910", "+1796418910", "1796418910s", "0x6b1e3f3e"}) {
            long before = agent.rows("logins");
            HookRequest request = HookRequest.signed(agent.key(), EVENT, now(), HookRequest.newNonce()).withTimestamp(timestamp);

            HttpResponse<String> response = agent.hook(request);

            assertThat(response.statusCode()).as("timestamp '%s'", timestamp).isEqualTo(401);
            assertThat(agent.rows("logins")).as("timestamp '%s'", timestamp).isEqualTo(before);
        }
    }

    @Test
    void malformedNoncesGet401() {
        String[] nonces = {
            "0123456789abcdef0123456789abcde", // 31 characters
            "0123456789abcdef0123456789abcdef0", // 33 characters
            "0123456789ABCDEF0123456789ABCDEF", // uppercase
            "0123456789abcdef0123456789abcdeg", // not hex
            "", // empty
        };
        for (String nonce : nonces) {
            // Signed over the malformed nonce, so only its form can be the reason for the 401.
            HookRequest request = HookRequest.signed(agent.key(), EVENT, now(), nonce);

            HttpResponse<String> response = agent.hook(request);

            assertThat(response.statusCode()).as("nonce '%s'", nonce).isEqualTo(401);
        }
        assertThat(agent.rows("logins")).isZero();
    }

    @Test
    void malformedSignaturesGet401() {
        String valid = agent.sign(EVENT).signature();
        String[] signatures = {
            valid.substring(0, 63),
            valid + "0",
            valid.toUpperCase(Locale.ROOT),
            "z" + valid.substring(1),
            "",
        };
        for (String signature : signatures) {
            HookRequest request = agent.sign(EVENT).withSignature(signature);

            HttpResponse<String> response = agent.hook(request);

            assertThat(response.statusCode()).as("signature '%s'", signature).isEqualTo(401);
        }
        assertThat(agent.rows("logins")).isZero();
    }

    @Test
    void rejectionHasErrorShape() {
        HttpResponse<String> response = agent.hook(agent.sign(EVENT).withSignature("0".repeat(64)));

        JsonNode body = LoginsTestAgent.json(response);
        assertThat(body.path("status").asInt()).isEqualTo(401);
        assertThat(body.path("error").asText()).isEqualTo("invalid_signature");
        assertThat(body.path("message").asText()).isNotBlank();
    }

    @Test
    void rejectionLogNamesNoExpectedSignature() {
        HookRequest request = agent.sign(EVENT);
        String wrong = "0".repeat(64);

        agent.hook(request.withSignature(wrong));

        assertThat(logs.messages()).hasSize(1);
        assertThat(logs.messages().getFirst()).doesNotContain(request.signature());
    }

    @Test
    void replayedNonceGets409() {
        HookRequest request = agent.sign(EVENT);
        assertThat(agent.hook(request).statusCode()).isEqualTo(201);
        logs.clear();

        HttpResponse<String> replay = agent.hook(request);

        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(LoginsTestAgent.json(replay).path("error").asText()).isEqualTo("replayed");
        assertThat(logs.messages()).hasSize(1);
        assertThat(agent.rows("logins")).isEqualTo(1);
        assertThat(agent.rows("alerts")).isEqualTo(1);
    }

    @Test
    void nonceReusedWithOtherBodyGets409() {
        HookRequest first = agent.sign(EVENT);
        assertThat(agent.hook(first).statusCode()).isEqualTo(201);
        byte[] other = HookRequest.event("backup", "198.51.100.4", "2026-12-04T21:15:05Z");

        HttpResponse<String> response = agent.hook(HookRequest.signed(agent.key(), other, now(), first.nonce()));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(agent.rows("logins")).isEqualTo(1);
    }

    @Test
    void replayLateInWindowGets409() {
        HookRequest request = HookRequest.signed(agent.key(), EVENT, currentStep() * 30, HookRequest.newNonce());
        assertThat(agent.hook(request).statusCode()).isEqualTo(201);
        agent.clock().set(LoginsTestAgent.START.plusSeconds(49));

        HttpResponse<String> replay = agent.hook(request);

        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(agent.rows("logins")).isEqualTo(1);
    }

    @Test
    void replayAfterRestartGets409() throws IOException {
        HookRequest request = agent.sign(EVENT);
        assertThat(agent.hook(request).statusCode()).isEqualTo(201);

        agent.restart();
        HttpResponse<String> replay = agent.hook(request);

        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(agent.rows("logins")).isEqualTo(1);
    }

    @Test
    void malformedBodyWithValidSignatureGets400() {
        byte[] notJson = "user=deploy&rhost=203.0.113.7".getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> response = agent.hook(agent.sign(notJson));

        assertRejected(response, 400);
        assertThat(LoginsTestAgent.json(response).path("error").asText()).isEqualTo("invalid_event");
    }

    @Test
    void malformedBodiesWithValidSignatureGet400() {
        String[] bodies = {
            "[\"deploy\"]",
            "\"deploy\"",
            "{\"user\": 42, \"rhost\": \"203.0.113.7\"}",
            "{\"user\": \"deploy\", \"rhost\": null}",
            "{\"user\": \"deploy\", \"tty\": [\"ssh\"]}",
            "{\"user\": \"deploy\", \"time\": \"yesterday\"}",
            "{\"user\": \"deploy\"",
            "",
        };
        for (String body : bodies) {
            HttpResponse<String> response = agent.hook(agent.sign(body.getBytes(StandardCharsets.UTF_8)));

            assertThat(response.statusCode()).as("body %s", body).isEqualTo(400);
        }
        assertThat(agent.rows("logins")).isZero();
    }

    @Test
    void bodyWithDataAfterObjectGets400() {
        byte[] body = (new String(EVENT, StandardCharsets.UTF_8) + "{\"user\": \"root\"}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = agent.hook(agent.sign(body));

        assertRejected(response, 400);
    }

    @Test
    void userLineBreakIsEscapedInLog() {
        byte[] body = HookRequest.event("deploy\nSEVERE: forged line", "203.0.113.7", "2026-12-04T21:15:03Z");

        assertThat(agent.hook(agent.sign(body)).statusCode()).isEqualTo(201);

        assertThat(logs.messages()).singleElement().asString().doesNotContain("\n").contains("deploy\\u000aSEVERE");
    }

    @Test
    void malformedBodyDoesNotBurnNonce() {
        String nonce = HookRequest.newNonce();
        byte[] notJson = "{not json".getBytes(StandardCharsets.US_ASCII);
        assertThat(agent.hook(HookRequest.signed(agent.key(), notJson, now(), nonce)).statusCode()).isEqualTo(400);

        HttpResponse<String> response = agent.hook(HookRequest.signed(agent.key(), EVENT, now(), nonce));

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void badSignatureDoesNotBurnNonce() {
        HookRequest request = agent.sign(EVENT);
        assertThat(agent.hook(request.withSignature("0".repeat(64))).statusCode()).isEqualTo(401);

        HttpResponse<String> response = agent.hook(request);

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void unknownFieldsAreIgnored() {
        byte[] body = """
                {"time": "2026-12-04T21:15:03Z", "tty": "/dev/pts/3", "service": "sshd",
                 "rhost": "203.0.113.7", "user": "deploy", "pid": "4242"}""".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = agent.hook(agent.sign(body));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode login = agent.login(LoginsTestAgent.json(response).path("loginId").asLong());
        assertThat(login.path("tty").asText()).isEqualTo("/dev/pts/3");
    }

    @Test
    void bodyOfExactly4KiBIsAccepted() {
        byte[] body = padTo(4096);

        HttpResponse<String> response = agent.hook(agent.sign(body));

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void bodyOver4KiBGets413() {
        byte[] body = padTo(4097);

        HttpResponse<String> response = agent.hook(agent.sign(body));

        assertRejected(response, 413);
    }

    @Test
    void chunkedBodyOver4KiBGets413() {
        byte[] body = padTo(8000);
        HookRequest signed = agent.sign(body);
        // A publisher of unknown length makes the client send the body chunked, without Content-Length.
        HttpRequest.Builder builder = agent.request(SshLoginHookHttpService.PATH)
                .header("Content-Type", "application/json")
                .header("X-MiniOps-Timestamp", signed.timestamp())
                .header("X-MiniOps-Nonce", signed.nonce())
                .header("X-MiniOps-Signature", signed.signature())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        HttpResponse<String> response = agent.send(builder);

        assertRejected(response, 413);
    }

    @Test
    void hookNeedsNoBearerToken() {
        HttpResponse<String> response = agent.hook(agent.sign(EVENT));

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void loginsStillNeedBearerToken() {
        agent.hook(agent.sign(EVENT));

        HttpResponse<String> response = agent.send(agent.request("/api/logins").GET());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void trustedNetworksStillNeedBearerToken() {
        HttpResponse<String> response = agent.send(agent.request("/api/trusted-networks")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"network\": \"0.0.0.0/0\"}")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(agent.rows("trusted_networks")).isZero();
    }

    @Test
    void hookPathTakesNoOtherMethodWithoutToken() {
        HttpResponse<String> response = agent.send(agent.request(SshLoginHookHttpService.PATH).GET());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void proxiedRemoteClientGets403() {
        // A reverse proxy on this machine connects from 127.0.0.1 but forwards a client from elsewhere.
        HttpResponse<String> response = agent.hook(agent.sign(EVENT), "X-Forwarded-For", "203.0.113.50");

        assertRejected(response, 403);
    }

    @Test
    void proxiedLoopbackClientIsAccepted() {
        HttpResponse<String> response = agent.hook(agent.sign(EVENT), "X-Forwarded-For", "127.0.0.1");

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void hookWithoutKeyGets503() throws IOException {
        agent.close();
        agent = LoginsTestAgent.start(dir.resolve("no-key"), Optional.empty());
        logs.clear();
        byte[] someKey = HookRequest.randomBytes(32);

        HttpResponse<String> response = agent.hook(HookRequest.signed(someKey, EVENT, now(), HookRequest.newNonce()));

        assertRejected(response, 503);
        assertThat(LoginsTestAgent.json(response).path("error").asText()).isEqualTo("hook_disabled");
    }

    @Test
    void sixtyFirstHookRequestGets429() {
        for (int i = 1; i <= 60; i++) {
            HookRequest unsigned = new HookRequest(EVENT, null, null, null);
            assertThat(agent.hook(unsigned).statusCode()).as("request %d", i).isEqualTo(401);
        }
        logs.clear();

        HttpResponse<String> response = agent.hook(agent.sign(EVENT));

        assertRejected(response, 429);
        assertThat(response.headers().firstValue("Retry-After")).get()
                .satisfies(value -> assertThat(Long.parseLong(value)).isBetween(1L, 60L));
    }

    @Test
    void hookRateLimitLeavesApiBudgetAlone() {
        for (int i = 1; i <= 61; i++) {
            agent.hook(new HookRequest(EVENT, null, null, null));
        }

        HttpResponse<String> response = agent.get("/api/logins");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void acceptedLoginWakesDelivery() {
        agent.hook(agent.sign(EVENT));

        assertThat(agent.deliveryWakeUps()).isEqualTo(1);
    }

    private void assertRejected(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(logs.messages()).as("log lines").hasSize(1);
        assertThat(logs.warnings()).as("warnings").hasSize(1);
        assertThat(agent.rows("logins")).as("stored logins").isZero();
        assertThat(agent.rows("alerts")).as("stored alerts").isZero();
    }

    private HookRequest signedAt(long timestamp) {
        return HookRequest.signed(agent.key(), EVENT, timestamp, HookRequest.newNonce());
    }

    private long now() {
        return agent.clock().instant().getEpochSecond();
    }

    private long currentStep() {
        return Math.floorDiv(now(), 30L);
    }

    /** Returns a valid event padded with an unknown field to exactly {@code size} bytes. */
    private static byte[] padTo(int size) {
        String prefix = "{\"user\": \"deploy\", \"rhost\": \"203.0.113.7\", \"service\": \"sshd\", \"tty\": \"ssh\", \"padding\": \"";
        String suffix = "\"}";
        String body = prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix;
        return body.getBytes(StandardCharsets.US_ASCII);
    }
}
