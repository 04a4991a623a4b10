package org.miniops.agent.logins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The signature against a value computed outside Java, so the test client's own HMAC code
 * ({@link HookRequest#sign}) and the agent's cannot share one mistake.
 */
class HookSignatureTest {

    private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final long TIMESTAMP = 1796418903; // 2026-12-04T21:15:03Z, step 59880630
    private static final String NONCE = "00112233445566778899aabbccddeeff";
    private static final byte[] BODY = "{\"user\":\"deploy\",\"rhost\":\"203.0.113.7\",\"service\":\"sshd\",\"tty\":\"ssh\",\"time\":\"2026-12-04T21:15:03Z\"}"
            .getBytes(StandardCharsets.UTF_8);

    /**
     * Computed with OpenSSL 3:
     * {@code printf '%s\n%s\n%s\n%s' 59880630 1796418903 00112233445566778899aabbccddeeff "$BODY" | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102...1f}.
     */
    private static final String OPENSSL_SIGNATURE = "f28eeaf95c9cbd669d1d59bf5d6390f96506c56d7fd1048571b44c49d9333804";

    @Test
    void agentSignatureMatchesOpenssl() {
        assertThat(new HookSignature(KEY).sign(TIMESTAMP, NONCE, BODY)).isEqualTo(OPENSSL_SIGNATURE);
    }

    @Test
    void testClientSignatureMatchesOpenssl() {
        assertThat(HookRequest.sign(KEY, BODY, TIMESTAMP, NONCE)).isEqualTo(OPENSSL_SIGNATURE);
    }

    @Test
    void opensslSignatureVerifies() {
        HookSignature.Verdict verdict = new HookSignature(KEY).verify(Long.toString(TIMESTAMP), NONCE, OPENSSL_SIGNATURE, BODY,
                Instant.ofEpochSecond(TIMESTAMP + 5));

        assertThat(verdict.valid()).isTrue();
    }

    @Test
    void keyIsCopiedAtConstruction() {
        byte[] key = KEY.clone();
        HookSignature signature = new HookSignature(key);

        key[0] ^= 1;

        assertThat(signature.sign(TIMESTAMP, NONCE, BODY)).isEqualTo(OPENSSL_SIGNATURE);
    }
}
