package dev.ttskit.micrometer;

import dev.ttskit.CacheStats;
import dev.ttskit.CircuitState;
import dev.ttskit.ProviderHealth;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Binds a {@link TtsClient}'s events to Micrometer: meters in a {@link MeterRegistry} and, when an
 * {@link ObservationRegistry} is given, one observation per request and per provider attempt (see
 * the package overview and {@link MeterNames} for what is recorded).
 *
 * <pre>{@code
 * TtsMetrics metrics = TtsMetrics.builder(meterRegistry).observations(observationRegistry).build();
 * try (TtsClient tts = TtsClient.builder().provider(MaryTtsProvider.create()).listener(metrics.listener()).build()) {
 *     metrics.bindTo(tts);
 *     ...
 * }
 * }</pre>
 *
 * The {@link #listener()} records the events; {@link #bindTo(TtsClient)} adds the gauges that read
 * the client's state (breaker state per provider, cache size). One instance serves one client.
 * {@link #close()} stops recording and removes this instance's meters from the registry. Thread-safe.
 */
public final class TtsMetrics implements AutoCloseable {
    private static final Pattern TAG_KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9._-]{0,63}");

    private final MeterRegistry registry;
    private final Tags common;
    private final MetricsListener listener;
    private volatile @Nullable TtsClient bound;

    private TtsMetrics(Builder b) {
        this.registry = b.registry;
        this.common = Tags.of(b.tags);
        this.listener = new MetricsListener(b.registry, b.observations, common, new ProviderTags(b.maxProviders));
    }

    /**
     * Starts configuring metrics that record into {@code registry}.
     *
     * @param registry where the meters are registered; this instance never closes it
     * @return a new builder with no observations, no common tags and at most 32 provider tag values
     * @throws NullPointerException when {@code registry} is null
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(Objects.requireNonNull(registry, "registry"));
    }

    /**
     * {@return the listener to hand to {@link TtsClient.Builder#listener}; the same instance on every
     * call} It records nothing once {@link #close()} has run.
     */
    public TtsListener listener() {
        return listener;
    }

    /**
     * Registers the gauges that read {@code client}'s state: {@value MeterNames#BREAKER_STATE} per
     * provider and state and, when the client has a cache, {@value MeterNames#CACHE_SIZE},
     * {@value MeterNames#CACHE_BYTES} and {@value MeterNames#CACHE_EVICTIONS}. The client should be
     * the one built with {@link #listener()}. The gauges hold a reference to the client; closing
     * this instance removes them, closing the client does not.
     *
     * @param client the client whose breaker and cache state the gauges read; it stays open and is
     *     owned by the caller
     * @return this
     * @throws NullPointerException when {@code client} is null
     * @throws IllegalStateException when already bound to a client, or closed
     */
    public synchronized TtsMetrics bindTo(TtsClient client) {
        Objects.requireNonNull(client, "client");
        if (listener.isClosed()) throw new IllegalStateException("these metrics are closed");
        if (bound != null) throw new IllegalStateException("these metrics are already bound to a client; make one TtsMetrics per client");
        bound = client;
        for (String provider : client.providerIds()) {
            String tag = listener.providerTag(provider);
            if (ProviderTags.OTHER.equals(tag)) continue;   // past the limit: no per-state gauges for ids that share a tag
            for (CircuitState state : CircuitState.values()) {
                listener.keep(Gauge.builder(MeterNames.BREAKER_STATE, client, c -> current(c, provider) == state ? 1 : 0)
                        .description("1 for the provider's current circuit breaker state, 0 for the others")
                        .tags(common.and(MeterNames.TAG_PROVIDER, tag, "state", MetricsListener.state(state)))
                        .register(registry));
            }
        }
        if (client.cacheStats().isPresent()) {
            listener.keep(Gauge.builder(MeterNames.CACHE_SIZE, client, c -> cache(c).map(CacheStats::entries).orElse(0L))
                    .description("Entries in the result cache").tags(common).register(registry));
            listener.keep(Gauge.builder(MeterNames.CACHE_BYTES, client, c -> cache(c).map(CacheStats::bytes).orElse(0L))
                    .description("Audio bytes in the result cache").baseUnit("bytes").tags(common).register(registry));
            listener.keep(FunctionCounter.builder(MeterNames.CACHE_EVICTIONS, client, c -> cache(c).map(CacheStats::evictions).orElse(0L))
                    .description("Entries evicted from the result cache").tags(common).register(registry));
        }
        return this;
    }

    /** The provider's breaker state as the client reports it now; null for a provider it no longer lists. */
    private static @Nullable CircuitState current(TtsClient client, String provider) {
        for (ProviderHealth h : client.health()) {
            if (h.provider().equals(provider)) return h.state();
        }
        return null;
    }

    private static Optional<CacheStats> cache(TtsClient client) {
        return client.cacheStats();
    }

    /** Stops recording and removes every meter this instance registered. Idempotent. */
    @Override
    public synchronized void close() {
        listener.close();
    }

    @Override
    public String toString() {
        return "TtsMetrics" + common + (bound == null ? "" : " bound");
    }

    /** Configures {@link TtsMetrics}. Setters fail fast, naming the bad value. */
    public static final class Builder {
        private final MeterRegistry registry;
        private ObservationRegistry observations = ObservationRegistry.NOOP;
        private final List<Tag> tags = new ArrayList<>();
        private int maxProviders = 32;

        private Builder(MeterRegistry registry) {
            this.registry = registry;
        }

        /**
         * Records an observation per request and per attempt in {@code value}; none without it
         * ({@link ObservationRegistry#NOOP} is the default).
         *
         * @param value the registry the observations are started in
         * @return this builder
         * @throws NullPointerException when {@code value} is null
         */
        public Builder observations(ObservationRegistry value) {
            this.observations = Objects.requireNonNull(value, "observations");
            return this;
        }

        /**
         * A tag on every meter, e.g. {@code client=narration} when an application runs several clients.
         * The value must be fixed configuration, never anything taken from a request.
         *
         * @param key a letter followed by at most 63 letters, digits, {@code .}, {@code _} or
         *     {@code -}; neither a key ttskit sets itself (such as {@value MeterNames#TAG_PROVIDER})
         *     nor one already given to this builder
         * @param value the tag's value, not blank
         * @return this builder
         * @throws NullPointerException when {@code key} or {@code value} is null
         * @throws IllegalArgumentException when the key is malformed, reserved or repeated, or the
         *     value is blank
         */
        public Builder tag(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (!TAG_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("tag key must be a letter then letters, digits, '.', '_' or '-' (at most 64): '" + key + "'");
            }
            if (value.isBlank()) throw new IllegalArgumentException("tag value for '" + key + "' is blank");
            if (List.of(MeterNames.TAG_PROVIDER, MeterNames.TAG_KIND, MeterNames.TAG_OUTCOME, MeterNames.TAG_CATEGORY, "state", "from", "to",
                    "primary", "hedge", "result").contains(key)) {
                throw new IllegalArgumentException("tag key '" + key + "' is one ttskit sets itself");
            }
            if (tags.stream().anyMatch(t -> t.getKey().equals(key))) throw new IllegalArgumentException("tag key '" + key + "' is set twice");
            tags.add(Tag.of(key, value));
            return this;
        }

        /**
         * How many distinct provider ids get a tag value of their own (32 unless set); later ones are
         * tagged {@code other}. Provider ids are configuration, so this only guards against an adapter
         * that invents ids.
         *
         * @param value the limit, 1 to 1000
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is outside 1..1000
         */
        public Builder maxProviders(int value) {
            if (value < 1 || value > 1_000) throw new IllegalArgumentException("maxProviders must be 1..1000: " + value);
            this.maxProviders = value;
            return this;
        }

        /**
         * Creates the metrics. Meters are registered lazily, as events arrive and when
         * {@link TtsMetrics#bindTo(TtsClient)} runs; the caller closes the result to remove them.
         *
         * @return a new, unbound instance
         */
        public TtsMetrics build() {
            return new TtsMetrics(this);
        }
    }
}
