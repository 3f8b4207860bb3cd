package dev.ttskit.internal.routing;

import dev.ttskit.AllProvidersFailedException;
import dev.ttskit.AudioStream;
import dev.ttskit.CancelledException;
import dev.ttskit.CircuitState;
import dev.ttskit.LongSpeechResult;
import dev.ttskit.ProgressListener;
import dev.ttskit.ProviderHealth;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.audio.AudioConcat;
import dev.ttskit.audio.AudioConverter;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.internal.ClientConfig;
import dev.ttskit.internal.Listeners;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ProviderRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tries the capable providers in priority order, once each, failing over on failures whose category
 * allows it. No retries, breakers or hedging: this is the plain failover loop.
 */
public final class FirstCapableRouter implements Router {
    private static final Logger log = LoggerFactory.getLogger(FirstCapableRouter.class);
    private static final Duration CHUNK_GAP = Duration.ofMillis(120);

    private final ClientConfig config;
    private final CandidatePlanner planner;
    private final Listeners listeners;

    public FirstCapableRouter(ClientConfig config) {
        this.config = config;
        this.planner = new CandidatePlanner(config.providers(), config.voices());
        this.listeners = new Listeners(config.listeners());
    }

    @Override
    public SpeechResult synthesize(SpeechRequest request, CancellationToken cancellation) {
        CallContext ctx = context(request, cancellation);
        return run(planner.plan(request, false), ctx, (candidate, attemptCtx) -> {
            SpeechResult raw = candidate.provider().synthesize(candidate.request(), attemptCtx);
            return AudioOutput.deliver(raw, candidate.wanted());
        });
    }

    @Override
    public AudioStream stream(SpeechRequest request, CancellationToken cancellation) {
        CallContext ctx = context(request, cancellation);
        return run(planner.plan(request, true), ctx, (candidate, attemptCtx) -> {
            ProviderRequest pr = candidate.request();
            AudioStream stream;
            if (candidate.provider().capabilities().streaming() && AudioOutput.streamable(pr.format(), candidate.wanted())) {
                stream = AudioOutput.adaptStream(candidate.provider().stream(pr, attemptCtx), candidate.wanted());
            } else {
                SpeechResult whole = AudioOutput.deliver(candidate.provider().synthesize(pr, attemptCtx), candidate.wanted());
                stream = new AudioStream(whole.audioStream(), whole.format(), whole.provider(),
                        whole.providerRequestId().orElse(null), null);
            }
            return config.resources().track(stream);
        });
    }

    @Override
    public LongSpeechResult synthesizeLong(SpeechRequest request, ProgressListener progress, CancellationToken cancellation) {
        List<Candidate> candidates = planner.plan(request, false);
        int maxChars = Integer.MAX_VALUE;
        int maxBytes = Integer.MAX_VALUE;
        for (Candidate c : candidates) {
            maxChars = Math.min(maxChars, c.provider().capabilities().maxCharsFor(request.language()));
            maxBytes = Math.min(maxBytes, c.provider().capabilities().maxUtf8Bytes());
        }
        Locale locale = request.language().map(Locale::forLanguageTag).orElse(Locale.ROOT);
        List<String> chunks = new TextChunker(maxChars, maxBytes).split(request.text(), locale);
        progress.onProgress(0, 0, chunks.size());
        CallContext ctx = context(request, cancellation);
        List<PcmAudio> parts = new ArrayList<>();
        String provider = null;
        int attempts = 0;
        for (int i = 0; i < chunks.size(); i++) {
            SpeechRequest chunkRequest = request.toBuilder().text(chunks.get(i)).build();
            SpeechResult part = run(planner.plan(chunkRequest, false), ctx, (candidate, attemptCtx) ->
                    AudioOutput.deliver(candidate.provider().synthesize(candidate.request(), attemptCtx), candidate.wanted()));
            parts.add(AudioConverter.decode(part.audioBytes(), part.format()));
            provider = provider == null ? part.provider() : provider;
            attempts += part.attempts();
            progress.onProgress((i + 1) * 100 / chunks.size(), i + 1, chunks.size());
        }
        PcmAudio whole = AudioConcat.concat(parts, CHUNK_GAP, Duration.ZERO);
        SpeechResult result = SpeechResult.builder().audio(AudioConverter.encode(whole, request.format()))
                .format(request.format()).provider(provider).attempts(attempts).build();
        return new LongSpeechResult(result, chunks.size(), List.of());
    }

    @Override
    public List<ProviderHealth> health() {
        List<ProviderHealth> out = new ArrayList<>();
        config.providers().forEach(p -> out.add(new ProviderHealth(p.id(), CircuitState.CLOSED, -1f, Duration.ZERO,
                Duration.ZERO, 0, 0, Optional.empty())));
        return out;
    }

    @Override
    public void close() {
        // Nothing of its own to release: providers and resources belong to the client.
    }

    private CallContext context(SpeechRequest request, CancellationToken cancellation) {
        Duration budget = request.timeout().orElse(config.defaultTimeout());
        return CallContext.of(budget, config.clock(), cancellation, config.resources());
    }

    /** One call on one candidate. */
    @FunctionalInterface
    interface Attempt<T> {
        T call(Candidate candidate, CallContext ctx);
    }

    private <T> T run(List<Candidate> candidates, CallContext ctx, Attempt<T> attempt) {
        List<TtsException> failures = new ArrayList<>();
        int number = 0;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            checkActive(ctx, failures);
            int n = ++number;
            listeners.fire(l -> l.onAttempt(candidate.id(), n));
            try {
                Candidate validated = new Candidate(candidate.provider(), config.validator().validateFor(
                        candidate.request(), candidate.id(), candidate.provider().capabilities()), candidate.wanted());
                return attempt.call(validated, ctx.forAttempt(n));
            } catch (TtsException e) {
                failures.add(e);
                if (!e.failover() || i == candidates.size() - 1) break;
                Candidate next = candidates.get(i + 1);
                log.warn("failover from {} to {} after {} (request id {})", candidate.id(), next.id(), e.category(),
                        e.requestId().orElse("-"));
                listeners.fire(l -> l.onFailover(candidate.id(), next.id(), e));
            }
        }
        throw exhausted(failures);
    }

    private static void checkActive(CallContext ctx, List<TtsException> failures) {
        if (ctx.cancellation().isCancelled()) throw new CancelledException("request was cancelled");
        if (ctx.expired()) {
            TtsTimeoutException timeout = new TtsTimeoutException("request deadline passed after " + failures.size() + " attempt(s)");
            failures.forEach(timeout::addSuppressed);
            throw timeout;
        }
    }

    private static TtsException exhausted(List<TtsException> failures) {
        if (failures.size() == 1) return failures.get(0);
        return new AllProvidersFailedException("all " + failures.size() + " provider attempt(s) failed: "
                + failures.stream().map(f -> f.provider().orElse("?") + "=" + f.category()).toList(), failures);
    }

}
