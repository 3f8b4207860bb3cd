package dev.ttskit.internal.routing;

import dev.ttskit.TtsException;
import dev.ttskit.spi.CancellationToken;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One provider call and the callers waiting for it: usually one, several when identical requests
 * share the call (single flight). Each waiter keeps its own deadline and cancellation; the call is
 * abandoned only when its last waiter leaves before it finished.
 */
final class Flight<T> {
    final CompletableFuture<T> result = new CompletableFuture<>();
    private int waiters = 1;
    private boolean closed;
    private volatile @Nullable CallLease lease;
    private volatile @Nullable CancellationToken callToken;
    private @Nullable TtsException ownerGone;

    void started(CallLease lease, CancellationToken callToken) {
        this.lease = lease;
        this.callToken = callToken;
    }

    @Nullable CallLease lease() {
        return lease;
    }

    @Nullable CancellationToken callToken() {
        return callToken;
    }

    /** Joins as another waiter; false when the flight can no longer be joined (finished or abandoned). */
    synchronized boolean join() {
        if (closed || result.isDone()) return false;
        waiters++;
        return true;
    }

    /** Leaves before the result; true when this was the last waiter, who then abandons the call. */
    synchronized boolean leave() {
        waiters--;
        if (waiters > 0) return false;
        closed = true;
        return true;
    }

    /**
     * For a call running on its owner's thread: the owner stops waiting (its time is up, it was
     * cancelled) while the call goes on. False when it had left already or the call is done; the
     * first reason is the one the owner throws once the provider returns.
     */
    synchronized boolean ownerLeaves(TtsException reason) {
        if (ownerGone != null || result.isDone()) return false;
        ownerGone = reason;
        return true;
    }

    /** Why the owner stopped waiting, or null while it waits. */
    synchronized @Nullable TtsException ownerGone() {
        return ownerGone;
    }

    synchronized int waiters() {
        return waiters;
    }
}
