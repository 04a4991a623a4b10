package org.miniops.agent.logins;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The PAM hook's TOTP-like token: HMAC-SHA256 over {@code <step>\n<timestamp>\n<nonce>\n<body>}
 * with 30-second steps, keyed with the shared hook key.
 *
 * <p>A request is valid during the step it was signed in and the next one, so 30 to 60 seconds,
 * which covers a hook that waited for a slow agent and small clock differences. Thread-safe.
 */
public final class HookSignature {

    /** Length of one time step, as in RFC 6238. */
    public static final long STEP_SECONDS = 30;

    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");

    private final byte[] key;

    public HookSignature(byte[] key) {
        this.key = key.clone();
    }

    /** Outcome of a check; {@code reason} names what was wrong for the log, never the expected value. */
    public record Verdict(boolean valid, String reason) {
        static Verdict ok() {
            return new Verdict(true, "");
        }

        static Verdict invalid(String reason) {
            return new Verdict(false, reason);
        }
    }

    /** Computes the signature the hook sends, as lowercase hex. */
    public String sign(long timestamp, String nonce, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            long step = Math.floorDiv(timestamp, STEP_SECONDS);
            mac.update((step + "\n" + timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
        }
    }

    /** Checks the headers' form, the time window and the signature (in constant time); replay is checked by the caller. */
    public Verdict verify(String timestampHeader, String nonce, String signature, byte[] body, Instant now) {
        if (timestampHeader == null || !TIMESTAMP.matcher(timestampHeader).matches()) {
            return Verdict.invalid("missing or malformed X-MiniOps-Timestamp");
        }
        if (nonce == null || !NONCE.matcher(nonce).matches()) {
            return Verdict.invalid("missing or malformed X-MiniOps-Nonce");
        }
        if (signature == null || !SIGNATURE.matcher(signature).matches()) {
            return Verdict.invalid("missing or malformed X-MiniOps-Signature");
        }
        long timestamp = Long.parseLong(timestampHeader);
        long step = Math.floorDiv(timestamp, STEP_SECONDS);
        long currentStep = Math.floorDiv(now.getEpochSecond(), STEP_SECONDS);
        if (step != currentStep && step != currentStep - 1) {
            return Verdict.invalid("timestamp " + timestamp + " is outside the current and previous 30 s step (now "
                    + now.getEpochSecond() + "); check that the clock is synchronised");
        }
        byte[] expected = sign(timestamp, nonce, body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.invalid("signature does not match the body; the hook key differs or the request was altered");
        }
        return Verdict.ok();
    }
}
