package org.miniops.agent.http;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One rate-limit bucket per client key, with a cap on the number of clients and expiry of idle ones.
 *
 * <p>Memory stays bounded under a flood from many addresses: past {@code maxClients}, the client
 * seen least recently is forgotten. Forgetting only ever resets one client's own budget, so a flood
 * cannot lock out another client. Thread-safe; the lock covers only map operations.
 *
 * <p>NOTE: an attacker who controls more than {@code maxClients} addresses can reset its own
 * buckets by cycling through them. Against a token of 32 or more random characters this still
 * leaves guessing hopeless; the cap exists to bound memory.
 */
final class ClientBuckets {

    private final Supplier<Bucket> bucketFactory;
    private final int maxClients;
    private final long idleNanos;
    private final Object lock = new Object();

    // Guarded by lock; access order, so the eldest entry is the least recently used.
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);

    ClientBuckets(Supplier<Bucket> bucketFactory, int maxClients, Duration idleExpiry) {
        this.bucketFactory = bucketFactory;
        this.maxClients = maxClients;
        this.idleNanos = idleExpiry.toNanos();
    }

    /** Returns the bucket of {@code client}, creating it if the client is new or expired. */
    Bucket bucketFor(String client) {
        long now = System.nanoTime();
        synchronized (lock) {
            Entry entry = entries.get(client);
            if (entry == null || now - entry.lastSeen > idleNanos) {
                entry = new Entry(bucketFactory.get(), now);
                entries.put(client, entry);
                trim(now);
            }
            entry.lastSeen = now;
            return entry.bucket;
        }
    }

    /** Returns how many clients are tracked now. */
    int size() {
        synchronized (lock) {
            return entries.size();
        }
    }

    private void trim(long now) {
        Iterator<Map.Entry<String, Entry>> eldestFirst = entries.entrySet().iterator();
        while (eldestFirst.hasNext()) {
            Entry eldest = eldestFirst.next().getValue();
            boolean overCap = entries.size() > maxClients;
            boolean idle = now - eldest.lastSeen > idleNanos;
            if (!overCap && !idle) {
                return;
            }
            eldestFirst.remove();
        }
    }

    private static final class Entry {
        final Bucket bucket;
        long lastSeen;

        Entry(Bucket bucket, long lastSeen) {
            this.bucket = bucket;
            this.lastSeen = lastSeen;
        }
    }
}
