package dev.ttskit.internal;

import dev.ttskit.spi.CompletionBus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * The default {@link CompletionBus}: waiting futures by prediction id, early terminal events kept for
 * a while (bounded), and the ids already finished remembered (bounded) so that duplicates and late,
 * out-of-order deliveries are ignored.
 */
public final class InMemoryCompletionBus implements CompletionBus {
    private final Clock clock;
    private final Duration keepEarly;
    private final int maxEarly;
    private final int maxFinished;

    private final Map<String, CompletableFuture<byte[]>> waiting = new HashMap<>();
    private final LinkedHashMap<String, Early> early = new LinkedHashMap<>();
    private final LinkedHashMap<String, Instant> finished = new LinkedHashMap<>();
    private boolean closed;

    public InMemoryCompletionBus(Clock clock, Duration keepEarly, int maxEarly, int maxFinished) {
        this.clock = clock;
        this.keepEarly = keepEarly;
        this.maxEarly = maxEarly;
        this.maxFinished = maxFinished;
    }

    private record Early(byte[] json, Instant expires) {
    }

    @Override
    public synchronized CompletableFuture<byte[]> await(String jobId) {
        if (closed) return CompletableFuture.failedFuture(new CancellationException("completion bus is closed"));
        expire();
        Early e = early.remove(jobId);
        if (e != null) return CompletableFuture.completedFuture(e.json());
        return waiting.computeIfAbsent(jobId, id -> new CompletableFuture<>());
    }

    @Override
    public boolean publish(String jobId, byte[] body) {
        CompletableFuture<byte[]> waiter;
        synchronized (this) {
            if (closed) return false;
            expire();
            if (finished.containsKey(jobId)) return false;
            remember(jobId);
            waiter = waiting.remove(jobId);
            if (waiter == null) {
                early.put(jobId, new Early(body.clone(), clock.instant().plus(keepEarly)));
                trim(early, maxEarly);
                return true;
            }
        }
        // Completed outside the lock: the waiting thread may run dependent stages.
        waiter.complete(body.clone());
        return true;
    }

    @Override
    public synchronized boolean finished(String jobId) {
        return finished.containsKey(jobId);
    }

    @Override
    public synchronized void forget(String jobId) {
        CompletableFuture<byte[]> waiter = waiting.remove(jobId);
        early.remove(jobId);
        if (!finished.containsKey(jobId)) remember(jobId);
        if (waiter != null) waiter.cancel(false);
    }

    /** Calls waiting right now (for tests and statistics). */
    public synchronized int waitingCount() {
        return waiting.size();
    }

    /** Early events held right now. */
    public synchronized int earlyCount() {
        expire();
        return early.size();
    }

    @Override
    public void close() {
        List<CompletableFuture<byte[]>> toFail;
        synchronized (this) {
            if (closed) return;
            closed = true;
            toFail = new ArrayList<>(waiting.values());
            waiting.clear();
            early.clear();
            finished.clear();
        }
        for (CompletableFuture<byte[]> f : toFail) f.completeExceptionally(new CancellationException("completion bus closed"));
    }

    private void remember(String jobId) {
        finished.put(jobId, clock.instant());
        trim(finished, maxFinished);
    }

    private void expire() {
        Instant now = clock.instant();
        Iterator<Early> it = early.values().iterator();
        while (it.hasNext()) {
            if (it.next().expires().isAfter(now)) break;
            it.remove();
        }
    }

    private static void trim(LinkedHashMap<String, ?> map, int max) {
        Iterator<String> it = map.keySet().iterator();
        while (map.size() > max && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    @Override
    public synchronized String toString() {
        return "InMemoryCompletionBus[waiting=" + waiting.size() + ", early=" + early.size() + "]";
    }
}
