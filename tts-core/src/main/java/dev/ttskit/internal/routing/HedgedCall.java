package dev.ttskit.internal.routing;

import dev.ttskit.CancelledException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.internal.Listeners;
import dev.ttskit.spi.CancellationToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A hedged request: the primary runs; if it has not answered after the hedge delay, the hedge
 * starts too. The first good answer wins and the other call is cancelled.
 */
final class HedgedCall<T> {
    private static final Logger log = LoggerFactory.getLogger(HedgedCall.class);
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    /**
     * What happened.
     *
     * @param value         the winning result, or null
     * @param primaryError  the primary's failure when it failed before the hedge started
     * @param hedgeStarted  whether the hedge candidate was called (then it is not tried again)
     */
    record Outcome<T>(@Nullable T value, @Nullable TtsException primaryError, boolean hedgeStarted) { }

    private record Side(boolean hedge, @Nullable Object value, @Nullable TtsException error) { }

    private final ResilientCaller caller;
    private final Executor executor;
    private final Listeners listeners;

    HedgedCall(ResilientCaller caller, Executor executor, Listeners listeners) {
        this.caller = caller;
        this.executor = executor;
        this.listeners = listeners;
    }

    Outcome<T> run(ProviderLane primaryLane, Candidate primary, ProviderLane hedgeLane, Candidate hedge, Duration delay,
                   RequestState state, Attempt<T> attempt) {
        CancellationToken request = state.ctx().cancellation();
        CancellationToken primaryToken = new CancellationToken();
        CancellationToken hedgeToken = new CancellationToken();
        BlockingQueue<Side> done = new LinkedBlockingQueue<>();
        try (CancellationToken.Registration p = request.onCancel(primaryToken::cancel);
             CancellationToken.Registration h = request.onCancel(hedgeToken::cancel)) {
            start(false, primaryLane, primary, state.withCancellation(primaryToken), attempt, done);
            Side first = done.poll(delay.toNanos(), TimeUnit.NANOSECONDS);
            if (first != null) return first.error == null ? new Outcome<>(cast(first.value), null, false)
                    : new Outcome<>(null, first.error, false);
            listeners.fire(l -> l.onHedge(primary.id(), hedge.id()));
            start(true, hedgeLane, hedge, state.withCancellation(hedgeToken), attempt, done);
            for (int finished = 0; finished < 2; finished++) {
                long wait = state.ctx().remaining().toNanos() + GRACE_NANOS;
                Side side = done.poll(wait, TimeUnit.NANOSECONDS);
                if (side == null) {
                    primaryToken.cancel();
                    hedgeToken.cancel();
                    throw TtsTimeoutException.builder("neither the primary nor the hedge answered by the deadline")
                            .provider(primary.id()).build();
                }
                if (side.error == null) {
                    (side.hedge ? primaryToken : hedgeToken).cancel();
                    return new Outcome<>(cast(side.value), null, true);
                }
                if (!side.error.failover()) {
                    primaryToken.cancel();
                    hedgeToken.cancel();
                    throw side.error;
                }
            }
            return new Outcome<>(null, null, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            primaryToken.cancel();
            hedgeToken.cancel();
            throw CancelledException.builder("interrupted while waiting for a hedged call").cause(e).build();
        }
    }

    private void start(boolean isHedge, ProviderLane lane, Candidate candidate, RequestState state, Attempt<T> attempt,
                       BlockingQueue<Side> done) {
        try {
            executor.execute(() -> race(isHedge, lane, candidate, state, attempt, done));
        } catch (RejectedExecutionException e) {
            throw CancelledException.builder("client is closed").provider(lane.id()).cause(e).build();
        }
    }

    private void race(boolean isHedge, ProviderLane lane, Candidate candidate, RequestState state, Attempt<T> attempt,
                      BlockingQueue<Side> done) {
        {
            Side side;
            try {
                side = new Side(isHedge, caller.call(lane, candidate, state, attempt, state.ctx().deadline(), false, null), null);
            } catch (TtsException e) {
                side = new Side(isHedge, null, e);
            } catch (Throwable t) {
                side = new Side(isHedge, null, ProviderUnavailableException.builder("hedged call failed: " + t.getClass().getName())
                        .provider(lane.id()).cause(t).build());
            }
            if (side.error != null && side.error.failover()) {
                log.warn("{} call to {} failed with {} (provider request id {})", isHedge ? "hedged" : "primary", lane.id(),
                        side.error.category(), side.error.requestId().orElse("-"));
            }
            done.add(side);
        }
    }

    @SuppressWarnings("unchecked")
    private @Nullable T cast(@Nullable Object value) {
        return (T) value;
    }
}
