package dev.ttskit;

import java.time.Duration;

/**
 * How {@link TtsClient#synthesizeLong} works: how many chunks are synthesized at once, how they are
 * joined, and whether a chunk that finally fails fails the job or is replaced by silence.
 */
public final class LongTextPolicy {
    /** Two chunks at once, 120 ms silence between chunks, a failed chunk fails the job. */
    public static final LongTextPolicy DEFAULT = builder().build();

    private final int parallelism;
    private final Duration gap;
    private final Duration crossfade;
    private final boolean silenceFailedChunks;

    private LongTextPolicy(Builder b) {
        this.parallelism = b.parallelism;
        this.gap = b.gap;
        this.crossfade = b.crossfade;
        this.silenceFailedChunks = b.silenceFailedChunks;
    }

    /**
     * {@return a builder starting from the defaults: 2 chunks at once, joined with 120 ms of
     * silence, a failed chunk failing the job}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return chunks synthesized at the same time} */
    public int parallelism() { return parallelism; }

    /** {@return silence inserted between chunks (zero when crossfading)} */
    public Duration gap() { return gap; }

    /** {@return overlap of adjacent chunks (zero when a gap is used)} */
    public Duration crossfade() { return crossfade; }

    /** {@return whether a chunk that failed after every retry and failover is replaced by silence} */
    public boolean silenceFailedChunks() { return silenceFailedChunks; }

    @Override
    public String toString() {
        return "LongTextPolicy[parallelism=" + parallelism + ", gap=" + gap + ", crossfade=" + crossfade
                + ", silenceFailedChunks=" + silenceFailedChunks + "]";
    }

    /** Builds a {@link LongTextPolicy}; every setter rejects bad values at once. */
    public static final class Builder {
        private int parallelism = 2;
        private Duration gap = Duration.ofMillis(120);
        private Duration crossfade = Duration.ZERO;
        private boolean silenceFailedChunks;

        private Builder() {
        }

        /**
         * 1..32 chunks at once.
         *
         * @param value chunks synthesized at once, 1..32; 2 by default
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is out of range
         */
        public Builder parallelism(int value) {
            if (value < 1 || value > 32) throw new IllegalArgumentException("parallelism must be 1..32, was " + value);
            parallelism = value;
            return this;
        }

        /**
         * Joins chunks with this much silence (up to 2 s).
         *
         * @param value 0..2 s; 120 ms by default. Setting a gap turns the crossfade off
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is negative or above 2 s
         */
        public Builder gap(Duration value) {
            Durations.requireNotNegative(value, "gap");
            if (value.compareTo(Duration.ofSeconds(2)) > 0) throw new IllegalArgumentException("gap must be at most 2s, was " + value);
            gap = value;
            crossfade = Duration.ZERO;
            return this;
        }

        /**
         * Joins chunks with an equal-power crossfade of this length (up to 500 ms) instead of a
         * gap.
         *
         * @param value 0..500 ms; off by default. Setting a crossfade turns the gap off
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is negative or above 500 ms
         */
        public Builder crossfade(Duration value) {
            Durations.requireNotNegative(value, "crossfade");
            if (value.compareTo(Duration.ofMillis(500)) > 0) {
                throw new IllegalArgumentException("crossfade must be at most 500ms, was " + value);
            }
            crossfade = value;
            gap = Duration.ZERO;
            return this;
        }

        /**
         * When true, a chunk that finally fails is replaced by silence and reported instead of failing the job.
         *
         * @param value when true, a chunk that finally fails is replaced by silence and reported instead of failing the job
         * @return this builder
         */
        public Builder silenceFailedChunks(boolean value) {
            silenceFailedChunks = value;
            return this;
        }

        /** {@return the policy} */
        public LongTextPolicy build() {
            return new LongTextPolicy(this);
        }
    }
}
