package dev.ttskit;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How long one provider attempt may take, so that a provider which accepts a call and then says
 * nothing costs its attempt, not the whole request (AWS SDK v2 calls the cap
 * {@code apiCallAttemptTimeout}; Envoy {@code per_try_timeout} and {@code per_try_idle_timeout}).
 *
 * <ul>
 *   <li>{@link #attemptTimeout()}: the most one attempt may take, whole result or stream start;</li>
 *   <li>{@link #firstByteTimeout()}: a stream's first audio must arrive within this;</li>
 *   <li>{@link #idleTimeout()}: once a stream flows, the longest gap between two reads that return data;</li>
 *   <li>{@link #reserve()}: while other candidates remain, the fraction of what is left of the
 *       request's deadline that an attempt may not use, so the next provider still has time.</li>
 * </ul>
 *
 * The defaults (30 s, 10 s, 10 s, half) leave the next candidate at least half of the default 60 s
 * deadline when the first provider hangs. The router enforces these limits itself, also on
 * providers that ignore their {@code CallContext}: a timed-out attempt is a TIMEOUT naming the
 * provider, and the router fails over.
 */
public final class AttemptPolicy {
    /** 30 s per attempt, 10 s to the first byte, 10 s idle, half the remaining deadline kept in reserve. */
    public static final AttemptPolicy DEFAULT = builder().build();

    private final Duration attemptTimeout;
    private final Duration firstByteTimeout;
    private final Duration idleTimeout;
    private final double reserve;

    private AttemptPolicy(Builder b) {
        this.attemptTimeout = b.attemptTimeout;
        this.firstByteTimeout = b.firstByteTimeout;
        this.idleTimeout = b.idleTimeout;
        this.reserve = b.reserve;
    }

    /**
     * {@return a builder starting from {@link #DEFAULT}: 30 s per attempt, 10 s to the first byte,
     * 10 s between bytes, half of what is left of the deadline kept in reserve while other
     * candidates remain}
     */
    public static Builder builder() {
        return new Builder(null);
    }

    /** {@return a builder starting from this policy's values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@return the most one attempt may take, from the call's start to its result (or a stream's first chunk)} */
    public Duration attemptTimeout() { return attemptTimeout; }

    /** {@return the most a stream may take to deliver its first audio bytes} */
    public Duration firstByteTimeout() { return firstByteTimeout; }

    /** {@return the longest a flowing stream may go without delivering a byte} */
    public Duration idleTimeout() { return idleTimeout; }

    /** {@return the fraction (0..0.9) of the remaining deadline an attempt leaves to the candidates after it} */
    public double reserve() { return reserve; }

    /**
     * Checks the limits against a request deadline.
     *
     * @param deadline the default deadline of requests
     * @param setting  how the caller names this policy in messages (e.g. {@code attempt limits of elevenlabs})
     * @throws IllegalArgumentException naming the setting and value when a limit exceeds the deadline
     */
    public void requireWithin(Duration deadline, String setting) {
        Objects.requireNonNull(deadline, "deadline");
        if (attemptTimeout.compareTo(deadline) > 0) {
            throw new IllegalArgumentException(setting + ": attemptTimeout " + attemptTimeout + " is longer than the request deadline "
                    + deadline);
        }
        if (firstByteTimeout.compareTo(deadline) > 0) {
            throw new IllegalArgumentException(setting + ": firstByteTimeout " + firstByteTimeout
                    + " is longer than the request deadline " + deadline);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttemptPolicy p && attemptTimeout.equals(p.attemptTimeout) && firstByteTimeout.equals(p.firstByteTimeout)
                && idleTimeout.equals(p.idleTimeout) && Double.compare(reserve, p.reserve) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(attemptTimeout, firstByteTimeout, idleTimeout, reserve);
    }

    @Override
    public String toString() {
        return "AttemptPolicy[attemptTimeout=" + attemptTimeout + ", firstByteTimeout=" + firstByteTimeout + ", idleTimeout="
                + idleTimeout + ", reserve=" + reserve + "]";
    }

    /** Builds an {@link AttemptPolicy}; every setter rejects bad values at once, naming them. */
    public static final class Builder {
        private Duration attemptTimeout = Duration.ofSeconds(30);
        private Duration firstByteTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(10);
        private double reserve = 0.5;
        private boolean firstByteSet;

        private Builder(@Nullable AttemptPolicy from) {
            if (from != null) {
                attemptTimeout = from.attemptTimeout;
                firstByteTimeout = from.firstByteTimeout;
                idleTimeout = from.idleTimeout;
                reserve = from.reserve;
            }
        }

        /**
         * The cap on one attempt; positive.
         *
         * @param value the cap on one attempt; positive
         * @return this builder
         */
        public Builder attemptTimeout(Duration value) {
            attemptTimeout = Durations.requirePositive(value, "attemptTimeout");
            return this;
        }

        /**
         * The limit on a stream's first byte; positive.
         *
         * @param value the limit on a stream's first byte; positive
         * @return this builder
         */
        public Builder firstByteTimeout(Duration value) {
            firstByteTimeout = Durations.requirePositive(value, "firstByteTimeout");
            firstByteSet = true;
            return this;
        }

        /**
         * The longest gap between bytes of a flowing stream; positive.
         *
         * @param value the longest gap between bytes of a flowing stream; positive
         * @return this builder
         */
        public Builder idleTimeout(Duration value) {
            idleTimeout = Durations.requirePositive(value, "idleTimeout");
            return this;
        }

        /**
         * The fraction of the remaining deadline kept for later candidates, 0 (none) to 0.9.
         *
         * @param fraction the fraction of the remaining deadline kept for later candidates, 0 (none) to 0.9
         * @return this builder
         */
        public Builder reserve(double fraction) {
            if (!(fraction >= 0 && fraction <= 0.9)) throw new IllegalArgumentException("reserve must be 0..0.9, was " + fraction);
            reserve = fraction;
            return this;
        }

        /**
         * A first-byte limit left at its default is lowered to a shorter attempt cap.
         *
         * @return the policy
         * @throws IllegalArgumentException when a first-byte limit that was set is longer than the attempt cap
         */
        public AttemptPolicy build() {
            if (!firstByteSet && firstByteTimeout.compareTo(attemptTimeout) > 0) firstByteTimeout = attemptTimeout;
            if (firstByteTimeout.compareTo(attemptTimeout) > 0) {
                throw new IllegalArgumentException("firstByteTimeout " + firstByteTimeout + " is longer than attemptTimeout "
                        + attemptTimeout);
            }
            return new AttemptPolicy(this);
        }
    }
}
