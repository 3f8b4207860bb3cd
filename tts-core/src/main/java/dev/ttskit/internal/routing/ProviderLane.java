package dev.ttskit.internal.routing;

import dev.ttskit.AttemptPolicy;
import dev.ttskit.BreakerPolicy;
import dev.ttskit.CancelledException;
import dev.ttskit.CircuitState;
import dev.ttskit.ErrorCategory;
import dev.ttskit.ProviderHealth;
import dev.ttskit.RateLimitException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.internal.Listeners;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.TtsProvider;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Everything the router keeps per provider: its circuit breaker, its bulkhead (fair slots under an
 * adaptive limit, see {@link ConcurrencyLimit}), its retry budget, recent latencies and counters for
 * {@link ProviderHealth}.
 */
final class ProviderLane {
    private static final Logger log = LoggerFactory.getLogger(ProviderLane.class);

    private final TtsProvider provider;
    private final CircuitBreaker breaker;
    private final FairSlots slots;
    private final ConcurrencyLimit limit;
    private final RetryBudget budget;
    private final AttemptPolicy attempts;
    private final LatencyWindow latencies = new LatencyWindow(128);
    private final AtomicLong successes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile @Nullable ErrorCategory lastError;
    private final Clock clock;
    private final Duration maxHalfOpenWait;
    private volatile @Nullable Instant halfOpenSince;

    /**
     * @param maxConcurrent the limit of calls in flight: the application's when {@code fixed}, else the
     *                      provider's declared default, which the account's stated maximum replaces
     */
    ProviderLane(TtsProvider provider, BreakerPolicy breakerPolicy, RetryPolicy retryPolicy, AttemptPolicy attempts,
                 int maxConcurrent, boolean fixed, Clock clock, Listeners listeners) {
        this.provider = provider;
        this.attempts = attempts;
        this.clock = clock;
        this.maxHalfOpenWait = breakerPolicy.maxHalfOpenWait();
        this.limit = new ConcurrencyLimit(maxConcurrent, fixed, clock);
        this.slots = new FairSlots(maxConcurrent);
        this.budget = new RetryBudget(retryPolicy.budgetRatio(), retryPolicy.budgetBurst());
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindow(breakerPolicy.windowSize(), breakerPolicy.minimumCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(breakerPolicy.failureRateThreshold())
                .waitDurationInOpenState(breakerPolicy.openDuration())
                // Open -> half-open happens lazily on the next call after the wait. The automatic
                // transition would start resilience4j's JVM-wide timer thread, which outlives
                // TtsClient.close().
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .permittedNumberOfCallsInHalfOpenState(breakerPolicy.halfOpenCalls())
                // Zero: no timer either. A probe cannot wedge HALF_OPEN anyway (every attempt ends
                // within its limits), and open() re-opens a breaker left half-open too long.
                .maxWaitDurationInHalfOpenState(Duration.ZERO)
                // Outcomes are recorded by hand (onError only for failures that count), so every
                // throwable handed to the breaker is a failure.
                .recordException(t -> true)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build();
        this.breaker = CircuitBreaker.of(provider.id(), config);
        String id = provider.id();
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitState from = state(event.getStateTransition().getFromState());
            CircuitState to = state(event.getStateTransition().getToState());
            if (to == CircuitState.HALF_OPEN) halfOpenSince = clock.instant();
            if (to == CircuitState.OPEN) log.warn("circuit breaker of {} opened ({} -> {})", id, from, to);
            else log.info("circuit breaker of {}: {} -> {}", id, from, to);
            listeners.fire(l -> l.onBreakerTransition(id, from, to));
        });
    }

    TtsProvider provider() {
        return provider;
    }

    String id() {
        return provider.id();
    }

    RetryBudget budget() {
        return budget;
    }

    AttemptPolicy attempts() {
        return attempts;
    }

    LatencyWindow latencies() {
        return latencies;
    }

    /**
     * Takes a breaker permit and a bulkhead slot, waiting for the slot no longer than {@code until}
     * (the attempt's end): a caller that cannot get a slot in time moves on to the next candidate.
     *
     * @throws BreakerOpenException when the breaker refuses the call
     * @throws TtsTimeoutException  when no slot freed up in time (not held against the provider)
     * @throws CancelledException   when the request was cancelled while waiting
     */
    CallLease open(CallContext ctx, Instant until) {
        Instant since = halfOpenSince;
        if (since != null && breaker.getState() == CircuitBreaker.State.HALF_OPEN
                && Duration.between(since, clock.instant()).compareTo(maxHalfOpenWait) > 0) {
            log.warn("circuit breaker of {} stayed half-open longer than {}; opening it again", id(), maxHalfOpenWait);
            breaker.transitionToOpenState();
        }
        if (!breaker.tryAcquirePermission()) throw new BreakerOpenException(id(), breaker.getState().name());
        try {
            acquireSlot(ctx, until);
        } catch (RuntimeException e) {
            breaker.releasePermission();
            throw e;
        }
        return new CallLease(this, System.nanoTime(), limit.window());
    }

    /** Waits in line for a slot (see {@link FairSlots}) until {@code until}, the attempt's end. */
    private void acquireSlot(CallContext ctx, Instant until) {
        FairSlots.Outcome outcome;
        try {
            outcome = slots.acquire(ctx.clock(), until, ctx.cancellation());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CancelledException.builder("interrupted while waiting for a free call slot").provider(id()).cause(e).build();
        }
        switch (outcome) {
            case ACQUIRED -> { }
            case CANCELLED -> throw CancelledException.builder("request was cancelled while waiting for a free call slot")
                    .provider(id()).build();
            case TIMED_OUT -> throw TtsTimeoutException.builder("no free call slot (of " + slots.limit() + ", "
                    + slots.waiting() + " still waiting) within the attempt's time").provider(id()).build();
        }
    }

    /**
     * The provider stated the account's limit of calls in flight (see
     * {@link CallContext#reportConcurrencyLimit}); the lane follows it unless the application fixed one.
     */
    void advertised(int maximum) {
        if (limit.advertised(maximum)) resize("the account allows " + maximum);
    }

    /** The limit of calls in flight now. */
    int concurrencyLimit() {
        return limit.limit();
    }

    private void resize(String why) {
        int now;
        // Read and applied under one lock, so two changes racing cannot leave the slots at the older value.
        synchronized (slots) {
            now = limit.limit();
            slots.limit(now);
        }
        log.debug("{} now runs up to {} calls at once ({})", id(), now, why);
    }

    /** A call ended well: recorded as a success, slot and permit returned. */
    void succeeded(long nanos) {
        slots.release();
        if (limit.succeeded()) resize("calls succeed again");
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        latencies.record(nanos);
        successes.incrementAndGet();
    }

    /**
     * A call failed: recorded against the breaker when the failure counts (a validation error, a
     * concurrency-limit 429 or a cancellation does not), otherwise the permit is just given back.
     */
    void failed(Throwable failure, long nanos, long window) {
        slots.release();
        if (failure instanceof RateLimitException r && r.concurrencyLimit() && limit.rejected(window)) {
            resize("the provider refused a call for too many in flight");
        }
        boolean counts = !(failure instanceof TtsException t) || t.countsAgainstBreaker();
        if (counts) breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
        else breaker.releasePermission();
        if (!(failure instanceof CancelledException)) {
            failures.incrementAndGet();
            lastError = failure instanceof TtsException t ? t.category() : ErrorCategory.UNAVAILABLE;
        }
    }

    /** A call ended without a verdict (cancelled, superseded): slot and permit returned, nothing recorded. */
    void released() {
        slots.release();
        breaker.releasePermission();
    }

    /** The latency after which a hedge starts: the observed p95 once enough calls were seen. */
    Optional<Duration> p95() {
        return latencies.size() >= 20 ? Optional.of(latencies.quantile(0.95)) : Optional.empty();
    }

    CircuitState state() {
        return state(breaker.getState());
    }

    ProviderHealth health() {
        return new ProviderHealth(id(), state(), breaker.getMetrics().getFailureRate(), latencies.quantile(0.5),
                latencies.quantile(0.95), successes.get(), failures.get(), Optional.ofNullable(lastError));
    }

    private static CircuitState state(CircuitBreaker.State s) {
        return switch (s) {
            case CLOSED, METRICS_ONLY -> CircuitState.CLOSED;
            case OPEN -> CircuitState.OPEN;
            case HALF_OPEN -> CircuitState.HALF_OPEN;
            case DISABLED, FORCED_OPEN -> CircuitState.DISABLED;
        };
    }
}
