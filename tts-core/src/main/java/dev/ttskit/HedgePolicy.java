package dev.ttskit;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Hedged requests (off by default): when the first provider has not answered after a delay, the
 * next hedgeable provider is started too; the first good answer wins and the other call is
 * cancelled. Only providers marked hedgeable are hedged onto (by default the local ones), and never
 * a paid provider unless {@link #allowPaid()}. Streams are never hedged: two providers' audio
 * must not meet in one stream.
 *
 * <p>The delay is measured on the wall clock, like the latencies it is compared with (not on the
 * clock given to the client, which governs deadlines and breakers).
 */
public final class HedgePolicy {
    /** No hedging. */
    public static final HedgePolicy OFF = new HedgePolicy(false, Duration.ZERO, false, Set.of(), false);

    private final boolean enabled;
    private final Duration delay;
    private final boolean adaptive;
    private final Set<String> providers;
    private final boolean allowPaid;

    private HedgePolicy(boolean enabled, Duration delay, boolean adaptive, Set<String> providers, boolean allowPaid) {
        this.enabled = enabled;
        this.delay = delay;
        this.adaptive = adaptive;
        this.providers = Set.copyOf(providers);
        this.allowPaid = allowPaid;
    }

    /**
     * Hedging after a fixed delay.
     *
     * @param delay how long the first call may run before a hedge starts; positive
     * @return a builder for an enabled policy
     * @throws IllegalArgumentException when {@code delay} is zero or negative
     */
    public static Builder after(Duration delay) {
        return new Builder(Durations.requirePositive(delay, "hedge delay"), false);
    }

    /**
     * Hedging once the first provider's observed p95 latency has passed; {@code untilKnown} applies
     * until enough calls were observed.
     *
     * @param untilKnown the delay used until enough calls were observed; positive
     * @return a builder for an enabled policy
     * @throws IllegalArgumentException when {@code untilKnown} is zero or negative
     */
    public static Builder atP95(Duration untilKnown) {
        return new Builder(Durations.requirePositive(untilKnown, "hedge delay"), true);
    }

    /** {@return whether requests are hedged at all; false for {@link #OFF}} */
    public boolean enabled() { return enabled; }

    /** {@return the fixed delay, or the delay used until the p95 is known} */
    public Duration delay() { return delay; }

    /** {@return whether the delay follows the first provider's observed p95} */
    public boolean adaptive() { return adaptive; }

    /** {@return provider ids that may be hedged onto; empty means the local ones} */
    public Set<String> providers() { return providers; }

    /** {@return whether a paid provider may be hedged onto} */
    public boolean allowPaid() { return allowPaid; }

    @Override
    public String toString() {
        if (!enabled) return "HedgePolicy[off]";
        return "HedgePolicy[" + (adaptive ? "p95, until known " : "after ") + delay + ", onto="
                + (providers.isEmpty() ? "local" : providers) + (allowPaid ? ", paid allowed" : "") + "]";
    }

    /** Builds an enabled {@link HedgePolicy}. */
    public static final class Builder {
        private final Duration delay;
        private final boolean adaptive;
        private Set<String> providers = Set.of();
        private boolean allowPaid;

        private Builder(Duration delay, boolean adaptive) {
            this.delay = delay;
            this.adaptive = adaptive;
        }

        /**
         * Only these providers are hedged onto (instead of the local ones).
         *
         * @param providerIds the ids hedges may start; none blank
         * @return this builder
         * @throws IllegalArgumentException when an id is blank
         */
        public Builder onto(String... providerIds) {
            for (String id : providerIds) {
                Objects.requireNonNull(id, "provider id");
                if (id.isBlank()) throw new IllegalArgumentException("provider id must not be blank");
            }
            providers = Set.of(providerIds);
            return this;
        }

        /**
         * Lets hedges start paid providers (each hedge may then cost a second synthesis).
         *
         * @param value true to allow paid providers; false by default
         * @return this builder
         */
        public Builder allowPaid(boolean value) {
            allowPaid = value;
            return this;
        }

        /** {@return the enabled policy} */
        public HedgePolicy build() {
            return new HedgePolicy(true, delay, adaptive, providers, allowPaid);
        }
    }
}
