package dev.ttskit.micrometer;

import dev.ttskit.AttemptOutcome;
import dev.ttskit.CircuitState;
import dev.ttskit.ErrorCategory;
import dev.ttskit.RequestOutcome;
import dev.ttskit.TtsException;
import dev.ttskit.TtsListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import static dev.ttskit.micrometer.MeterNames.TAG_CATEGORY;
import static dev.ttskit.micrometer.MeterNames.TAG_KIND;
import static dev.ttskit.micrometer.MeterNames.TAG_OUTCOME;
import static dev.ttskit.micrometer.MeterNames.TAG_PROVIDER;

/**
 * Records the client's events. Meters are looked up once per tag combination and kept, so an event
 * costs a map lookup and the meters' own updates, not a registry search.
 */
final class MetricsListener implements TtsListener {
    private static final String SUCCESS = "success";
    private static final String FAILURE = "failure";

    private final MeterRegistry registry;
    private final ObservationRegistry observations;
    private final Tags common;
    private final ProviderTags providers;
    private final Set<Meter.Id> registered = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Object, Object> meters = new ConcurrentHashMap<>();
    private volatile boolean closed;

    MetricsListener(MeterRegistry registry, ObservationRegistry observations, Tags common, ProviderTags providers) {
        this.registry = registry;
        this.observations = observations;
        this.common = common;
        this.providers = providers;
    }

    // Keys of the meter cache, one record per meter family: cheap to build, equal by value.
    private record RequestKey(String provider, RequestOutcome.Kind kind, @Nullable ErrorCategory category) { }
    private record AttemptKey(String provider, @Nullable ErrorCategory category) { }
    private record ProviderKey(String meter, String provider) { }
    private record RetryKey(String provider, ErrorCategory category) { }
    private record FailoverKey(String from, String to, ErrorCategory category) { }
    private record HedgeKey(String primary, String hedge) { }
    private record TransitionKey(String provider, CircuitState from, CircuitState to) { }
    private record CacheKey(String result) { }

    /** The meters of one kind of request outcome. */
    private record RequestMeters(Timer latency, DistributionSummary attempts, Counter characters, Counter bytes) { }

    @Override
    public void onRequestFinished(RequestOutcome outcome) {
        if (closed) return;
        String provider = providers.of(outcome.provider());
        ErrorCategory category = outcome.failure().orElse(null);
        RequestMeters m = meter(new RequestKey(provider, outcome.kind(), category), k -> {
            Tags tags = common.and(TAG_PROVIDER, k.provider(), TAG_KIND, kind(k.kind()), TAG_OUTCOME, outcome(k.category()),
                    TAG_CATEGORY, category(k.category()));
            Tags byOutcome = common.and(TAG_PROVIDER, k.provider(), TAG_OUTCOME, outcome(k.category()));
            return new RequestMeters(
                    keep(Timer.builder(MeterNames.REQUESTS).description("Requests, from the caller's side").tags(tags).register(registry)),
                    keep(DistributionSummary.builder(MeterNames.REQUEST_ATTEMPTS).description("Provider attempts per request")
                            .tags(byOutcome).register(registry)),
                    keep(Counter.builder(MeterNames.CHARACTERS).description("Characters of text requested").baseUnit("characters")
                            .tags(byOutcome).register(registry)),
                    keep(Counter.builder(MeterNames.AUDIO_BYTES).description("Audio bytes delivered").baseUnit("bytes")
                            .tags(common.and(TAG_PROVIDER, k.provider())).register(registry)));
        });
        m.latency().record(outcome.latency());
        m.attempts().record(outcome.attempts());
        m.characters().increment((double) outcome.characters());
        if (outcome.bytes() > 0) m.bytes().increment((double) outcome.bytes());
        if (outcome.timeToFirstByte().isPresent()) {
            Timer firstByte = meter(new ProviderKey(MeterNames.FIRST_BYTE, provider), k -> keep(Timer.builder(MeterNames.FIRST_BYTE)
                    .description("A stream's time until its first audio").tags(common.and(TAG_PROVIDER, k.provider())).register(registry)));
            firstByte.record(outcome.timeToFirstByte().get());
        }
        if (!observations.isNoop()) {
            observe(MeterNames.REQUEST_OBSERVATION, "ttskit " + kind(outcome.kind()), () -> TtsObservationContext.of(outcome),
                    provider, category, outcome.kind());
        }
    }

    @Override
    public void onAttemptFinished(AttemptOutcome outcome) {
        if (closed) return;
        String provider = providers.of(outcome.provider());
        ErrorCategory category = outcome.failure().orElse(null);
        Timer timer = meter(new AttemptKey(provider, category), k -> keep(Timer.builder(MeterNames.ATTEMPTS)
                .description("Provider calls").tags(common.and(TAG_PROVIDER, k.provider(), TAG_OUTCOME, outcome(k.category()),
                        TAG_CATEGORY, category(k.category()))).register(registry)));
        // The observation first, the count last (even when an observation handler throws): an attempt may
        // finish on a worker thread while its caller already reads the meters, and whoever sees the count
        // then sees the observation too.
        try {
            if (!observations.isNoop()) {
                observe(MeterNames.ATTEMPT_OBSERVATION, "ttskit attempt " + provider, () -> TtsObservationContext.of(outcome),
                        provider, category, null);
            }
        } finally {
            timer.record(outcome.latency());
        }
    }

    @Override
    public void onRetry(String provider, int attempt, Duration delay, TtsException cause) {
        if (closed) return;
        counter(new RetryKey(providers.of(provider), cause.category()), k -> Counter.builder(MeterNames.RETRIES)
                .description("Retries on the same provider").tags(common.and(TAG_PROVIDER, k.provider(), TAG_CATEGORY, category(k.category()))))
                .increment();
    }

    @Override
    public void onFailover(String from, String to, TtsException cause) {
        if (closed) return;
        counter(new FailoverKey(providers.of(from), providers.of(to), cause.category()), k -> Counter.builder(MeterNames.FAILOVERS)
                .description("Moves from one provider to the next").tags(common.and("from", k.from(), "to", k.to(),
                        TAG_CATEGORY, category(k.category()))))
                .increment();
    }

    @Override
    public void onHedge(String primary, String hedge) {
        if (closed) return;
        counter(new HedgeKey(providers.of(primary), providers.of(hedge)), k -> Counter.builder(MeterNames.HEDGES)
                .description("Hedged calls started because the primary was slow").tags(common.and("primary", k.primary(), "hedge", k.hedge())))
                .increment();
    }

    @Override
    public void onSharedCall(String provider) {
        if (closed) return;
        counter(new ProviderKey(MeterNames.SHARED_CALLS, providers.of(provider)), k -> Counter.builder(MeterNames.SHARED_CALLS)
                .description("Requests that joined an identical request's call in flight").tags(common.and(TAG_PROVIDER, k.provider())))
                .increment();
    }

    @Override
    public void onBreakerTransition(String provider, CircuitState from, CircuitState to) {
        if (closed) return;
        counter(new TransitionKey(providers.of(provider), from, to), k -> Counter.builder(MeterNames.BREAKER_TRANSITIONS)
                .description("Circuit breaker transitions").tags(common.and(TAG_PROVIDER, k.provider(), "from", state(k.from()), "to", state(k.to()))))
                .increment();
    }

    @Override
    public void onCacheHit() {
        if (closed) return;
        cacheGets("hit").increment();
    }

    @Override
    public void onCacheMiss() {
        if (closed) return;
        cacheGets("miss").increment();
    }

    private Counter cacheGets(String result) {
        return counter(new CacheKey(result), k -> Counter.builder(MeterNames.CACHE_GETS).description("Result cache lookups")
                .tags(common.and("result", k.result())));
    }

    private void observe(String name, String contextualName, Supplier<TtsObservationContext> context, String provider,
                         @Nullable ErrorCategory category, RequestOutcome.@Nullable Kind kind) {
        Observation observation = Observation.createNotStarted(name, context, observations)
                .contextualName(contextualName)
                .lowCardinalityKeyValue(TAG_PROVIDER, provider)
                .lowCardinalityKeyValue(TAG_OUTCOME, outcome(category))
                .lowCardinalityKeyValue(TAG_CATEGORY, category(category));
        if (kind != null) observation.lowCardinalityKeyValue(TAG_KIND, kind(kind));
        observation.start().stop();
    }

    /** Stops recording; the meters this listener registered are removed from the registry. */
    void close() {
        closed = true;
        for (Meter.Id id : List.copyOf(registered)) {
            registry.remove(id);
        }
        meters.clear();
    }

    boolean isClosed() {
        return closed;
    }

    String providerTag(String provider) {
        return providers.of(provider);
    }

    List<Meter.Id> registered() {
        return List.copyOf(registered);
    }

    <M extends Meter> M keep(M meter) {
        registered.add(meter.getId());
        return meter;
    }

    @SuppressWarnings("unchecked")
    private <K, V> V meter(K key, Function<K, V> create) {
        Object m = meters.get(key);
        if (m == null) m = meters.computeIfAbsent(key, k -> create.apply((K) k));
        return (V) m;
    }

    private <K> Counter counter(K key, Function<K, Counter.Builder> builder) {
        return meter(key, k -> keep(builder.apply(k).register(registry)));
    }

    static String outcome(@Nullable ErrorCategory category) {
        return category == null ? SUCCESS : FAILURE;
    }

    static String category(@Nullable ErrorCategory category) {
        return category == null ? ProviderTags.NONE : category.name().toLowerCase(Locale.ROOT);
    }

    static String kind(RequestOutcome.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static String state(CircuitState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
