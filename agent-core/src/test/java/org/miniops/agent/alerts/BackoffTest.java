package org.miniops.agent.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(10_000));

    @Test
    void firstDelayIsInitialWithinJitter() {
        for (int i = 0; i < 200; i++) {
            assertThat(BACKOFF.delayAfter(1).toMillis()).isBetween(800L, 1200L);
        }
    }

    @Test
    void delayDoublesPerFailure() {
        for (int i = 0; i < 200; i++) {
            assertThat(BACKOFF.delayAfter(2).toMillis()).isBetween(1600L, 2400L);
            assertThat(BACKOFF.delayAfter(3).toMillis()).isBetween(3200L, 4800L);
            assertThat(BACKOFF.delayAfter(4).toMillis()).isBetween(6400L, 9600L);
        }
    }

    @Test
    void delayNeverExceedsMax() {
        for (int failures = 1; failures <= 100; failures++) {
            assertThat(BACKOFF.delayAfter(failures).toMillis()).as("after %d failures", failures).isLessThanOrEqualTo(10_000L);
        }
    }

    @Test
    void cappedDelayKeepsDownwardJitter() {
        // Jitter below the cap still spreads agents that all reached it.
        for (int i = 0; i < 200; i++) {
            assertThat(BACKOFF.delayAfter(50).toMillis()).isBetween(8000L, 10_000L);
        }
    }

    @Test
    void hugeFailureCountDoesNotOverflow() {
        assertThat(BACKOFF.delayAfter(Integer.MAX_VALUE)).isPositive();
        assertThat(Backoff.DEFAULT.delayAfter(Integer.MAX_VALUE)).isLessThanOrEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void zeroFailuresCountsAsFirst() {
        assertThat(BACKOFF.delayAfter(0).toMillis()).isBetween(800L, 1200L);
    }
}
