package org.miniops.agent.alerts;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter for alert delivery.
 *
 * @param initial delay after the first failure
 * @param max cap on any delay
 */
public record Backoff(Duration initial, Duration max) {

    /** Production values: 2 s, doubling, at most 5 minutes. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5));

    /**
     * Returns the delay after {@code failures} failed attempts (1 for the first), doubled per
     * failure, capped, then spread by ±20% so that many agents do not retry in step.
     */
    public Duration delayAfter(int failures) {
        int exponent = Math.min(Math.max(failures - 1, 0), 30);
        long millis = Math.min(initial.toMillis() << exponent, max.toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.min((long) (millis * jitter), max.toMillis()));
    }
}
