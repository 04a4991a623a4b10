package org.miniops.agent.logins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.miniops.agent.json.Json;

/**
 * Request the PAM hook sends to {@code POST /api/hooks/ssh-login}: the body and the three
 * {@code X-MiniOps-*} header values, any of which a test may leave out ({@code null}) or replace.
 *
 * <p>{@link #signed} computes the signature from the wire protocol itself: HMAC-SHA256 keyed with
 * the 32 key bytes over {@code <step>\n<timestamp>\n<nonce>\n<body>}, with
 * {@code step = floor(timestamp / 30)}. It does not call {@link HookSignature}, so a wrong
 * implementation there fails the tests instead of agreeing with itself.
 */
record HookRequest(byte[] body, String timestamp, String nonce, String signature) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Returns a request for {@code body} signed with {@code key} at {@code timestamp} (unix seconds). */
    static HookRequest signed(byte[] key, byte[] body, long timestamp, String nonce) {
        return new HookRequest(body, Long.toString(timestamp), nonce, sign(key, body, timestamp, nonce));
    }

    /** Returns the protocol's signature as 64 lowercase hex characters. */
    static String sign(byte[] key, byte[] body, long timestamp, String nonce) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        long step = Math.floorDiv(timestamp, 30L);
        message.writeBytes((step + "\n" + timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.US_ASCII));
        message.writeBytes(body);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides HmacSHA256", e);
        }
    }

    /** Returns 16 random bytes as 32 lowercase hex characters, as the hook reads them from /dev/urandom. */
    static String newNonce() {
        return HexFormat.of().formatHex(randomBytes(16));
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * Returns an event body built with Jackson, so every value is escaped as JSON requires.
     * The service is {@code sshd} and the tty {@code ssh}, as sshd reports for a session.
     */
    static byte[] event(String user, String rhost, String time) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("user", user);
        event.put("rhost", rhost);
        event.put("service", "sshd");
        event.put("tty", "ssh");
        event.put("time", time);
        return Json.write(event).getBytes(StandardCharsets.UTF_8);
    }

    HookRequest withBody(byte[] newBody) {
        return new HookRequest(newBody, timestamp, nonce, signature);
    }

    HookRequest withTimestamp(String newTimestamp) {
        return new HookRequest(body, newTimestamp, nonce, signature);
    }

    HookRequest withNonce(String newNonce) {
        return new HookRequest(body, timestamp, newNonce, signature);
    }

    HookRequest withSignature(String newSignature) {
        return new HookRequest(body, timestamp, nonce, newSignature);
    }
}
