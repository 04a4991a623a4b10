package org.miniops.agent.alerts;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition that a background thread makes true, for tests of asynchronous work. */
public final class Eventually {

    private Eventually() {
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @throws AssertionError when it still does not hold after {@code timeout}
     */
    public static void until(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition still false after " + timeout.toMillis() + " ms");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }
}
