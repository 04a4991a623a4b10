package org.miniops.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the hook's shell HMAC-SHA256 (printf and sha256sum) against the JDK's {@code javax.crypto.Mac} and the
 * published RFC 4231 results.
 */
class HookHmacTest {

    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    /** RFC 4231 section 4 test cases 1 to 7: key, data, HMAC-SHA-256, and the bits the RFC compares. */
    static Stream<Arguments> rfc4231() {
        String key131 = "aa".repeat(131);
        return Stream.of(
                Arguments.of(1, "0b".repeat(20), ascii("Hi There"),
                        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", 256),
                Arguments.of(2, ascii("Jefe"), ascii("what do ya want for nothing?"),
                        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", 256),
                Arguments.of(3, "aa".repeat(20), "dd".repeat(50),
                        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe", 256),
                Arguments.of(4, "0102030405060708090a0b0c0d0e0f10111213141516171819", "cd".repeat(50),
                        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b", 256),
                Arguments.of(5, "0c".repeat(20), ascii("Test With Truncation"),
                        "a3b6167473100ee06e0c796c2955552b", 128),
                Arguments.of(6, key131, ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
                        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", 256),
                Arguments.of(7, key131, ascii("This is a test using a larger than block-size key and a larger"
                                + " than block-size data. The key needs to be hashed before being used by the HMAC"
                                + " algorithm."),
                        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2", 256));
    }

    @ParameterizedTest(name = "RFC 4231 test case {0}")
    @MethodSource("rfc4231")
    void rfc4231VectorMatchesJdk(int testCase, String keyHex, String dataHex, String rfcResult, int bits)
            throws Exception {
        byte[] key = HEX.parseHex(keyHex);
        byte[] data = HEX.parseHex(dataHex);

        String shell = shellHmac(key, data);
        String jdk = HEX.formatHex(RecordingHookServer.hmacSha256(key, data));

        assertThat(shell).hasSize(64);
        assertThat(shell).isEqualTo(jdk);
        assertThat(shell.substring(0, bits / 4)).isEqualTo(rfcResult);
    }

    @Test
    void zeroPadBytesMatchJdk() throws Exception {
        // 0x36 and 0x5c XOR with ipad and opad to NUL bytes, which printf must write as real zero bytes.
        byte[] key = HEX.parseHex("00365c36ff5c00367f80365c0a0d2025");
        byte[] data = "line one\nline two\n\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(shellHmac(key, data)).isEqualTo(HEX.formatHex(RecordingHookServer.hmacSha256(key, data)));
    }

    @ParameterizedTest(name = "{0}-byte key")
    @ValueSource(ints = {1, 32, 63, 64, 65, 200})
    void keyAroundBlockSizeMatchesJdk(int keyLength) throws Exception {
        // RFC 2104 hashes only a key longer than the 64-byte block, so 64 and 65 bytes take different paths.
        byte[] key = new byte[keyLength];
        new SecureRandom().nextBytes(key);
        byte[] data = "one message".getBytes(StandardCharsets.US_ASCII);

        assertThat(shellHmac(key, data)).isEqualTo(HEX.formatHex(RecordingHookServer.hmacSha256(key, data)));
    }

    @Test
    void signatureOverLoginRequestMatchesJdk() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        long timestamp = 1_796_418_903L;
        String nonce = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
        byte[] body = ("{\"user\":\"j\u00fcrgen \\\"admin\\\"\",\"rhost\":\"::ffff:203.0.113.7\",\"service\":\"sshd\","
                + "\"tty\":\"ssh\",\"time\":\"2026-12-04T21:15:03Z\"}").getBytes(StandardCharsets.UTF_8);
        byte[] message = ((timestamp / 30) + "\n" + timestamp + "\n" + nonce + "\n"
                + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);

        String shell = shellHmac(key, message);

        assertThat(shell).isEqualTo(HEX.formatHex(RecordingHookServer.sign(key, timestamp / 30,
                Long.toString(timestamp), nonce, body)));
    }

    private String shellHmac(byte[] key, byte[] data) throws IOException, InterruptedException {
        Path keyFile = dir.resolve("test.key");
        Files.writeString(keyFile, HEX.formatHex(key) + "\n", StandardCharsets.US_ASCII);

        ScriptRun run = Scripts.run(Scripts.HOOK, List.of("--self-test-hmac", "--key-file", keyFile.toString()),
                Map.of(), data);

        assertThat(run.exitCode()).as("exit code, stderr: %s", run.stderr()).isZero();
        return run.stdout().strip();
    }

    private static String ascii(String text) {
        return HEX.formatHex(text.getBytes(StandardCharsets.US_ASCII));
    }
}
