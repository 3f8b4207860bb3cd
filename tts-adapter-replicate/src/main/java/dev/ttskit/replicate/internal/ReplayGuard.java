package dev.ttskit.replicate.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers processed {@code webhook-id}s for a while (at least twice the timestamp tolerance), so
 * a retried or duplicated delivery is acknowledged without being processed again. Bounded: the
 * oldest ids go first when full.
 */
public final class ReplayGuard {
    private final Clock clock;
    private final Duration ttl;
    private final int capacity;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    public ReplayGuard(Clock clock, Duration ttl, int capacity) {
        this.clock = clock;
        this.ttl = ttl;
        this.capacity = capacity;
    }

    /** Whether the id was recorded as processed and has not expired yet. */
    public synchronized boolean seen(String webhookId) {
        expire(clock.instant());
        return seen.containsKey(webhookId);
    }

    /**
     * Records the id as processed. Call it only once the delivery was processed: an id recorded
     * before would make a retry of a delivery that failed look like a replay and be dropped.
     */
    public synchronized void record(String webhookId) {
        Instant now = clock.instant();
        expire(now);
        if (seen.containsKey(webhookId)) return;
        seen.put(webhookId, now.plus(ttl));
        while (seen.size() > capacity) {
            Iterator<String> eldest = seen.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    public synchronized int size() {
        return seen.size();
    }

    private void expire(Instant now) {
        Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().isAfter(now)) break;   // insertion order is expiry order
            it.remove();
        }
    }
}
