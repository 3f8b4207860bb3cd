package dev.ttskit.internal.routing;

import dev.ttskit.AllProvidersFailedException;
import dev.ttskit.AudioStream;
import dev.ttskit.CacheStats;
import dev.ttskit.CircuitState;
import dev.ttskit.HedgePolicy;
import dev.ttskit.LongSpeechResult;
import dev.ttskit.ProgressListener;
import dev.ttskit.ProviderHealth;
import dev.ttskit.ErrorCategory;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RequestOutcome;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsException;
import dev.ttskit.internal.ClientConfig;
import dev.ttskit.internal.Listeners;
import dev.ttskit.internal.RoutingConfig;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CallCheckpoint;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.ResultStore;
import dev.ttskit.spi.SharedState;
import dev.ttskit.spi.TtsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The router: candidates in priority order, each behind its circuit breaker, bulkhead and retry
 * loop; failover on failures whose category allows it; optional hedging and result cache; long
 * text in parallel chunks.
 */
public final class FailoverRouter implements Router {
    private static final Logger log = LoggerFactory.getLogger(FailoverRouter.class);

    private final ClientConfig config;
    private final RoutingConfig routing;
    private final CandidatePlanner planner;
    private final Listeners listeners;
    private final Map<String, ProviderLane> lanes = new LinkedHashMap<>();
    private final ResilientCaller caller;
    private final @Nullable ResultCache cache;
    private final Sweep<RoutedStream> watchdog;
    private final ReferenceDigests digests = new ReferenceDigests();

    public FailoverRouter(ClientConfig config) {
        this.config = config;
        this.routing = config.routing();
        this.planner = new CandidatePlanner(config.providers(), config.voices(), config.validator());
        this.listeners = new Listeners(config.listeners());
        for (TtsProvider p : config.providers()) {
            // The application's limit is fixed; the provider's declared one is where the adaptive limit starts.
            Integer fixed = routing.maxConcurrentCalls().get(p.id());
            int slots = fixed != null ? fixed : p.capabilities().maxConcurrentCalls();
            lanes.put(p.id(), new ProviderLane(p, routing.breaker(), routing.retry(), routing.attemptsFor(p.id()), slots, fixed != null,
                    config.clock(), listeners));
        }
        this.caller = new ResilientCaller(routing.retry(), config.sleeper(), listeners, this::execute,
                new AttemptWatchdog(config.resources(), config.clock()));
        ResultStore store = config.resources().shared(SharedState.KEY, SharedState::local, s -> { }).resultStore();
        this.cache = routing.cachePolicy().map(p -> new ResultCache(p, config.clock(), store)).orElse(null);
        this.watchdog = RoutedStream.idleSweep(config.resources(), config.clock());
    }

    /** Runs provider calls on the client's workers; a closed client refuses them. */
    private void execute(Runnable task) {
        try {
            config.resources().executor().execute(task);
        } catch (IllegalStateException e) {
            throw new RejectedExecutionException("client is closed", e);
        }
    }

    @Override
    public SpeechResult synthesize(SpeechRequest request, CancellationToken cancellation) {
        return synthesize(request, cancellation, CallCheckpoint.NONE);
    }

    @Override
    public SpeechResult synthesize(SpeechRequest request, CancellationToken cancellation, CallCheckpoint checkpoint) {
        long started = System.nanoTime();
        RequestState state = null;
        try {
            List<Candidate> candidates = planner.plan(request, false);
            // The key of identical requests: the cache's, and single flight's whether the cache is on or not.
            CacheKey key = CacheKey.of(request, candidates, digests);
            if (cache != null) {
                SpeechResult hit = cache.get(key);
                if (hit != null) {
                    listeners.fire(l -> l.onCacheHit());
                    finished(RequestOutcome.Kind.SYNTHESIZE, request, started, null, Optional.of(hit.provider()), 0, hit.size(), true, null);
                    return hit;
                }
                if (listeners.any()) listeners.fire(l -> l.onCacheMiss());
            }
            state = new RequestState(context(request, cancellation).withCheckpoint(checkpoint));
            // A call with durable notes is its own: another caller's call would not keep them.
            CacheKey shareKey = checkpoint == CallCheckpoint.NONE ? key : null;
            SpeechResult result = route(candidates, state, this::synthesizeOn, true, false, shareKey);
            if (result.attempts() != state.attempts() && state.attempts() > 0) {
                result = result.toBuilder().attempts(state.attempts()).build();
            }
            if (cache != null) cache.put(key, result);
            finished(RequestOutcome.Kind.SYNTHESIZE, request, started, null, Optional.of(result.provider()), state.attempts(),
                    result.size(), false, null);
            return result;
        } catch (TtsException e) {
            finished(RequestOutcome.Kind.SYNTHESIZE, request, started, null, failedProvider(e, state),
                    state == null ? 0 : state.attempts(), 0, false, e.category());
            throw e;
        }
    }

    @Override
    public AudioStream stream(SpeechRequest request, CancellationToken cancellation) {
        long started = System.nanoTime();
        RequestState state = null;
        try {
            List<Candidate> candidates = planner.plan(request, true);
            state = new RequestState(context(request, cancellation));
            AudioStream routed = route(candidates, state, this::streamOn, false, true, null);
            long firstByte = System.nanoTime() - started;
            int attempts = state.attempts();
            return new OutcomeStream(routed, outcome -> finished(RequestOutcome.Kind.STREAM, request, started, firstByte,
                    Optional.of(routed.provider()), attempts, outcome.bytes(), false, outcome.failure()));
        } catch (TtsException e) {
            finished(RequestOutcome.Kind.STREAM, request, started, null, failedProvider(e, state),
                    state == null ? 0 : state.attempts(), 0, false, e.category());
            throw e;
        }
    }

    private static Optional<String> failedProvider(TtsException e, @Nullable RequestState state) {
        if (e.provider().isPresent()) return e.provider();
        if (state == null) return Optional.empty();
        List<TtsException> failures = state.failures();
        return failures.isEmpty() ? Optional.empty() : failures.get(failures.size() - 1).provider();
    }

    private void finished(RequestOutcome.Kind kind, SpeechRequest request, long startedNanos, @Nullable Long firstByteNanos, Optional<String> provider,
                          int attempts, long bytes, boolean cacheHit, @Nullable ErrorCategory failure) {
        if (!listeners.any()) return;
        RequestOutcome outcome = new RequestOutcome(kind, provider, attempts, Duration.ofNanos(System.nanoTime() - startedNanos),
                firstByteNanos == null ? Optional.empty() : Optional.of(Duration.ofNanos(firstByteNanos)), request.text().length(),
                bytes, cacheHit, Optional.ofNullable(failure));
        listeners.fire(l -> l.onRequestFinished(outcome));
    }

    @Override
    public LongSpeechResult synthesizeLong(SpeechRequest request, ProgressListener progress, CancellationToken cancellation) {
        List<Candidate> candidates = planner.eligible(request, false);
        return new LongTextJob(routing.longText(), config.resources().executor(), this::synthesize)
                .run(request, candidates, progress, cancellation);
    }

    @Override
    public List<String> chunks(SpeechRequest request) {
        return LongTextJob.split(request, planner.plan(request, false));
    }

    /** The lane of a planned candidate: every configured provider has one from construction on. */
    private ProviderLane lane(String providerId) {
        ProviderLane lane = lanes.get(providerId);
        if (lane == null) throw new IllegalStateException("no lane for provider " + providerId);
        return lane;
    }

    @Override
    public List<ProviderHealth> health() {
        return lanes.values().stream().map(ProviderLane::health).toList();
    }

    @Override
    public <T> T runOn(String providerId, CallContext ctx, Supplier<? extends T> work) {
        ProviderLane lane = lanes.get(providerId);
        if (lane == null) throw new IllegalArgumentException("provider " + providerId + " is not routed");
        CallLease lease = lane.open(ctx, ctx.deadline());
        try {
            T result = work.get();
            lease.succeed();
            return result;
        } catch (TtsException e) {
            lease.fail(e);
            throw e;
        } catch (RuntimeException | Error e) {
            lease.release();
            throw e;
        }
    }

    @Override
    public Optional<CacheStats> cacheStats() {
        return cache == null ? Optional.empty() : Optional.of(cache.stats());
    }

    @Override
    public void close() {
        if (cache != null) cache.clear();
    }

    private CallContext context(SpeechRequest request, CancellationToken cancellation) {
        Duration budget = request.timeout().orElse(config.defaultTimeout());
        return CallContext.of(budget, config.clock(), cancellation, config.resources());
    }

    private SpeechResult synthesizeOn(Candidate candidate, CallContext ctx, CallLease lease) {
        SpeechResult raw = answer(candidate.provider().synthesize(candidate.request(), ctx), candidate.provider());
        return AudioOutput.deliver(raw, candidate.wanted(), candidate.request().text(), routing.audioChecks());
    }

    /**
     * What a provider answered. One that breaks its contract by answering null fails as itself,
     * UNAVAILABLE with a message that says so, rather than as a NullPointerException somewhere later.
     */
    private static <T> T answer(@Nullable T answer, TtsProvider provider) {
        if (answer == null) throw ProviderUnavailableException.builder("provider returned no result").provider(provider.id()).build();
        return answer;
    }

    /**
     * Opens the provider's stream and reads its first chunk inside the attempt (see
     * {@link RoutedStream#start}), so that anything failing before the caller sees a byte can still be
     * retried or failed over.
     */
    // The provider's stream is handed to RoutedStream.start, which closes it on every path.
    @SuppressWarnings("MustBeClosedChecker")
    private AudioStream streamOn(Candidate candidate, CallContext ctx, CallLease lease) {
        TtsProvider provider = candidate.provider();
        ProviderRequest pr = candidate.request();
        if (!provider.capabilities().streaming() || !AudioOutput.streamable(pr.format(), candidate.wanted())) {
            SpeechResult whole = AudioOutput.deliver(answer(provider.synthesize(pr, ctx), provider), candidate.wanted(), pr.text(),
                    routing.audioChecks());
            return config.resources().track(new AudioStream(whole.audioStream(), whole.format(), whole.provider(),
                    whole.providerRequestId().orElse(null), null));
        }
        AudioStream source = answer(provider.stream(pr, ctx), provider);
        AudioStream routed = RoutedStream.start(source, lease, watchdog, lane(provider.id()).attempts().idleTimeout(),
                routing.audioChecks());
        return config.resources().track(AudioOutput.adaptStream(routed, candidate.wanted()));
    }

    private <T> T route(List<Candidate> candidates, RequestState state, Attempt<T> attempt, boolean mayHedge, boolean streaming,
                        @Nullable Object shareKey) {
        List<Candidate> rest = candidates;
        HedgePolicy hedge = routing.hedge();
        if (mayHedge && hedge.enabled() && candidates.size() > 1 && candidates.get(0).rejected() == null) {
            int target = hedgeTarget(candidates, hedge);
            if (target > 0) {
                Candidate primary = candidates.get(0);
                Candidate backup = candidates.get(target);
                ProviderLane primaryLane = lane(primary.id());
                Duration delay = hedge.adaptive() ? primaryLane.p95().orElse(hedge.delay()) : hedge.delay();
                HedgedCall.Outcome<T> outcome = new HedgedCall<T>(caller, this::execute, listeners)
                        .run(primaryLane, primary, lane(backup.id()), backup, delay, state, attempt);
                if (outcome.value() != null) return outcome.value();
                if (outcome.primaryError() != null && !outcome.primaryError().failover()) throw outcome.primaryError();
                rest = new ArrayList<>(candidates.subList(1, candidates.size()));
                if (outcome.hedgeStarted()) rest.remove(backup);
                if (outcome.primaryError() != null && !rest.isEmpty()) failedOver(primary, rest.get(0), outcome.primaryError());
            }
        }
        for (int i = 0; i < rest.size(); i++) {
            Candidate candidate = rest.get(i);
            state.checkActive();
            try {
                if (candidate.rejected() != null) {
                    // Refused by this provider's validation when the request was planned: no call.
                    state.failed(candidate.rejected());
                    throw candidate.rejected();
                }
                ProviderLane lane = lane(candidate.id());
                return caller.call(lane, candidate, state, attempt, until(state, lane, rest, i), streaming, shareKey);
            } catch (TtsException e) {
                if (!e.failover()) throw e;
                if (i == rest.size() - 1) break;
                failedOver(candidate, rest.get(i + 1), e);
            }
        }
        state.checkActive();
        throw exhausted(state.failures());
    }

    /**
     * When candidate {@code i}'s time ends: the request's deadline, less the lane's reserve of what
     * remains while callable candidates come after it.
     */
    private static Instant until(RequestState state, ProviderLane lane, List<Candidate> rest, int i) {
        CallContext ctx = state.ctx();
        boolean later = false;
        for (int j = i + 1; j < rest.size() && !later; j++) later = rest.get(j).rejected() == null;
        if (!later) return ctx.deadline();
        long keep = (long) (ctx.remaining().toNanos() * lane.attempts().reserve());
        return ctx.deadline().minusNanos(keep);
    }

    private void failedOver(Candidate from, Candidate to, TtsException cause) {
        if (cause instanceof BreakerOpenException) {
            log.debug("skipping {} (circuit open), trying {}", from.id(), to.id());
        } else {
            log.warn("failover from {} to {} after {} (provider request id {})", from.id(), to.id(), cause.category(),
                    cause.requestId().orElse("-"));
        }
        if (listeners.any()) listeners.fire(l -> l.onFailover(from.id(), to.id(), cause));
    }

    /** The first candidate after the primary that may be hedged onto, or -1. */
    private int hedgeTarget(List<Candidate> candidates, HedgePolicy hedge) {
        if (lane(candidates.get(0).id()).state() == CircuitState.OPEN) return -1;
        for (int i = 1; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            ProviderCapabilities caps = c.provider().capabilities();
            boolean marked = hedge.providers().isEmpty() ? caps.local() : hedge.providers().contains(c.id());
            if (marked && (!caps.paid() || hedge.allowPaid()) && lane(c.id()).state() != CircuitState.OPEN) return i;
        }
        return -1;
    }

    private static TtsException exhausted(List<TtsException> failures) {
        if (failures.isEmpty()) return ProviderUnavailableException.builder("no provider answered").build();
        TtsException last = failures.get(failures.size() - 1);
        // Retries of one provider: its last failure says it (provider exceptions are not mutated,
        // a scripted or cached instance may be thrown again).
        if (failures.stream().allMatch(f -> f.provider().equals(last.provider()))) return last;
        return new AllProvidersFailedException("all " + failures.size() + " provider attempt(s) failed: "
                + RequestState.describe(failures), failures);
    }
}
