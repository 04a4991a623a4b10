package org.miniops.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ClientBucketsTest {

    private static final Supplier<Bucket> FIVE_A_MINUTE = () -> Bucket.builder()
            .addLimit(limit -> limit.capacity(5).refillIntervally(5, Duration.ofMinutes(1)))
            .build();

    @Test
    void sizeStaysAtCapUnder50000Keys() {
        ClientBuckets buckets = new ClientBuckets(FIVE_A_MINUTE, RateLimits.MAX_CLIENTS, Duration.ofMinutes(2));

        int maxSeen = 0;
        for (int i = 0; i < 50_000; i++) {
            buckets.bucketFor(address(i));
            maxSeen = Math.max(maxSeen, buckets.size());
        }

        assertThat(maxSeen).isEqualTo(RateLimits.MAX_CLIENTS);
        assertThat(buckets.size()).isEqualTo(RateLimits.MAX_CLIENTS);
    }

    @Test
    void keyFloodDoesNotSpendAnotherKeysTokens() {
        ClientBuckets buckets = new ClientBuckets(FIVE_A_MINUTE, 1_000, Duration.ofMinutes(2));
        String operator = "192.0.2.10";
        buckets.bucketFor(operator).tryConsume(2);

        for (int i = 0; i < 50_000; i++) {
            buckets.bucketFor(address(i)).tryConsume(1);
            if (i % 100 == 0) {
                // The operator's dashboard keeps polling during the flood.
                buckets.bucketFor(operator);
            }
        }

        assertThat(buckets.bucketFor(operator).getAvailableTokens()).isEqualTo(3);
    }

    @Test
    void keyFloodCannotLockOutIdleKey() {
        ClientBuckets buckets = new ClientBuckets(FIVE_A_MINUTE, 1_000, Duration.ofMinutes(2));
        String operator = "192.0.2.10";
        buckets.bucketFor(operator).tryConsume(2);

        for (int i = 0; i < 50_000; i++) {
            buckets.bucketFor(address(i)).tryConsume(5);
        }

        // Evicted or not, the operator keeps at least the budget it had before the flood.
        assertThat(buckets.bucketFor(operator).getAvailableTokens()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void sameKeyGetsSameBucket() {
        ClientBuckets buckets = new ClientBuckets(FIVE_A_MINUTE, 10, Duration.ofMinutes(2));

        buckets.bucketFor("192.0.2.10").tryConsume(5);

        assertThat(buckets.bucketFor("192.0.2.10").getAvailableTokens()).isZero();
        assertThat(buckets.bucketFor("192.0.2.11").getAvailableTokens()).isEqualTo(5);
    }

    @Test
    void leastRecentlySeenKeyIsForgottenFirst() {
        ClientBuckets buckets = new ClientBuckets(FIVE_A_MINUTE, 2, Duration.ofMinutes(2));
        buckets.bucketFor("192.0.2.1").tryConsume(5);
        buckets.bucketFor("192.0.2.2").tryConsume(5);
        buckets.bucketFor("192.0.2.1");

        buckets.bucketFor("192.0.2.3");

        assertThat(buckets.bucketFor("192.0.2.1").getAvailableTokens()).isZero();
    }

    @Test
    void idleKeysAreForgotten() throws InterruptedException {
        ClientBuckets buckets = new ClientBuckets(FIVE_A_MINUTE, 1_000, Duration.ofMillis(50));
        for (int i = 0; i < 100; i++) {
            buckets.bucketFor(address(i));
        }
        Thread.sleep(100);

        buckets.bucketFor("192.0.2.10");

        assertThat(buckets.size()).isEqualTo(1);
    }

    @Test
    void rateLimitsStayBoundedUnder50000Clients() {
        RateLimits limits = new RateLimits();
        for (int i = 0; i < 50_000; i++) {
            limits.recordFailedAuthentication(address(i));
        }
        String operator = "192.0.2.10";

        assertThat(limits.authenticationBlocked(operator)).isEmpty();
        assertThat(limits.recordFailedAuthentication(operator)).isEmpty();
    }

    /** Returns a distinct documentation-range IPv6 key for {@code i}. */
    private static String address(int i) {
        return "2001:db8:" + Integer.toHexString(i >>> 16) + ":" + Integer.toHexString(i & 0xffff) + "::/64";
    }
}
