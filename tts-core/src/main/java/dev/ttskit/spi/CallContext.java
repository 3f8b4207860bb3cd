package dev.ttskit.spi;

import dev.ttskit.CancelledException;
import dev.ttskit.TtsTimeoutException;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;

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
    private final IntConsumer concurrencyReports;
    private final @Nullable Duration firstByteTimeout;
    private final @Nullable Duration idleTimeout;

    private static final IntConsumer NO_REPORTS = limit -> { };

    private CallContext(Instant deadline, Clock clock, CancellationToken cancellation, ResourceManager resources, int attempt) {
        this(deadline, clock, cancellation, resources, attempt, CallCheckpoint.NONE, NO_REPORTS, null, null);
    }

    private CallContext(Instant deadline, Clock clock, CancellationToken cancellation, ResourceManager resources, int attempt,
                        CallCheckpoint checkpoint, IntConsumer concurrencyReports, @Nullable Duration firstByteTimeout,
                        @Nullable Duration idleTimeout) {
        this.deadline = deadline;
        this.clock = clock;
        this.cancellation = cancellation;
        this.resources = resources;
        this.attempt = attempt;
        this.checkpoint = checkpoint;
        this.concurrencyReports = concurrencyReports;
        this.firstByteTimeout = firstByteTimeout;
        this.idleTimeout = idleTimeout;
    }

    /**
     * A context whose deadline is {@code timeout} from the clock's now.
     *
     * @param timeout      from now until the deadline
     * @param clock        the clock deadlines are read from
     * @param cancellation fires when the caller cancels
     * @param resources    the client's shared resources
     * @return a context for a first attempt, with no checkpoint
     */
    public static CallContext of(Duration timeout, Clock clock, CancellationToken cancellation, ResourceManager resources) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(clock, "clock");
        return new CallContext(clock.instant().plus(timeout), clock, Objects.requireNonNull(cancellation, "cancellation"),
                Objects.requireNonNull(resources, "resources"), 1);
    }

    /**
     * A context with an absolute deadline.
     *
     * @param deadline when the call must end
     * @param clock the clock deadlines are read from
     * @param cancellation fires when the caller cancels
     * @param resources the client's shared resources
     * @return a context for a first attempt, with no checkpoint
     */
    public static CallContext withDeadline(Instant deadline, Clock clock, CancellationToken cancellation, ResourceManager resources) {
        return new CallContext(Objects.requireNonNull(deadline, "deadline"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(cancellation, "cancellation"), Objects.requireNonNull(resources, "resources"), 1);
    }

    /**
     * The same context for another attempt (the router numbers attempts across retries and
     * failover).
     *
     * @param attemptNumber the attempt, counting from 1
     * @return the new context
     * @throws IllegalArgumentException when {@code attemptNumber} is below 1
     */
    public CallContext forAttempt(int attemptNumber) {
        if (attemptNumber < 1) throw new IllegalArgumentException("attempt must be >= 1, was " + attemptNumber);
        return new CallContext(deadline, clock, cancellation, resources, attemptNumber, checkpoint, concurrencyReports, firstByteTimeout,
                idleTimeout);
    }

    /**
     * The same context with an earlier deadline (never a later one).
     *
     * @param earlier the deadline wanted
     * @return the new context, or this one when {@code earlier} is not before the current deadline
     */
    public CallContext withEarlierDeadline(Instant earlier) {
        return earlier.isBefore(deadline) ? new CallContext(earlier, clock, cancellation, resources, attempt, checkpoint, concurrencyReports,
                firstByteTimeout, idleTimeout) : this;
    }

    /**
     * The same context (deadline, clock, resources, attempt, checkpoint) under another cancellation:
     * one side of a hedge, or a call that must outlive its caller's cancel. Deriving contexts this way
     * keeps every field, so none is lost when the router adds one.
     *
     * @param other the cancellation the new context follows
     * @return the new context
     */
    public CallContext withCancellation(CancellationToken other) {
        return new CallContext(deadline, clock, Objects.requireNonNull(other, "cancellation"), resources, attempt, checkpoint,
                concurrencyReports, firstByteTimeout, idleTimeout);
    }

    /**
     * The same context with durable notes for a resumable call (see {@link CallCheckpoint}).
     *
     * @param value the notes; {@link CallCheckpoint#NONE} for none
     * @return the new context
     */
    public CallContext withCheckpoint(CallCheckpoint value) {
        return new CallContext(deadline, clock, cancellation, resources, attempt, Objects.requireNonNull(value, "checkpoint"),
                concurrencyReports, firstByteTimeout, idleTimeout);
    }

    /**
     * The same context, passing what the provider reports with {@link #reportConcurrencyLimit} to
     * {@code listener}. The router installs one per attempt so that its limit of calls in flight
     * follows the account's; a context built with {@link #of} ignores reports.
     *
     * @param listener receives each limit the provider reports; called on the provider's thread
     * @return the new context
     */
    public CallContext withConcurrencyReports(IntConsumer listener) {
        return new CallContext(deadline, clock, cancellation, resources, attempt, checkpoint,
                Objects.requireNonNull(listener, "listener"), firstByteTimeout, idleTimeout);
    }

    /**
     * The same context with the attempt's byte limits, which the router sets from the provider's
     * {@link dev.ttskit.AttemptPolicy} on every attempt whose answer comes whole (a stream's first
     * chunk and idle gaps it watches itself): the answer's first byte must arrive within
     * {@code firstByte} of the call's start, and once it flows no read may wait longer than
     * {@code idle} for the next.
     * HTTP adapters pass them on to their calls (tts-http's {@code HttpCalls} does so for every
     * call), so a whole-file call that hangs before its first byte, or stalls after it, ends at the
     * limit as a TIMEOUT and the router fails over, as it does for streams.
     *
     * @param firstByte the longest wait for the first byte of the answer; positive
     * @param idle      the longest wait between two reads of the answer that return data; positive
     * @return the same context with these limits
     * @throws IllegalArgumentException when a limit is zero or negative
     */
    public CallContext withByteLimits(Duration firstByte, Duration idle) {
        requirePositive(firstByte, "firstByteTimeout");
        requirePositive(idle, "idleTimeout");
        return new CallContext(deadline, clock, cancellation, resources, attempt, checkpoint, concurrencyReports, firstByte, idle);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) throw new IllegalArgumentException(name + " must be positive, was " + value);
    }

    /**
     * The longest an adapter may wait for the first byte of the provider's answer (a whole file's
     * as well as a stream's), when the router set one; the deadline bounds it in any case.
     *
     * @return the first-byte limit of this attempt, or empty
     */
    public Optional<Duration> firstByteTimeout() {
        return Optional.ofNullable(firstByteTimeout);
    }

    /**
     * The longest an adapter may wait between two reads of the answer that return data, when the
     * router set one.
     *
     * @return the idle limit of this attempt, or empty
     */
    public Optional<Duration> idleTimeout() {
        return Optional.ofNullable(idleTimeout);
    }

    /**
     * For adapters: the provider's answer stated how many calls the account may have in flight at once
     * (ElevenLabs' {@code maximum-concurrent-requests} header, say). The router then runs this provider
     * at up to that many calls, unless the application fixed a limit of its own. Call it for every
     * answer that carries the figure, errors included; values below 1 are ignored. Cheap and never
     * throws.
     *
     * @param maximum the account's limit of calls in flight, as the provider stated it
     */
    public void reportConcurrencyLimit(int maximum) {
        if (maximum < 1) return;
        try {
            concurrencyReports.accept(maximum);
        } catch (RuntimeException e) {
            // A report is advice: it must never fail the call that carried it.
        }
    }

    /** {@return the instant the call must have returned or thrown by, retries of this attempt included} */
    public Instant deadline() { return deadline; }

    /** {@return time left until the deadline; zero when it has passed} */
    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** {@return whether the deadline has passed on {@link #clock()}} */
    public boolean expired() { return !clock.instant().isBefore(deadline); }

    /** {@return the clock the deadline is measured on; adapters read time from it, never from the system} */
    public Clock clock() { return clock; }

    /** {@return the call's cancellation: fired when the caller gives up, a hedge wins or the client closes} */
    public CancellationToken cancellation() { return cancellation; }

    /** {@return the client's resource manager, which owns what adapters share and must release} */
    public ResourceManager resources() { return resources; }

    /**
     * Durable notes of a resumable call; {@link CallCheckpoint#NONE} for a plain request.
     *
     * @return the notes; never null
     */
    public CallCheckpoint checkpoint() { return checkpoint; }

    /** {@return 1 for the first provider call of a request, counting up through retries and failover} */
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
