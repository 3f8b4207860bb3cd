package dev.ttskit;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * How the router retries one provider before failing over: a few attempts with full-jitter
 * exponential backoff, the provider's Retry-After honoured up to a limit, and a retry budget that
 * keeps a full outage from multiplying traffic.
 *
 * <p>The budget is a token bucket: every request earns {@link #budgetRatio()} of a retry, up to
 * {@link #budgetBurst()} saved retries, and each retry spends one. During an outage a provider
 * therefore sees at most {@code (1 + budgetRatio) x requests + budgetBurst} calls.
 */
public final class RetryPolicy {
    /** Three attempts per provider, 100 ms to 2 s backoff, Retry-After up to 10 s, 10 % budget. */
    public static final RetryPolicy DEFAULT = builder().build();
    /** One attempt per provider: failures fail over at once. */
    public static final RetryPolicy NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;
    private final double budgetRatio;
    private final int budgetBurst;
    private final @Nullable Long jitterSeed;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.maxRetryAfter = b.maxRetryAfter;
        this.budgetRatio = b.budgetRatio;
        this.budgetBurst = b.budgetBurst;
        this.jitterSeed = b.jitterSeed;
    }

    /**
     * {@return a builder starting from the defaults: 3 attempts, backoff 100 ms doubling to 2 s,
     * Retry-After honoured up to 10 s, a budget of 0.1 retries per request with 10 saved, random
     * jitter}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the most calls to one provider per request, the first included} */
    public int maxAttempts() { return maxAttempts; }

    /** {@return upper bound of the first backoff; doubles per retry} */
    public Duration initialBackoff() { return initialBackoff; }

    /** {@return upper bound of any backoff} */
    public Duration maxBackoff() { return maxBackoff; }

    /** {@return the longest Retry-After the router waits for; a longer one fails over instead} */
    public Duration maxRetryAfter() { return maxRetryAfter; }

    /** {@return retries earned per request} */
    public double budgetRatio() { return budgetRatio; }

    /** {@return retries that can be saved up (and the budget a provider starts with)} */
    public int budgetBurst() { return budgetBurst; }

    /** {@return the seed of the backoff jitter, for reproducible tests; empty for a random seed} */
    public OptionalLong jitterSeed() { return jitterSeed == null ? OptionalLong.empty() : OptionalLong.of(jitterSeed); }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + ".." + maxBackoff
                + ", maxRetryAfter=" + maxRetryAfter + ", budget=" + budgetRatio + "/request, burst=" + budgetBurst + "]";
    }

    /** Builds a {@link RetryPolicy}; every setter rejects bad values at once. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(2);
        private Duration maxRetryAfter = Duration.ofSeconds(10);
        private double budgetRatio = 0.1;
        private int budgetBurst = 10;
        private @Nullable Long jitterSeed;

        private Builder() {
        }

        /**
         * 1 (no retry) to 10.
         *
         * @param value the most calls to one provider per request, the first included; 3 by default
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is out of range
         */
        public Builder maxAttempts(int value) {
            if (value < 1 || value > 10) throw new IllegalArgumentException("maxAttempts must be 1..10, was " + value);
            maxAttempts = value;
            return this;
        }

        /**
         * Backoff bounds: the first retry waits up to {@code initial}, later ones double up to
         * {@code max}.
         *
         * @param initial the first backoff's upper bound, positive; 100 ms by default
         * @param max any backoff's upper bound, at least {@code initial}; 2 s by default
         * @return this builder
         * @throws IllegalArgumentException when either is not positive or {@code max} is below
         *     {@code initial}
         */
        public Builder backoff(Duration initial, Duration max) {
            Durations.requirePositive(initial, "initial backoff");
            Durations.requirePositive(max, "max backoff");
            if (max.compareTo(initial) < 0) throw new IllegalArgumentException("max backoff " + max + " is below initial " + initial);
            initialBackoff = initial;
            maxBackoff = max;
            return this;
        }

        /**
         * The longest Retry-After the router waits for before retrying the same provider; a
         * provider that asks for longer is failed over from at once.
         *
         * @param value zero or more; 10 s by default
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is negative
         */
        public Builder maxRetryAfter(Duration value) {
            Objects.requireNonNull(value, "maxRetryAfter");
            if (value.isNegative()) throw new IllegalArgumentException("maxRetryAfter must not be negative, was " + value);
            maxRetryAfter = value;
            return this;
        }

        /**
         * Retries earned per request (0..1) and how many can be saved (0..1000).
         *
         * @param ratio retries earned per request, 0..1; 0.1 by default
         * @param burst retries that can be saved up, 0..1000; 10 by default
         * @return this builder
         * @throws IllegalArgumentException when either is out of range
         */
        public Builder budget(double ratio, int burst) {
            if (!(ratio >= 0 && ratio <= 1)) throw new IllegalArgumentException("budget ratio must be 0..1, was " + ratio);
            if (burst < 0 || burst > 1000) throw new IllegalArgumentException("budget burst must be 0..1000, was " + burst);
            budgetRatio = ratio;
            budgetBurst = burst;
            return this;
        }

        /**
         * Fixes the seed of the backoff jitter, so a test sees the same delays on every run.
         *
         * @param seed any value; unset by default (a random seed)
         * @return this builder
         */
        public Builder jitterSeed(long seed) {
            jitterSeed = seed;
            return this;
        }

        /** {@return the policy} */
        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
