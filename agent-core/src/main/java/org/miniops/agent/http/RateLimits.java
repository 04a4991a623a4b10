package org.miniops.agent.http;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * Per-client request budgets of the API, one kind of budget per risk.
 *
 * <ul>
 *   <li>Authentication: 5 failed attempts a minute. A token of 32 random characters cannot be
 *       guessed at that rate, and an operator who mistypes still gets in within a minute.</li>
 *   <li>Sensitive actions (an on-demand audit, later test alerts and trusted-network changes):
 *       3 a minute, since each one runs commands on the host or sends messages.</li>
 *   <li>Everything else: 120 a minute, enough for a dashboard that polls every few seconds.</li>
 * </ul>
 *
 * Thread-safe.
 */
public final class RateLimits {

    /** Clients tracked per kind of budget; about 1 KiB each, so the cap bounds memory to a few MiB. */
    static final int MAX_CLIENTS = 10_000;

    private final ClientBuckets authentication;
    private final ClientBuckets sensitive;
    private final ClientBuckets general;
    private final ClientBuckets hook;

    public RateLimits() {
        this(5, 3, 120, Duration.ofMinutes(1));
    }

    RateLimits(int authPerWindow, int sensitivePerWindow, int generalPerWindow, Duration window) {
        // Idle clients are forgotten after two windows, by when their bucket has refilled anyway.
        Duration idle = window.multipliedBy(2);
        this.authentication = new ClientBuckets(() -> intervalBucket(authPerWindow, window), MAX_CLIENTS, idle);
        this.sensitive = new ClientBuckets(() -> intervalBucket(sensitivePerWindow, window), MAX_CLIENTS, idle);
        this.general = new ClientBuckets(() -> greedyBucket(generalPerWindow, window), MAX_CLIENTS, idle);
        // The PAM hook reports each login once; 60 a minute covers a burst of logins with room to spare.
        this.hook = new ClientBuckets(() -> greedyBucket(60, window), MAX_CLIENTS, idle);
    }

    /**
     * Returns how long {@code client} must wait before authenticating again, or empty when it may
     * try now. Does not use up an attempt.
     */
    public Optional<Duration> authenticationBlocked(String client) {
        Bucket bucket = authentication.bucketFor(client);
        if (bucket.getAvailableTokens() > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
    }

    /** Records a failed authentication of {@code client}; returns the wait if this used up its last attempt or more. */
    public Optional<Duration> recordFailedAuthentication(String client) {
        return consume(authentication, client);
    }

    /** Uses one sensitive action of {@code client}; returns the wait if none is left. */
    public Optional<Duration> trySensitive(String client) {
        return consume(sensitive, client);
    }

    /**
     * Uses one sensitive action of kind {@code action} (such as {@code audit-run}) of
     * {@code client}; each kind has its own budget, so test alerts do not use up audit runs.
     */
    public Optional<Duration> trySensitive(String action, String client) {
        return consume(sensitive, action + " " + client);
    }

    /** Uses one SSH-login hook request of {@code client}; returns the wait if none is left. */
    public Optional<Duration> tryHook(String client) {
        return consume(hook, client);
    }

    /** Uses one ordinary request of {@code client}; returns the wait if none is left. */
    public Optional<Duration> tryGeneral(String client) {
        return consume(general, client);
    }

    private static Optional<Duration> consume(ClientBuckets buckets, String client) {
        ConsumptionProbe probe = buckets.bucketFor(client).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Creates a bucket that refills all at once: for logins, 5 attempts and then none until the window is over. */
    private static Bucket intervalBucket(int perWindow, Duration window) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perWindow).refillIntervally(perWindow, window))
                .build();
    }

    /** Creates a bucket that refills gradually, so a steady poller never hits the ceiling. */
    private static Bucket greedyBucket(int perWindow, Duration window) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perWindow).refillGreedy(perWindow, window))
                .build();
    }
}
