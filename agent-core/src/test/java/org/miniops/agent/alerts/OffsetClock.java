package org.miniops.agent.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** UTC clock that runs with real time but can be moved ahead, to age alerts without waiting. */
final class OffsetClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** Moves this clock {@code amount} into the future. */
    void advance(Duration amount) {
        offset = offset.plus(amount);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the delivery service only reads instants");
    }
}
