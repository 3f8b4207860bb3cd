package dev.ttskit.internal.routing;

import dev.ttskit.spi.CancellationToken;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One provider call's breaker permit and bulkhead slot. Exactly one of {@link #succeed},
 * {@link #fail} and {@link #release} takes effect, so a permit is never lost (a half-open breaker
 * never wedges) and never returned twice.
 */
final class CallLease {
    private final ProviderLane lane;
    private final long startNanos;
    private final long window;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean kept;
    private volatile long latencyNanos = -1;
    private volatile @Nullable CancellationToken token;
    private volatile CancellationToken.@Nullable Registration link;

    /** @param window the concurrency limit's window the call started in (see {@link ConcurrencyLimit#rejected}) */
    CallLease(ProviderLane lane, long startNanos, long window) {
        this.lane = lane;
        this.startNanos = startNanos;
        this.window = window;
    }

    /** The call's own cancellation, linked to the request's until the call ends. */
    void link(CancellationToken callToken, CancellationToken.Registration requestLink) {
        this.token = callToken;
        this.link = requestLink;
    }

    /**
     * Keeps the lease open after the attempt returns: a stream ends it when it ends. The latency
     * recorded for the provider is the time to this point (its first chunk), not the stream's length.
     */
    void keep() {
        latencyNanos = System.nanoTime() - startNanos;
        kept = true;
    }

    boolean kept() {
        return kept;
    }

    /** Stops the provider call (a closed stream, a lost hedge). */
    void cancelCall() {
        CancellationToken t = token;
        if (t != null) t.cancel();
    }

    void succeed() {
        if (ended.compareAndSet(false, true)) {
            unlink();
            lane.succeeded(latencyNanos >= 0 ? latencyNanos : System.nanoTime() - startNanos);
        }
    }

    void fail(Throwable failure) {
        if (ended.compareAndSet(false, true)) {
            unlink();
            lane.failed(failure, System.nanoTime() - startNanos, window);
        }
    }

    void release() {
        if (ended.compareAndSet(false, true)) {
            unlink();
            lane.released();
        }
    }

    private void unlink() {
        CancellationToken.Registration l = link;
        if (l != null) l.close();
    }

    boolean ended() {
        return ended.get();
    }
}
