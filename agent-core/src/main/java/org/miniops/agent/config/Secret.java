package org.miniops.agent.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Secret string, such as the API token, that prints as {@code [hidden]} and compares in constant time.
 *
 * <p>Comparison hashes both sides with SHA-256 first, so neither the content nor the length of
 * the expected value leaks through timing.
 */
public final class Secret {

    private final byte[] digest;
    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
        this.digest = sha256(value);
    }

    /** Returns whether {@code candidate} equals this secret, in time that does not depend on where they differ. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(candidate));
    }

    /** Returns the secret itself; call only where it is sent, never where it could be logged. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "[hidden]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
