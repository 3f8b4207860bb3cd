package dev.ttskit;

import java.time.Duration;

/**
 * Each provider's circuit breaker. Sized for TTS traffic: a short count-based window and few calls
 * before it judges, so a dead provider is skipped within a handful of requests.
 */
public final class BreakerPolicy {
    /** Window of 20 calls, judged after 5, opens at 50 % failures for 30 s, 2 probes, probes time out after 60 s. */
    public static final BreakerPolicy DEFAULT = builder().build();

    private final int windowSize;
    private final int minimumCalls;
    private final float failureRateThreshold;
    private final Duration openDuration;
    private final int halfOpenCalls;
    private final Duration maxHalfOpenWait;

    private BreakerPolicy(Builder b) {
        this.windowSize = b.windowSize;
        this.minimumCalls = b.minimumCalls;
        this.failureRateThreshold = b.failureRateThreshold;
        this.openDuration = b.openDuration;
        this.halfOpenCalls = b.halfOpenCalls;
        this.maxHalfOpenWait = b.maxHalfOpenWait;
    }

    /**
     * {@return a builder starting from the defaults: a window of 20 calls judged after 5, opening
     * at 50% failures for 30 s, 2 half-open probes waited for up to 60 s}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return calls in the count-based window} */
    public int windowSize() { return windowSize; }

    /** {@return calls recorded before the failure rate is judged} */
    public int minimumCalls() { return minimumCalls; }

    /** {@return failure percentage (1..100) at which the breaker opens} */
    public float failureRateThreshold() { return failureRateThreshold; }

    /** {@return how long the breaker stays open before it lets probes through} */
    public Duration openDuration() { return openDuration; }

    /** {@return probe calls allowed while half-open} */
    public int halfOpenCalls() { return halfOpenCalls; }

    /** {@return the longest the breaker stays half-open waiting for probes before opening again} */
    public Duration maxHalfOpenWait() { return maxHalfOpenWait; }

    @Override
    public String toString() {
        return "BreakerPolicy[window=" + windowSize + ", minimumCalls=" + minimumCalls + ", threshold=" + failureRateThreshold
                + "%, open=" + openDuration + ", halfOpenCalls=" + halfOpenCalls + ", maxHalfOpenWait=" + maxHalfOpenWait + "]";
    }

    /** Builds a {@link BreakerPolicy}; every setter rejects bad values at once. */
    public static final class Builder {
        private int windowSize = 20;
        private int minimumCalls = 5;
        private float failureRateThreshold = 50f;
        private Duration openDuration = Duration.ofSeconds(30);
        private int halfOpenCalls = 2;
        private Duration maxHalfOpenWait = Duration.ofSeconds(60);

        private Builder() {
        }

        /**
         * Count-based window of {@code size} calls, judged once {@code minimumCalls} were recorded.
         *
         * @param size calls in the window, 1..10000; 20 by default
         * @param minimumCalls calls recorded before the failure rate is judged, 1..{@code size}; 5
         *     by default
         * @return this builder
         * @throws IllegalArgumentException when either is out of range
         */
        public Builder window(int size, int minimumCalls) {
            if (size < 1 || size > 10_000) throw new IllegalArgumentException("window size must be 1..10000, was " + size);
            if (minimumCalls < 1 || minimumCalls > size) {
                throw new IllegalArgumentException("minimumCalls must be 1.." + size + ", was " + minimumCalls);
            }
            windowSize = size;
            this.minimumCalls = minimumCalls;
            return this;
        }

        /**
         * Failure percentage at which the breaker opens.
         *
         * @param percent above 0, at most 100; 50 by default
         * @return this builder
         * @throws IllegalArgumentException when {@code percent} is out of range
         */
        public Builder failureRateThreshold(float percent) {
            if (!(percent > 0 && percent <= 100)) throw new IllegalArgumentException("failureRateThreshold must be in (0, 100], was " + percent);
            failureRateThreshold = percent;
            return this;
        }

        /**
         * How long the breaker stays open before it lets probe calls through.
         *
         * @param value positive; 30 s by default
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is zero or negative
         */
        public Builder openDuration(Duration value) {
            openDuration = Durations.requirePositive(value, "openDuration");
            return this;
        }

        /**
         * Probe calls allowed while half-open; their outcome decides whether the breaker closes.
         *
         * @param value 1..100; 2 by default
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is out of range
         */
        public Builder halfOpenCalls(int value) {
            if (value < 1 || value > 100) throw new IllegalArgumentException("halfOpenCalls must be 1..100, was " + value);
            halfOpenCalls = value;
            return this;
        }

        /**
         * The longest the breaker waits half-open for its probes before it opens again.
         *
         * @param value positive; 60 s by default
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is zero or negative
         */
        public Builder maxHalfOpenWait(Duration value) {
            maxHalfOpenWait = Durations.requirePositive(value, "maxHalfOpenWait");
            return this;
        }

        /** {@return the policy} */
        public BreakerPolicy build() {
            return new BreakerPolicy(this);
        }
    }
}
