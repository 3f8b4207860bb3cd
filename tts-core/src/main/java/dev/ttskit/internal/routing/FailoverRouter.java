package dev.ttskit.internal.routing;

import dev.ttskit.AllProvidersFailedException;
import dev.ttskit.AudioFormatException;
import dev.ttskit.AudioStream;
import dev.ttskit.CacheStats;
import dev.ttskit.CircuitState;
import dev.ttskit.HedgePolicy;
import dev.ttskit.LongSpeechResult;
import dev.ttskit.ProgressListener;
import dev.ttskit.ProviderHealth;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.internal.ClientConfig;
import dev.ttskit.internal.Listeners;
import dev.ttskit.internal.RoutingConfig;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CallCheckpoint;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The router: candidates in priority order, each behind its circuit breaker, bulkhead and retry
 * loop; failover on failures whose category allows it; optional hedging and result cache; long
 * text in parallel chunks.
 */
public final class FailoverRouter implements Router {
    private static final Logger log = LoggerFactory.getLogger(FailoverRouter.class);
    private static final int FIRST_CHUNK_BYTES = 8192;
    private static final int WAV_MAGIC_BYTES = 12;

    private final ClientConfig config;
    private final RoutingConfig routing;
    private final CandidatePlanner planner;
    private final Listeners listeners;
    private final Map<String, ProviderLane> lanes = new LinkedHashMap<>();
    private final ResilientCaller caller;
    private final ResultCache cache;

    public FailoverRouter(ClientConfig config) {
        this.config = config;
        this.routing = config.routing();
        this.planner = new CandidatePlanner(config.providers(), config.voices());
        this.listeners = new Listeners(config.listeners());
        for (TtsProvider p : config.providers()) {
            int slots = routing.maxConcurrentCalls().getOrDefault(p.id(), p.capabilities().maxConcurrentCalls());
            lanes.put(p.id(), new ProviderLane(p, routing.breaker(), routing.retry(), slots, config.clock(), listeners));
        }
        this.caller = new ResilientCaller(routing.retry(), config.sleeper(), listeners, config.validator());
        this.cache = routing.cachePolicy().map(p -> new ResultCache(p, config.clock())).orElse(null);
    }

    @Override
    public SpeechResult synthesize(SpeechRequest request, CancellationToken cancellation) {
        return synthesize(request, cancellation, CallCheckpoint.NONE);
    }

    @Override
    public SpeechResult synthesize(SpeechRequest request, CancellationToken cancellation, CallCheckpoint checkpoint) {
        List<Candidate> candidates = planner.plan(request, false);
        CacheKey key = null;
        if (cache != null) {
            key = CacheKey.of(request, candidates);
            SpeechResult hit = cache.get(key);
            if (hit != null) {
                listeners.fire(l -> l.onCacheHit());
                return hit;
            }
            listeners.fire(l -> l.onCacheMiss());
        }
        RequestState state = new RequestState(context(request, cancellation).withCheckpoint(checkpoint));
        SpeechResult result = route(candidates, state, this::synthesizeOn, true);
        if (result.attempts() != state.attempts() && state.attempts() > 0) {
            result = result.toBuilder().attempts(state.attempts()).build();
        }
        if (key != null) cache.put(key, result);
        return result;
    }

    @Override
    public AudioStream stream(SpeechRequest request, CancellationToken cancellation) {
        RequestState state = new RequestState(context(request, cancellation));
        return route(planner.plan(request, true), state, this::streamOn, false);
    }

    @Override
    public LongSpeechResult synthesizeLong(SpeechRequest request, ProgressListener progress, CancellationToken cancellation) {
        List<Candidate> candidates = planner.plan(request, false);
        return new LongTextJob(routing.longText(), config.resources().executor(), this::synthesize)
                .run(request, candidates, progress, cancellation);
    }

    @Override
    public List<String> chunks(SpeechRequest request) {
        return LongTextJob.split(request, planner.plan(request, false));
    }

    @Override
    public List<ProviderHealth> health() {
        return lanes.values().stream().map(ProviderLane::health).toList();
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
        SpeechResult raw = candidate.provider().synthesize(candidate.request(), ctx);
        return AudioOutput.deliver(raw, candidate.wanted());
    }

    /**
     * Opens the provider's stream and reads its first chunk inside the attempt, so that anything
     * failing before the caller sees a byte can still be retried or failed over.
     */
    private AudioStream streamOn(Candidate candidate, CallContext ctx, CallLease lease) {
        TtsProvider provider = candidate.provider();
        ProviderRequest pr = candidate.request();
        if (!provider.capabilities().streaming() || !AudioOutput.streamable(pr.format(), candidate.wanted())) {
            SpeechResult whole = AudioOutput.deliver(provider.synthesize(pr, ctx), candidate.wanted());
            return config.resources().track(new AudioStream(whole.audioStream(), whole.format(), whole.provider(),
                    whole.providerRequestId().orElse(null), null));
        }
        AudioStream source = provider.stream(pr, ctx);
        byte[] first;
        try {
            first = readFirstChunk(source);
        } catch (IOException e) {
            closeQuietly(source);
            if (e.getCause() instanceof TtsException t) throw t;
            throw new ProviderUnavailableException(provider.id(), "stream failed before its first byte: " + e.getClass().getSimpleName(),
                    source.providerRequestId().orElse(null), e);
        } catch (RuntimeException e) {
            closeQuietly(source);
            throw e;
        }
        String problem = first.length == 0 ? "stream ended before any audio"
                : source.format().container() == AudioFormat.Container.WAV && !looksLikeWav(first) ? "stream does not start with a WAV header"
                : null;
        if (problem != null) {
            closeQuietly(source);
            throw new AudioFormatException(provider.id(), problem, source.providerRequestId().orElse(null), null);
        }
        lease.keep();
        AudioStream joined = new AudioStream(new RoutedStream(first, source, lease), source.format(), source.provider(),
                source.providerRequestId().orElse(null), null);
        return config.resources().track(AudioOutput.adaptStream(joined, candidate.wanted()));
    }

    /**
     * Reads what the provider has sent so far, at least one byte (a WAV stream: its 12-byte RIFF
     * header), or everything when the stream ends sooner. Never waits to fill the buffer.
     */
    private static byte[] readFirstChunk(AudioStream source) throws IOException {
        int atLeast = source.format().container() == AudioFormat.Container.WAV ? WAV_MAGIC_BYTES : 1;
        byte[] buffer = new byte[FIRST_CHUNK_BYTES];
        int total = 0;
        while (total < atLeast) {
            int n = source.read(buffer, total, buffer.length - total);
            if (n < 0) break;
            total += n;
        }
        return Arrays.copyOf(buffer, total);
    }

    private static boolean looksLikeWav(byte[] start) {
        if (start.length < WAV_MAGIC_BYTES) return false;
        String riff = new String(start, 0, 4, StandardCharsets.US_ASCII);
        String wave = new String(start, 8, 4, StandardCharsets.US_ASCII);
        return (riff.equals("RIFF") || riff.equals("RF64")) && wave.equals("WAVE");
    }

    private static void closeQuietly(AudioStream stream) {
        try {
            stream.close();
        } catch (IOException | RuntimeException e) {
            log.debug("closing a failed stream failed", e);
        }
    }

    private <T> T route(List<Candidate> candidates, RequestState state, Attempt<T> attempt, boolean mayHedge) {
        List<Candidate> rest = candidates;
        HedgePolicy hedge = routing.hedge();
        if (mayHedge && hedge.enabled() && candidates.size() > 1) {
            int target = hedgeTarget(candidates, hedge);
            if (target > 0) {
                Candidate primary = candidates.get(0);
                Candidate backup = candidates.get(target);
                ProviderLane primaryLane = lanes.get(primary.id());
                Duration delay = hedge.adaptive() ? primaryLane.p95().orElse(hedge.delay()) : hedge.delay();
                HedgedCall.Outcome<T> outcome = new HedgedCall<T>(caller, config.resources().executor(), listeners)
                        .run(primaryLane, primary, lanes.get(backup.id()), backup, delay, state, attempt);
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
                return caller.call(lanes.get(candidate.id()), candidate, state, attempt);
            } catch (TtsException e) {
                if (!e.failover()) throw e;
                if (i == rest.size() - 1) break;
                failedOver(candidate, rest.get(i + 1), e);
            }
        }
        state.checkActive();
        throw exhausted(state.failures());
    }

    private void failedOver(Candidate from, Candidate to, TtsException cause) {
        if (cause instanceof BreakerOpenException) {
            log.debug("skipping {} (circuit open), trying {}", from.id(), to.id());
        } else {
            log.warn("failover from {} to {} after {} (provider request id {})", from.id(), to.id(), cause.category(),
                    cause.requestId().orElse("-"));
        }
        listeners.fire(l -> l.onFailover(from.id(), to.id(), cause));
    }

    /** The first candidate after the primary that may be hedged onto, or -1. */
    private int hedgeTarget(List<Candidate> candidates, HedgePolicy hedge) {
        if (lanes.get(candidates.get(0).id()).state() == CircuitState.OPEN) return -1;
        for (int i = 1; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            ProviderCapabilities caps = c.provider().capabilities();
            boolean marked = hedge.providers().isEmpty() ? caps.local() : hedge.providers().contains(c.id());
            if (marked && (!caps.paid() || hedge.allowPaid()) && lanes.get(c.id()).state() != CircuitState.OPEN) return i;
        }
        return -1;
    }

    private static TtsException exhausted(List<TtsException> failures) {
        if (failures.isEmpty()) return new ProviderUnavailableException("no provider answered");
        TtsException last = failures.get(failures.size() - 1);
        // Retries of one provider: its last failure says it (provider exceptions are not mutated,
        // a scripted or cached instance may be thrown again).
        if (failures.stream().allMatch(f -> f.provider().equals(last.provider()))) return last;
        return new AllProvidersFailedException("all " + failures.size() + " provider attempt(s) failed: "
                + failures.stream().map(f -> f.provider().orElse("?") + "=" + f.category()).toList(), failures);
    }
}
