package dev.ttskit.internal.routing;

import dev.ttskit.CancelledException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RateLimitException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.Sleeper;
import dev.ttskit.TtsException;
import dev.ttskit.internal.Listeners;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Calls one provider inside its breaker and bulkhead, retrying retryable failures with full-jitter
 * backoff. The only retry layer in ttskit.
 *
 * <p>The loop is ttskit's own rather than resilience4j's Retry: the wait has to honour Retry-After
 * up to a limit, spend from a retry budget, stop at the request's deadline, end at once on
 * cancellation and go through the injected {@link Sleeper}, and each attempt needs its own breaker
 * permit and bulkhead slot. Expressing that with Retry's interval functions and exception predicates
 * would hide the same decisions in callbacks and make them harder to test.
 */
final class ResilientCaller {
    private static final Logger log = LoggerFactory.getLogger(ResilientCaller.class);

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Listeners listeners;
    private final Validator validator;
    private final Random random;

    ResilientCaller(RetryPolicy policy, Sleeper sleeper, Listeners listeners, Validator validator) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.listeners = listeners;
        this.validator = validator;
        this.random = policy.jitterSeed().isPresent() ? new Random(policy.jitterSeed().getAsLong()) : new Random();
    }

    /**
     * Calls {@code candidate} until it succeeds, fails in a way that is not retried, runs out of
     * attempts or budget, or the deadline would pass while waiting. Every failure is recorded on
     * {@code state}.
     */
    <T> T call(ProviderLane lane, Candidate candidate, RequestState state, Attempt<T> attempt) {
        Candidate validated;
        try {
            validated = new Candidate(candidate.provider(),
                    validator.validateFor(candidate.request(), candidate.id(), candidate.provider().capabilities()), candidate.wanted());
        } catch (TtsException e) {
            // Too long for this provider, say: no call is made, but the request's failure names it.
            state.failed(e);
            throw e;
        }
        lane.budget().earn();
        for (int tries = 1; ; tries++) {
            // Not a provider failure, so not recorded: the request ran out of time or was cancelled.
            state.checkActive();
            try {
                return once(lane, validated, state, attempt);
            } catch (BreakerOpenException e) {
                state.failed(e);
                throw e;
            } catch (TtsException e) {
                if (!(e instanceof CancelledException)) state.failed(e);
                Duration delay = retryDelay(lane, e, tries, state.ctx());
                if (delay == null) throw e;
                int failedTry = tries;
                log.debug("retrying {} in {} ms after {} (try {})", lane.id(), delay.toMillis(), e.category(), failedTry);
                listeners.fire(l -> l.onRetry(lane.id(), failedTry, delay, e));
                pause(delay, state.ctx());
            }
        }
    }

    private <T> T once(ProviderLane lane, Candidate candidate, RequestState state, Attempt<T> attempt) {
        CallContext ctx = state.ctx();
        CallLease lease = lane.open(ctx);
        CancellationToken callToken = new CancellationToken();
        lease.link(callToken, ctx.cancellation().onCancel(callToken::cancel));
        int number = state.nextAttempt();
        listeners.fire(l -> l.onAttempt(lane.id(), number));
        CallContext callCtx = CallContext.withDeadline(ctx.deadline(), ctx.clock(), callToken, ctx.resources())
                .withCheckpoint(ctx.checkpoint()).forAttempt(number);
        try {
            T out = attempt.call(candidate, callCtx, lease);
            if (!lease.kept()) lease.succeed();
            return out;
        } catch (TtsException e) {
            lease.fail(e);
            throw e;
        } catch (VirtualMachineError e) {
            lease.fail(e);
            throw e;
        } catch (RuntimeException | Error e) {
            // A provider bug (or a native library failing to load) is that provider's outage.
            TtsException typed = new ProviderUnavailableException(lane.id(), "provider failed unexpectedly: "
                    + e.getClass().getName(), null, e);
            lease.fail(typed);
            throw typed;
        }
    }

    /** How long to wait before retrying, or null when the failure is not retried. */
    private Duration retryDelay(ProviderLane lane, TtsException e, int tries, CallContext ctx) {
        if (!e.retryable() || tries >= policy.maxAttempts()) return null;
        if (ctx.cancellation().isCancelled() || ctx.expired()) return null;
        boolean queueing = e instanceof RateLimitException r && r.concurrencyLimit();
        Optional<Duration> retryAfter = e instanceof RateLimitException r ? r.retryAfter() : Optional.empty();
        Duration delay;
        if (retryAfter.isPresent()) {
            if (retryAfter.get().compareTo(policy.maxRetryAfter()) > 0) {
                log.debug("{} asked to wait {}, more than the {} allowed; failing over", lane.id(), retryAfter.get(), policy.maxRetryAfter());
                return null;
            }
            delay = retryAfter.get();
        } else {
            delay = backoff(tries);
        }
        if (delay.compareTo(ctx.remaining()) >= 0) return null;
        // Waiting for a free slot on the account is queueing, not a sign of an outage: no budget spent.
        if (!queueing && !lane.budget().trySpend()) {
            log.debug("retry budget of {} is spent; failing over", lane.id());
            return null;
        }
        return delay;
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

    /** Waits, ending early when the request is cancelled. */
    private void pause(Duration delay, CallContext ctx) {
        CancellationToken token = ctx.cancellation();
        try {
            if (sleeper == Sleeper.SYSTEM) {
                CountDownLatch cancelled = new CountDownLatch(1);
                try (CancellationToken.Registration ignored = token.onCancel(cancelled::countDown)) {
                    cancelled.await(delay.toNanos(), TimeUnit.NANOSECONDS);
                }
            } else if (!delay.isZero()) {
                sleeper.sleep(delay);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted while waiting to retry", e);
        }
        if (token.isCancelled()) throw new CancelledException("request was cancelled");
    }
}
