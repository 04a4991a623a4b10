package org.miniops.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stand-in for the PAM hook: posts SSH logins to {@code /api/hooks/ssh-login}, signed with
 * HMAC-SHA256 over {@code step\ntimestamp\nnonce\nbody} with the 32-byte hook key, where step is
 * the timestamp divided by 30.
 */
final class LoginHook {

    private final URI endpoint;
    private final byte[] key;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();

    private LoginHook(URI endpoint, byte[] key) {
        this.endpoint = endpoint;
        this.key = key;
    }

    /** Writes a new random key as 64 hex characters to {@code keyFile}, mode 0640 like the installer's. */
    static byte[] writeKey(Path keyFile) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(keyFile, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r-----"));
        return key;
    }

    /** Returns a hook that posts to the agent at {@code baseUrl}, such as http://127.0.0.1:3000. */
    static LoginHook to(String baseUrl, byte[] key) {
        return new LoginHook(URI.create(baseUrl + "/api/hooks/ssh-login"), key);
    }

    /** Posts one sshd login and returns the agent's status code; 201 means stored. */
    int post(String user, String remoteHost, Instant time) throws IOException, InterruptedException {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("user", user);
        event.put("rhost", remoteHost);
        event.put("service", "sshd");
        event.put("tty", "ssh");
        event.put("time", time.toString());
        byte[] body = json.writeValueAsBytes(event);

        long timestamp = Instant.now().getEpochSecond();
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);

        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("X-MiniOps-Timestamp", Long.toString(timestamp))
                .header("X-MiniOps-Nonce", nonce)
                .header("X-MiniOps-Signature", sign(timestamp, nonce, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String sign(long timestamp, String nonce, byte[] body) {
        String prefix = (timestamp / 30) + "\n" + timestamp + "\n" + nonce + "\n";
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
