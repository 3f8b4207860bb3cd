package dev.ttskit.jobs;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Which jobs {@link SpeechJobs#list} returns: by state, newest first, at most {@link #limit()}. */
public final class JobFilter {
    /** Every state, the 100 newest. */
    public static final JobFilter ALL = builder().build();

    private final Set<JobState> states;
    private final int limit;

    private JobFilter(Builder b) {
        this.states = Set.copyOf(b.states);
        this.limit = b.limit;
    }

    /** {@return a new builder: every state, the 100 newest} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the states listed (immutable); all states when empty} */
    public Set<JobState> states() { return states; }

    /** {@return the most jobs listed, 1..10,000} */
    public int limit() { return limit; }

    @Override
    public String toString() {
        return "JobFilter[states=" + (states.isEmpty() ? "all" : states) + ", limit=" + limit + "]";
    }

    /** Builds a {@link JobFilter}. */
    public static final class Builder {
        private final Set<JobState> states = EnumSet.noneOf(JobState.class);
        private int limit = 100;

        private Builder() {
        }

        /**
         * Adds states to list (none: every state).
         *
         * @param values states added to those given before; none null
         * @return this builder
         */
        public Builder state(JobState... values) {
            for (JobState s : values) states.add(Objects.requireNonNull(s, "state"));
            return this;
        }

        /**
         * The most jobs listed (100).
         *
         * @param value 1..10,000 jobs
         * @return this builder
         */
        public Builder limit(int value) {
            if (value < 1 || value > 10_000) throw new IllegalArgumentException("limit must be 1..10000, was " + value);
            this.limit = value;
            return this;
        }

        /** {@return the filter; the builder can go on to build others} */
        public JobFilter build() {
            return new JobFilter(this);
        }
    }
}
