package org.miniops.api;

import java.time.Duration;
import java.util.Optional;

/** Signals that a {@link Notifier} could not deliver an alert, and whether trying again can help. */
public final class DeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;
    private final boolean misconfigured;

    private DeliveryException(String message, Duration retryAfter, boolean misconfigured, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.misconfigured = misconfigured;
    }

    /** Creates a temporary failure; the agent retries with its own back-off. */
    public static DeliveryException retryable(String message, Throwable cause) {
        return new DeliveryException(message, null, false, cause);
    }

    /** Creates a temporary failure after which the service asked to wait at least {@code delay}. */
    public static DeliveryException retryAfter(String message, Duration delay) {
        return new DeliveryException(message, delay, false, null);
    }

    /** Creates a permanent failure caused by the notifier's settings; {@code message} says which and how to fix it. */
    public static DeliveryException misconfigured(String message) {
        return new DeliveryException(message, null, true, null);
    }

    /** Delay the service asked for before the next attempt, if it named one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Returns whether the settings are wrong, so retrying cannot help until the operator fixes them. */
    public boolean isMisconfigured() {
        return misconfigured;
    }
}
