package dev.ttskit.spi;

import dev.ttskit.CancelledException;
import dev.ttskit.TtsTimeoutException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a provider call runs within: its deadline, its cancellation and the shared resources.
 * Adapters must give up by {@link #deadline()} (use {@link #remaining()} for their own timeouts)
 * and stop when {@link #cancellation()} fires.
 */
public final class CallContext {
    private final Instant deadline;
    private final Clock clock;
    private final CancellationToken cancellation;
    private final ResourceManager resources;
    private final int attempt;
    private final CallCheckpoint checkpoint;

    private CallContext(Instant deadline, Clock clock, CancellationToken cancellation, ResourceManager resources, int attempt) {
        this(deadline, clock, cancellation, resources, attempt, CallCheckpoint.NONE);
    }

    private CallContext(Instant deadline, Clock clock, CancellationToken cancellation, ResourceManager resources, int attempt,
                        CallCheckpoint checkpoint) {
        this.deadline = deadline;
        this.clock = clock;
        this.cancellation = cancellation;
        this.resources = resources;
        this.attempt = attempt;
        this.checkpoint = checkpoint;
    }

    /**
     * @param timeout      from now until the deadline
     * @param cancellation fires when the caller cancels
     * @param resources    the client's shared resources
     */
    public static CallContext of(Duration timeout, Clock clock, CancellationToken cancellation, ResourceManager resources) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(clock, "clock");
        return new CallContext(clock.instant().plus(timeout), clock, Objects.requireNonNull(cancellation, "cancellation"),
                Objects.requireNonNull(resources, "resources"), 1);
    }

    /** A context with an absolute deadline. */
    public static CallContext withDeadline(Instant deadline, Clock clock, CancellationToken cancellation, ResourceManager resources) {
        return new CallContext(Objects.requireNonNull(deadline, "deadline"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(cancellation, "cancellation"), Objects.requireNonNull(resources, "resources"), 1);
    }

    /** The same context for another attempt (the router numbers attempts across retries and failover). */
    public CallContext forAttempt(int attemptNumber) {
        if (attemptNumber < 1) throw new IllegalArgumentException("attempt must be >= 1, was " + attemptNumber);
        return new CallContext(deadline, clock, cancellation, resources, attemptNumber, checkpoint);
    }

    /** The same context with an earlier deadline (never a later one). */
    public CallContext withEarlierDeadline(Instant earlier) {
        return earlier.isBefore(deadline) ? new CallContext(earlier, clock, cancellation, resources, attempt, checkpoint) : this;
    }

    /**
     * The same context (deadline, clock, resources, attempt, checkpoint) under another cancellation:
     * one side of a hedge, or a call that must outlive its caller's cancel. Deriving contexts this way
     * keeps every field, so none is lost when the router adds one.
     */
    public CallContext withCancellation(CancellationToken other) {
        return new CallContext(deadline, clock, Objects.requireNonNull(other, "cancellation"), resources, attempt, checkpoint);
    }

    /** The same context with durable notes for a resumable call (see {@link CallCheckpoint}). */
    public CallContext withCheckpoint(CallCheckpoint value) {
        return new CallContext(deadline, clock, cancellation, resources, attempt, Objects.requireNonNull(value, "checkpoint"));
    }

    public Instant deadline() { return deadline; }

    /** Time left until the deadline; zero when it has passed. */
    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean expired() { return !clock.instant().isBefore(deadline); }

    public Clock clock() { return clock; }

    public CancellationToken cancellation() { return cancellation; }

    public ResourceManager resources() { return resources; }

    /** Durable notes of a resumable call; {@link CallCheckpoint#NONE} for a plain request. */
    public CallCheckpoint checkpoint() { return checkpoint; }

    /** 1 for the first provider call of a request, counting up through retries and failover. */
    public int attempt() { return attempt; }

    /**
     * Throws {@link CancelledException} if cancelled or {@link TtsTimeoutException} if the deadline passed.
     *
     * @param provider the provider id to put on the exception
     */
    public void checkActive(String provider) {
        if (cancellation.isCancelled()) throw CancelledException.builder("request was cancelled")
                .provider(provider).build();
        if (expired()) throw TtsTimeoutException.builder("request deadline passed").provider(provider).build();
    }

    @Override
    public String toString() {
        return "CallContext[remaining=" + remaining() + ", attempt=" + attempt + (cancellation.isCancelled() ? ", cancelled" : "") + "]";
    }
}
