package dev.ttskit.internal.routing;

import dev.ttskit.AttemptOutcome;
import dev.ttskit.AttemptPolicy;
import dev.ttskit.ErrorCategory;
import dev.ttskit.CancelledException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RateLimitException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.Sleeper;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.internal.Listeners;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Calls one provider inside its breaker and bulkhead, within the attempt limits, retrying retryable
 * failures with full-jitter backoff. The only retry layer in ttskit.
 *
 * <p>Every provider call runs on a worker thread while the caller waits no longer than the attempt
 * may take, so the limits hold also for providers that ignore their {@link CallContext}: when the
 * wait ends first, the call is cancelled, counted as a TIMEOUT naming the provider, and whatever it
 * returns later is released, never delivered.
 *
 * <p>resilience4j's {@link Retry} decides whether and after how long to retry (its
 * {@link IntervalBiFunction} honours Retry-After up to the cap, its exception predicate goes by
 * category) through a {@link Retry.AsyncContext}, which returns the delay instead of sleeping; the
 * wait itself goes through the injected, cancellable {@link Sleeper}, and the retry budget and the
 * candidate's share of the deadline can still refuse a retry it allowed.
 */
final class ResilientCaller {
    private static final Logger log = LoggerFactory.getLogger(ResilientCaller.class);
    /** How often a waiting caller looks at a clock other than the system's, which cannot wake it. */
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Listeners listeners;
    private final Executor executor;
    private final Random random;
    private final RetryConfig retryConfig;
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();
    private final Map<FlightKey, Flight<?>> flights = new ConcurrentHashMap<>();
    private final AttemptWatchdog watchdog;

    /**
     * @param executor runs provider calls, except those of providers that declare
     *                 {@link dev.ttskit.spi.ProviderCapabilities#honoursDeadline()}, which run on their caller's thread
     * @param watchdog ends the calls that run on their caller's thread when their time is up
     */
    ResilientCaller(RetryPolicy policy, Sleeper sleeper, Listeners listeners, Executor executor, AttemptWatchdog watchdog) {
        this.watchdog = watchdog;
        this.policy = policy;
        this.sleeper = sleeper;
        this.listeners = listeners;
        this.executor = executor;
        this.random = policy.jitterSeed().isPresent() ? new Random(policy.jitterSeed().getAsLong()) : new Random();
        this.retryConfig = RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .retryOnException(ResilientCaller::retriedByCategory)
                .intervalBiFunction((IntervalBiFunction<Object>) (tries, outcome) ->
                        outcome.isLeft() ? intervalMillis(tries, outcome.getLeft()) : -1L)
                .failAfterMaxAttempts(false)
                .writableStackTraceEnabled(false)
                .build();
    }

    /** A failure the same provider may be asked again for: by category (or narrowed by the adapter). */
    private static boolean retriedByCategory(Throwable t) {
        return t instanceof TtsException e && e.retryable() && !(e instanceof BreakerOpenException) && !(e instanceof CancelledException);
    }

    /**
     * The wait before retry {@code tries} (1 = after the first failure) in milliseconds, or -1 when
     * the provider asked for a longer wait than {@link RetryPolicy#maxRetryAfter()} allows.
     */
    private long intervalMillis(int tries, Throwable failure) {
        Optional<Duration> retryAfter = failure instanceof TtsException e ? e.retryAfter() : Optional.empty();
        if (retryAfter.isPresent()) {
            if (retryAfter.get().compareTo(policy.maxRetryAfter()) > 0) return -1;
            return retryAfter.get().toMillis();
        }
        return backoff(tries).toMillis();
    }

    /**
     * Calls {@code candidate} until it succeeds, fails in a way that is not retried, runs out of
     * attempts or budget, or would pass {@code until} (its share of the deadline). Every failure is
     * recorded on {@code state}.
     *
     * @param until     when this candidate's time ends: the request's deadline less the reserve for
     *                  the candidates after it
     * @param streaming whether the attempt opens a stream (the first-byte limit then applies)
     * @param shareKey  identical requests' key: a call already in flight under it is joined instead
     *                  of made again; null for calls that are never shared (streams)
     */
    <T> T call(ProviderLane lane, Candidate candidate, RequestState state, Attempt<T> attempt, Instant until, boolean streaming,
               @Nullable Object shareKey) {
        lane.budget().earn();
        Retry.AsyncContext<Object> retry = retries.computeIfAbsent(lane.id(), id -> Retry.of(id, retryConfig)).asyncContext();
        for (int tries = 1; ; tries++) {
            // Not a provider failure, so not recorded: the request ran out of time or was cancelled.
            state.checkActive();
            try {
                T out = once(lane, candidate, state, attempt, until, streaming, shareKey);
                retry.onComplete();
                return out;
            } catch (BreakerOpenException e) {
                state.failed(e);
                throw e;
            } catch (TtsException e) {
                if (!(e instanceof CancelledException)) state.failed(e);
                long millis = retry.onError(e);
                Duration delay = millis < 0 ? null : admit(lane, e, Duration.ofMillis(millis), state.ctx(), until);
                if (delay == null) throw e;
                int failedTry = tries;
                log.debug("retrying {} in {} ms after {} (try {})", lane.id(), delay.toMillis(), e.category(), failedTry);
                if (listeners.any()) listeners.fire(l -> l.onRetry(lane.id(), failedTry, delay, e));
                pause(delay, state.ctx(), lane.id());
            }
        }
    }

    /** The delay resilience4j chose, or null when the deadline, cancellation or retry budget refuse the retry. */
    private @Nullable Duration admit(ProviderLane lane, TtsException e, Duration delay, CallContext ctx, Instant until) {
        if (ctx.cancellation().isCancelled() || ctx.expired()) return null;
        // A retry must also leave time for the call itself, within this candidate's share.
        if (delay.compareTo(Duration.between(ctx.clock().instant(), until)) >= 0) return null;
        // Waiting for a free slot on the account is queueing, not a sign of an outage: no budget spent.
        boolean queueing = e instanceof RateLimitException r && r.concurrencyLimit();
        if (!queueing && !lane.budget().trySpend()) {
            log.debug("retry budget of {} is spent; failing over", lane.id());
            return null;
        }
        return delay;
    }

    private <T> T once(ProviderLane lane, Candidate candidate, RequestState state, Attempt<T> attempt, Instant until,
                       boolean streaming, @Nullable Object shareKey) {
        CallContext ctx = state.ctx();
        AttemptPolicy limits = lane.attempts();
        Clock clock = ctx.clock();
        Instant now = clock.instant();
        boolean firstByte = streaming && candidate.provider().capabilities().streaming();
        Duration cap = firstByte && limits.firstByteTimeout().compareTo(limits.attemptTimeout()) < 0
                ? limits.firstByteTimeout() : limits.attemptTimeout();
        Instant capEnd = now.plus(cap);
        Instant end = capEnd.isBefore(until) ? capEnd : until;
        Supplier<String> overrun = () -> end.equals(capEnd)
                ? (firstByte ? "no first byte within " : "no answer within ") + Durations.text(cap)
                : end.equals(ctx.deadline()) ? "no answer before the request deadline"
                : "no answer within its share of the deadline (" + Durations.text(Duration.between(now, end)) + "), kept for the next provider";

        FlightKey key = shareKey == null ? null : new FlightKey(shareKey, lane.id());
        while (true) {
            Flight<T> flight = new Flight<>();
            if (key != null) {
                Flight<T> shared = joinOrRegister(key, flight);
                if (shared != flight) {
                    state.nextAttempt(lane.id());
                    if (listeners.any()) listeners.fire(l -> l.onSharedCall(lane.id()));
                    try {
                        return await(shared, lane, ctx, end, overrun);
                    } catch (SharedCallLost e) {
                        continue;   // its owner left a call only it could run: join or make another
                    }
                }
                flight.result.whenComplete((v, e) -> flights.remove(key, flight));
            }
            return start(flight, lane, candidate, state, attempt, end, overrun, firstByte);
        }
    }

    /** Makes the call {@code flight} stands for and waits for it (or makes it here, see {@link #callHere}). */
    private <T> T start(Flight<T> flight, ProviderLane lane, Candidate candidate, RequestState state, Attempt<T> attempt, Instant end,
                        Supplier<String> overrun, boolean firstByte) {
        CallContext ctx = state.ctx();
        CallLease lease;
        try {
            lease = lane.open(ctx, end);
        } catch (RuntimeException e) {
            flight.result.completeExceptionally(e);
            throw e;
        }
        CancellationToken callToken = new CancellationToken();
        flight.started(lease, callToken);
        boolean here = candidate.provider().capabilities().honoursDeadline();
        if (here) {
            // The caller is inside the call: its cancellation ends its part in it at once.
            lease.link(callToken, ctx.cancellation().onCancel(() -> ownerLeaves(flight, lane,
                    CancelledException.builder("request was cancelled").provider(lane.id()).build())));
        } else {
            // The call stops when the request that started it is cancelled, unless others wait for it.
            lease.link(callToken, ctx.cancellation().onCancel(() -> {
                if (flight.waiters() <= 1) callToken.cancel();
            }));
        }
        int number = state.nextAttempt(lane.id());
        if (listeners.any()) {
            listeners.fire(l -> l.onAttempt(lane.id(), number));
            long started = System.nanoTime();
            flight.result.whenComplete((v, e) -> {
                Optional<ErrorCategory> failure = e == null ? Optional.empty()
                        : Optional.of(e instanceof TtsException t ? t.category() : ErrorCategory.UNAVAILABLE);
                AttemptOutcome outcome = new AttemptOutcome(lane.id(), number, Duration.ofNanos(System.nanoTime() - started), failure);
                listeners.fire(l -> l.onAttemptFinished(outcome));
            });
        }
        CallContext attemptCtx = ctx.withCancellation(callToken).withEarlierDeadline(end).forAttempt(number)
                .withConcurrencyReports(lane::advertised);
        // A stream's bytes are watched here (first chunk, idle reads); a whole file's only the adapter can see.
        AttemptPolicy limits = lane.attempts();
        CallContext callCtx = firstByte ? attemptCtx : attemptCtx.withByteLimits(limits.firstByteTimeout(), limits.idleTimeout());
        if (here) return callHere(flight, lane, candidate, callCtx, lease, attempt, end, overrun);
        try {
            executor.execute(() -> run(lane, candidate, callCtx, lease, attempt, flight.result));
        } catch (RejectedExecutionException e) {
            lease.release();
            TtsException closed = CancelledException.builder("client is closed").provider(lane.id()).cause(e).build();
            flight.result.completeExceptionally(closed);
            throw closed;
        }
        return await(flight, lane, ctx, end, overrun);
    }

    /**
     * Runs the call on the caller's thread, for a provider that ends its calls at their deadline and
     * cancellation by itself: no hand-over to a worker and back. What the caller sees is what waiting
     * on a worker would give it: at the attempt's end (noticed by the watchdog, or on return) it gets
     * the TIMEOUT naming the provider and an answer that came too late is released; cancelled or
     * interrupted, it gets CANCELLED and the failure that caused counts against nobody. Others
     * sharing the call get its result, or, when the owner was cancelled, make their own call.
     */
    private <T> T callHere(Flight<T> flight, ProviderLane lane, Candidate candidate, CallContext callCtx, CallLease lease,
                           Attempt<T> attempt, Instant end, Supplier<String> overrun) {
        CompletableFuture<T> result = flight.result;
        T out = null;
        Throwable failure = null;
        AttemptWatchdog.Watch watch;
        try {
            watch = watchdog.watch(end, () -> ownerLeaves(flight, lane, timeout(lane, overrun)));
        } catch (RejectedExecutionException | IllegalStateException e) {
            lease.release();
            TtsException closed = CancelledException.builder("client is closed").provider(lane.id()).cause(e).build();
            result.completeExceptionally(closed);
            throw closed;
        }
        try {
            out = attempt.call(candidate, callCtx, lease);
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            watch.close();
        }
        if (flight.ownerGone() == null) {
            if (!callCtx.clock().instant().isBefore(end)) {
                ownerLeaves(flight, lane, timeout(lane, overrun));
            } else if (failure != null && Thread.currentThread().isInterrupted()) {
                ownerLeaves(flight, lane, CancelledException.builder("interrupted while waiting for the provider").provider(lane.id())
                        .cause(failure).build());
            }
        }
        TtsException gone = flight.ownerGone();
        TtsException typed = settle(lane, lease, result, out, failure);
        if (gone != null) throw gone;
        if (typed != null) throw typed;
        // Cancelled while settling: its leaving completed the flight first, and the answer was released.
        if (result.isCompletedExceptionally()) throw Objects.requireNonNull(flight.ownerGone(), "the owner left the flight");
        return Objects.requireNonNull(out, "attempt result");
    }

    private static TtsTimeoutException timeout(ProviderLane lane, Supplier<String> overrun) {
        return TtsTimeoutException.builder(overrun.get()).provider(lane.id()).build();
    }

    /**
     * The owner of a call running on its thread stops waiting for it. As the last waiter it abandons
     * the call, as a waiting caller would; when others wait and the owner was cancelled, the call ends
     * too, and they start their own (they cannot keep a call that runs on the owner's thread); when
     * its time is up, the call (whose deadline is the owner's) goes on to its end for them.
     */
    private static void ownerLeaves(Flight<?> flight, ProviderLane lane, TtsException reason) {
        if (!flight.ownerLeaves(reason)) return;
        if (flight.leave()) {
            if (flight.result.completeExceptionally(reason)) abandon(lane, flight, reason);
        } else if (reason instanceof CancelledException && flight.result.completeExceptionally(SharedCallLost.INSTANCE)) {
            abandon(lane, flight, reason);
        }
    }

    /** A shared call ended because its owner, on whose thread it ran, left it: its other waiters make their own. */
    private static final class SharedCallLost extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final SharedCallLost INSTANCE = new SharedCallLost();

        private SharedCallLost() {
            super("the shared call's owner left it", null, false, false);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> Flight<T> joinOrRegister(FlightKey key, Flight<T> mine) {
        while (true) {
            Flight<?> existing = flights.putIfAbsent(key, mine);
            if (existing == null) return mine;
            if (existing.join()) return (Flight<T>) existing;
            flights.remove(key, existing);   // finished or abandoned: start a new call
        }
    }

    /** Identical requests' key on one provider. */
    private record FlightKey(Object request, String provider) { }

    /** On a worker: the provider call itself. A result nobody waits for any more is released. */
    private static <T> void run(ProviderLane lane, Candidate candidate, CallContext callCtx, CallLease lease, Attempt<T> attempt,
                                CompletableFuture<T> result) {
        T out = null;
        Throwable failure = null;
        try {
            out = attempt.call(candidate, callCtx, lease);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        try {
            settle(lane, lease, result, out, failure);
        } catch (VirtualMachineError e) {
            // already handed to the caller waiting on the result; the worker thread goes on
        } catch (RuntimeException e) {
            // The bookkeeping itself failed: the waiters must still hear of it, not wait out their deadline.
            result.completeExceptionally(ProviderUnavailableException.builder("recording the call's outcome failed: "
                    + e.getClass().getName()).provider(lane.id()).cause(e).build());
        }
    }

    /**
     * Records how a call ended on its lease and completes the flight's result with it; an answer
     * nobody waits for any more is released. A provider's bug (or a native library failing to load)
     * is that provider's outage.
     *
     * @return null when the call succeeded, else the typed failure the flight's waiters got
     * @throws VirtualMachineError when the call failed with one, after handing it to the waiters
     */
    private static <T> @Nullable TtsException settle(ProviderLane lane, CallLease lease, CompletableFuture<T> result, @Nullable T out,
                                                     @Nullable Throwable failure) {
        if (failure == null) {
            if (!lease.kept()) lease.succeed();
            T done = Objects.requireNonNull(out, "attempt result");   // an attempt returns its result or throws
            if (!result.complete(done)) Abandoned.release(done, lane.id());
            return null;
        }
        if (failure instanceof VirtualMachineError e) {
            lease.fail(e);
            result.completeExceptionally(e);
            throw e;
        }
        TtsException typed = failure instanceof TtsException t ? t
                : ProviderUnavailableException.builder("provider failed unexpectedly: " + failure.getClass().getName())
                        .provider(lane.id()).cause(failure).build();
        lease.fail(typed);
        result.completeExceptionally(typed);
        return typed;
    }

    /**
     * Waits for the call until {@code end}. When this caller stops waiting first (its time is up, its
     * request was cancelled or its thread interrupted) it leaves the flight; the last to leave
     * cancels and abandons the call: the lease ends now, and a result arriving later is released by
     * the worker. A caller leaving a call others still wait for does not count against the provider.
     */
    private static <T> T await(Flight<T> flight, ProviderLane lane, CallContext ctx, Instant end, Supplier<String> overrun) {
        CompletableFuture<T> result = flight.result;
        Clock clock = ctx.clock();
        // Under the system clock the caller sleeps until the call ends, its request is cancelled or its
        // time is up, whichever comes first, and nothing else wakes it: hundreds of callers waiting on
        // slow calls cost no CPU. Under another clock (a test's) it looks again every slice.
        CompletableFuture<Void> wake = null;
        CancellationToken.Registration onCancel = null;
        if (FairSlots.isSystemClock(clock) && !result.isDone()) {
            CompletableFuture<Void> w = new CompletableFuture<>();
            result.whenComplete((v, e) -> w.complete(null));
            onCancel = ctx.cancellation().onCancel(() -> w.complete(null));
            wake = w;
        }
        try {
            return awaitLoop(flight, lane, ctx, end, overrun, wake);
        } finally {
            if (onCancel != null) onCancel.close();
        }
    }

    private static <T> T awaitLoop(Flight<T> flight, ProviderLane lane, CallContext ctx, Instant end, Supplier<String> overrun,
                                   @Nullable CompletableFuture<Void> wake) {
        CompletableFuture<T> result = flight.result;
        Clock clock = ctx.clock();
        while (true) {
            TtsException reason = null;
            try {
                long left = Duration.between(clock.instant(), end).toNanos();
                if (ctx.cancellation().isCancelled() && !result.isDone()) {
                    reason = CancelledException.builder("request was cancelled").provider(lane.id()).build();
                } else if (left <= 0 && !result.isDone()) {
                    reason = TtsTimeoutException.builder(overrun.get()).provider(lane.id()).build();
                } else if (wake != null && !result.isDone()) {
                    wake.get(left, TimeUnit.NANOSECONDS);
                    continue;
                } else {
                    return result.get(Math.max(0, Math.min(left, WAIT_SLICE_NANOS)), TimeUnit.NANOSECONDS);
                }
            } catch (TimeoutException e) {
                continue;
            } catch (ExecutionException e) {
                throw unwrap(e.getCause(), lane);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reason = CancelledException.builder("interrupted while waiting for the provider").provider(lane.id()).cause(e).build();
            }
            if (!flight.leave()) throw reason;   // others still wait for the call
            if (result.completeExceptionally(reason)) {
                abandon(lane, flight, reason);
                throw reason;
            }
            // The call finished in the meantime: its outcome stands (read without waiting, so an
            // interrupt still pending on this thread cannot make the loop spin).
            try {
                return result.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw unwrap(e.getCause(), lane);
            }
        }
    }

    private static RuntimeException unwrap(@Nullable Throwable cause, ProviderLane lane) {
        if (cause instanceof TtsException t) return t;
        if (cause instanceof SharedCallLost lost) return lost;
        if (cause instanceof Error err) throw err;
        return ProviderUnavailableException.builder("provider failed unexpectedly: " + (cause == null ? "no cause" : cause.getClass().getName()))
                .provider(lane.id()).cause(cause).build();
    }

    private static void abandon(ProviderLane lane, Flight<?> flight, TtsException reason) {
        CallLease lease = flight.lease();
        if (lease != null) {
            if (reason instanceof CancelledException) lease.release();
            else lease.fail(reason);
        }
        CancellationToken token = flight.callToken();
        try {
            if (token != null) token.cancel();
        } catch (RuntimeException e) {
            log.debug("cancelling the abandoned call to {} failed", lane.id(), e);
        }
        if (reason instanceof TtsTimeoutException) log.debug("{}: {}; call abandoned", lane.id(), reason.getMessage());
    }

    /** Full jitter: uniform between zero and the capped exponential bound. */
    Duration backoff(int tries) {
        long initial = policy.initialBackoff().toNanos();
        long cap = policy.maxBackoff().toNanos();
        long bound = tries >= 40 ? cap : Math.min(cap, initial << Math.min(tries - 1, 30));
        if (bound < 0) bound = cap;
        double fraction;
        synchronized (random) {
            fraction = random.nextDouble();
        }
        return Duration.ofNanos((long) (bound * fraction));
    }

    /** Waits through the sleeper, which returns early when the request is cancelled. */
    private void pause(Duration delay, CallContext ctx, String provider) {
        CancellationToken token = ctx.cancellation();
        try {
            if (!delay.isZero()) sleeper.sleep(delay, token);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CancelledException.builder("interrupted while waiting to retry").provider(provider).cause(e).build();
        }
        if (token.isCancelled()) throw CancelledException.builder("request was cancelled while waiting to retry").provider(provider).build();
    }
}
