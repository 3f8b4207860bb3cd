package dev.ttskit;

import com.google.errorprone.annotations.MustBeClosed;
import dev.ttskit.internal.BasicValidator;
import dev.ttskit.internal.CancellableFuture;
import dev.ttskit.internal.ClientConfig;
import dev.ttskit.internal.LimitedProvider;
import dev.ttskit.internal.RoutingConfig;
import dev.ttskit.internal.routing.FailoverRouter;
import dev.ttskit.internal.routing.Router;
import dev.ttskit.spi.AccountLimiter;
import dev.ttskit.spi.CallCheckpoint;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ResourceManager;
import dev.ttskit.spi.ResourceStats;
import dev.ttskit.spi.SharedState;
import dev.ttskit.spi.SharedStateFactory;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;
import dev.ttskit.spi.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: validates requests, routes them to a healthy provider, fails over when one breaks
 * and hands back audio in the format the caller asked for.
 *
 * <pre>{@code
 * try (TtsClient tts = TtsClient.builder().provider(MaryTtsProvider.create()).build()) {
 *     SpeechResult r = tts.synthesize(SpeechRequest.of("Hello there."));
 * }
 * }</pre>
 *
 * Thread-safe. {@link #close()} releases the providers and everything the client owns.
 */
public final class TtsClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TtsClient.class);

    private final ClientConfig config;
    private final Router router;
    private final ResourceManager resources;
    private volatile boolean closed;
    /** Cancellations of {@link #call} work in flight, fired by {@link #close()}. */
    private final Set<CancellationToken> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private TtsClient(ClientConfig config) {
        this.config = config;
        this.resources = config.resources();
        this.router = new FailoverRouter(config);
    }

    /**
     * The setting that fixes how many calls one provider may have in flight:
     * {@code TTSKIT_<PROVIDER>_MAX_CONCURRENCY}, the provider id in upper case with {@code -} as {@code _}
     * ({@code local-xtts} gives {@code TTSKIT_LOCAL_XTTS_MAX_CONCURRENCY}).
     *
     * @param providerId a provider id such as {@code elevenlabs}
     * @return the setting's environment name
     */
    public static String maxConcurrencySettingName(String providerId) {
        return "TTSKIT_" + providerId.toUpperCase(Locale.ROOT).replace('-', '_') + "_MAX_CONCURRENCY";
    }

    /** {@return a builder with no providers; add them, or give settings to discover them} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from system properties and environment variables (see {@link Settings}):
     * the providers whose settings are present, in {@code TTSKIT_PROVIDERS} order or the default
     * order, with the embedded voice last when it is on the classpath.
     *
     * @return a client the caller owns and must close
     * @throws IllegalArgumentException when a setting is invalid
     * @throws IllegalStateException when no provider is configured
     */
    public static TtsClient fromEnv() {
        return builder().settings(Settings.fromEnv()).build();
    }

    /**
     * Speaks the request and returns the whole audio in the requested format. Blocks until done,
     * failed or past the deadline. Providers are tried in priority order, each behind its circuit
     * breaker and bulkhead, retryable failures retried a few times before failing over (see
     * {@link RetryPolicy}, {@link BreakerPolicy}, {@link HedgePolicy}); with a cache configured,
     * a repeated request is answered without calling any provider.
     *
     * @param request what to speak; validated before any provider is called
     * @return the whole audio, in the requested format
     * @throws TtsException the typed failure; {@link AllProvidersFailedException} when several
     *                      providers failed
     */
    public SpeechResult synthesize(SpeechRequest request) {
        return router.synthesize(prepare(request), new CancellationToken());
    }

    /**
     * Like {@link #synthesize(SpeechRequest)}, for a call that may be re-run after a crash: the
     * adapters keep durable notes in {@code checkpoint} (a Replicate prediction's id, say) and, when
     * an earlier run left some, resume from them instead of starting, and paying, again. Cancelling
     * {@code cancellation} stops the call in flight.
     *
     * @param request what to speak; validated before any provider is called
     * @param checkpoint durable notes of this call, kept by the caller across runs
     * @param cancellation cancel it to stop the call in flight
     * @return the whole audio, in the requested format
     */
    public SpeechResult synthesize(SpeechRequest request, CallCheckpoint checkpoint, CancellationToken cancellation) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(cancellation, "cancellation");
        return router.synthesize(prepare(request), cancellation, checkpoint);
    }

    /**
     * The chunks {@link #synthesizeLong} would speak this request in: validated, then split on
     * sentence boundaries within the strictest limit of the providers that can serve it.
     *
     * @param request the request to split
     * @return the chunks' texts in speaking order; at least one
     * @throws ValidationException         when the text has nothing to speak
     * @throws UnsupportedRequestException when no configured provider can serve the request
     */
    public List<String> chunks(SpeechRequest request) {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        List<String> out = router.chunks(config.validator().validate(request));
        if (out.isEmpty()) throw ValidationException.builder("text has nothing to speak").build();
        return out;
    }

    /**
     * The resumable call these notes belong to will not run again: every provider is asked to stop
     * and release what the call left running (see {@link TtsProvider#abandon}). Best effort.
     *
     * @param checkpoint the notes of the call given up on
     */
    public void abandon(CallCheckpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        ensureOpen();
        CallContext ctx = CallContext.of(config.defaultTimeout(), config.clock(), new CancellationToken(), resources)
                .withCheckpoint(checkpoint);
        for (TtsProvider p : config.providers()) {
            try {
                p.abandon(checkpoint, ctx);
            } catch (RuntimeException e) {
                log.warn("provider {} could not abandon a resumable call", p.id(), e);
            }
        }
    }

    /**
     * Like {@link #synthesize}, on the client's worker threads. Cancelling the future stops the
     * provider call in flight.
     *
     * @param request what to speak
     * @return a future completed with the result, or exceptionally with the {@link TtsException}
     *     {@link #synthesize} would throw
     */
    public java.util.concurrent.CompletableFuture<SpeechResult> synthesizeAsync(SpeechRequest request) {
        CancellationToken token = new CancellationToken();
        CancellableFuture<SpeechResult> future = new CancellableFuture<>(token);
        SpeechRequest prepared;
        try {
            prepared = prepare(request);
        } catch (TtsException e) {
            future.completeExceptionally(e);
            return future;
        }
        try {
            resources.executor().execute(() -> {
                if (future.isDone()) return;
                try {
                    future.complete(router.synthesize(prepared, token));
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException | IllegalStateException e) {
            future.completeExceptionally(CancelledException.builder("client is closed").build());
        }
        return future;
    }

    /**
     * Streams the audio as the provider sends it. Retry and failover happen only before the first
     * byte; a failure after it surfaces as a {@link StreamInterruptedException} from {@code read}.
     * Close the stream (try-with-resources); closing early cancels the provider call.
     *
     * @param request what to speak
     * @return the open stream; the caller owns it and must close it
     */
    @MustBeClosed
    public AudioStream stream(SpeechRequest request) {
        return router.stream(prepare(request), new CancellationToken());
    }

    /**
     * Speaks a text of any length: split on sentence boundaries within the strictest limit of the
     * candidate providers (characters and UTF-8 bytes), synthesized with bounded parallelism and
     * reassembled in order with a short gap or crossfade (see {@link LongTextPolicy}). Each chunk is
     * routed as a request of its own, with its own deadline, retries and failover. Progress is
     * reported monotonically and ends at exactly 100. A chunk that finally fails fails the job, or,
     * when the policy says so, is replaced by silence and listed in
     * {@link LongSpeechResult#failedChunks()}.
     *
     * @param request what to speak; its text may exceed {@link Builder#maxTextChars}
     * @param progress told the percentage done as chunks finish, on the client's threads;
     *     {@link ProgressListener#NONE} for none
     * @return the joined audio and which chunks, if any, were replaced by silence
     */
    public LongSpeechResult synthesizeLong(SpeechRequest request, ProgressListener progress) {
        Objects.requireNonNull(progress, "progress");
        ensureOpen();
        SpeechRequest cleaned = config.validator().validate(request);
        return router.synthesizeLong(cleaned, progress, new CancellationToken());
    }

    /** {@return the voices of every provider; a provider that fails to list them is skipped and logged} */
    public List<Voice> voices() {
        List<Voice> out = new ArrayList<>();
        for (TtsProvider p : config.providers()) {
            try {
                out.addAll(voices(p.id()));
            } catch (TtsException e) {
                log.warn("could not list voices of {}: {}", p.id(), e.category());
            }
        }
        return out;
    }

    /**
     * The voices of one provider.
     *
     * @param providerId the id of a configured provider
     * @return the provider's voices, as it lists them
     * @throws UnsupportedRequestException when no configured provider has that id
     */
    public List<Voice> voices(String providerId) {
        ensureOpen();
        TtsProvider provider = config.providers().stream().filter(p -> p.id().equals(providerId)).findFirst()
                .orElseThrow(() -> UnsupportedRequestException.builder("provider " + providerId + " is not configured")
                        .build());
        return provider.voices(CallContext.of(config.defaultTimeout(), config.clock(), new CancellationToken(), resources));
    }

    /**
     * Runs work on one configured provider's own API (what its class offers beyond
     * {@link TtsProvider}), under the client: the context handed to the work carries the client's
     * default deadline, the client's resource manager (the shared HTTP client, model pool and
     * streams the provider uses) and a cancellation that {@link #close()} fires, so a call in flight
     * ends when the client closes.
     *
     * <p>The call counts as an attempt on that provider: its circuit breaker must let it in (an open
     * breaker refuses it) and records its outcome as a routed attempt's, it waits for one of the
     * provider's call slots (the bulkhead shared with synthesis) no longer than the deadline, and it
     * takes a permit of the account limiter when one is configured (one request, no characters). It
     * is not routed: it does not fail over or retry. A failure that is not a {@link TtsException}
     * (a bug in the work) passes through and leaves the breaker as it was.
     *
     * <pre>{@code
     * Subscription quota = tts.call(ElevenLabsProvider.ID, ElevenLabsProvider.class,
     *         (elevenLabs, ctx) -> elevenLabs.subscription(ctx));
     * }</pre>
     *
     * @param providerId   the configured provider's id
     * @param providerType the class the work needs the provider to be
     * @param call         the work; it should pass the context on to the provider's methods
     * @param <P>          the provider type
     * @param <T>          what the work returns
     * @return what the work returned
     * @throws UnsupportedRequestException  when no provider of that id is configured, or it is not a
     *                                      {@code providerType}
     * @throws ProviderUnavailableException when the provider's breaker is open, or the work failed on
     *                                      I/O ({@link java.io.UncheckedIOException})
     * @throws TtsTimeoutException          when no call slot of the provider freed up within the deadline
     * @throws RateLimitException           when the account limiter would not allow the call within the deadline
     * @throws CancelledException           when the client was closed while the work ran
     * @throws TtsException                 as the provider throws it
     * @throws IllegalStateException        when the client is closed
     */
    public <P extends TtsProvider, T> T call(String providerId, Class<P> providerType, ProviderCall<? super P, ? extends T> call) {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(providerType, "providerType");
        Objects.requireNonNull(call, "call");
        ensureOpen();
        TtsProvider routed = config.providers().stream().filter(p -> p.id().equals(providerId)).findFirst()
                .orElseThrow(() -> UnsupportedRequestException.builder("provider " + providerId + " is not configured (configured: "
                        + providerIds() + ")").provider(providerId).build());
        TtsProvider configured = LimitedProvider.unwrap(routed);
        if (!providerType.isInstance(configured)) {
            throw UnsupportedRequestException.builder("provider " + providerId + " is a " + configured.getClass().getName()
                    + ", not a " + providerType.getName()).provider(providerId).build();
        }
        P provider = providerType.cast(configured);
        CancellationToken cancellation = new CancellationToken();
        inFlight.add(cancellation);
        try {
            if (closed) cancellation.cancel();   // close() may have run between ensureOpen and add
            CallContext ctx = CallContext.of(config.defaultTimeout(), config.clock(), cancellation, resources);
            // Counted as an attempt on the provider: its breaker, a call slot, the account's permit.
            return router.runOn(providerId, ctx, () -> {
                try (AccountLimiter.Permit permit = LimitedProvider.permitForCall(routed, ctx)) {
                    return call.apply(provider, ctx);
                } catch (TtsException e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (cancellation.isCancelled()) {
                        throw CancelledException.builder("the client was closed during a call to " + providerId)
                                .provider(providerId).cause(e).build();
                    }
                    if (e instanceof java.io.UncheckedIOException) {
                        throw ProviderUnavailableException.builder("a call to " + providerId + " failed: " + e.getMessage())
                                .provider(providerId).cause(e).build();
                    }
                    throw e;
                }
            });
        } finally {
            inFlight.remove(cancellation);
        }
    }

    /** {@return each provider's health, in priority order} */
    public List<ProviderHealth> health() {
        return router.health();
    }

    /**
     * The result cache's statistics; empty when the cache is off (see {@link Builder#cache}).
     *
     * @return a snapshot of hits, misses and size
     */
    public Optional<CacheStats> cacheStats() {
        return router.cacheStats();
    }

    /**
     * The names of the logical voices configured with {@link Builder#voice}.
     *
     * @return the names, unmodifiable
     */
    public Set<String> logicalVoices() {
        return config.voices().keySet();
    }

    /** {@return the configured provider ids, in priority order} */
    public List<String> providerIds() {
        return config.providers().stream().map(TtsProvider::id).toList();
    }

    /** {@return what the client's resource manager holds now (open streams, temp files, models, connections)} */
    public ResourceStats resources() {
        return resources.stats();
    }

    private SpeechRequest prepare(SpeechRequest request) {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        SpeechRequest cleaned = config.validator().validate(request);
        if (cleaned.text().length() > config.maxTextChars()) {
            throw ValidationException.builder("text has " + cleaned.text().length() + " characters; the limit for one request is " + config.maxTextChars() + " (use synthesizeLong for longer text)")
                    .build();
        }
        return cleaned;
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("TtsClient is closed");
    }

    /** Closes the router, every provider and the resource manager. Idempotent; throws nothing checked. */
    @Override
    public void close() {
        if (closed) return;
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        for (CancellationToken c : List.copyOf(inFlight)) {
            try {
                c.cancel();
            } catch (RuntimeException e) {
                log.warn("cancelling a provider call failed", e);
            }
        }
        try {
            router.close();
        } catch (RuntimeException e) {
            log.warn("closing the router failed", e);
        }
        for (TtsProvider p : config.providers()) {
            try {
                p.close();
            } catch (RuntimeException e) {
                log.warn("closing provider {} failed", p.id(), e);
            }
        }
        resources.close();
    }

    @Override
    public String toString() {
        return "TtsClient[providers=" + providerIds() + (closed ? ", closed" : "") + "]";
    }

    /** Builds a {@link TtsClient}. Values set here win over settings, which win over defaults. */
    public static final class Builder {
        static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
        static final int DEFAULT_MAX_TEXT_CHARS = 10_000;

        private final List<TtsProvider> providers = new ArrayList<>();
        private final Map<String, LogicalVoice> voices = new LinkedHashMap<>();
        private final List<TtsListener> listeners = new ArrayList<>();
        private @Nullable Settings settings;
        private boolean discoverProviders = true;
        private @Nullable Validator validator;
        private @Nullable Duration timeout;
        private @Nullable Integer maxTextChars;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private @Nullable HttpSettings httpSettings;
        private Consumer<ResourceManager.Builder> resourceSettings = b -> { };
        // Policies left null were not set on the builder: the settings decide (see PolicySettings).
        private @Nullable RetryPolicy retry;
        private @Nullable BreakerPolicy breaker;
        private @Nullable HedgePolicy hedge;
        private @Nullable CachePolicy cache;
        private boolean cacheOff;
        private @Nullable LongTextPolicy longText;
        private final Map<String, Integer> maxConcurrentCalls = new LinkedHashMap<>();
        private @Nullable AttemptPolicy attempts;
        private @Nullable AudioCheckPolicy audioChecks;
        private final Map<String, AttemptPolicy> attemptsByProvider = new LinkedHashMap<>();
        private @Nullable SharedState sharedState;

        private Builder() {
        }

        /**
         * Adds a provider; providers are tried in the order added.
         *
         * @param provider the provider; the client closes it when it closes
         * @return this builder
         */
        public Builder provider(TtsProvider provider) {
            Objects.requireNonNull(provider, "provider");
            providers.add(provider);
            return this;
        }

        /**
         * Maps a logical voice onto providers:
         * {@code .voice("narrator", v -> v.on("elevenlabs", "21m00...")) }.
         *
         * @param name the logical name requests use as their voice
         * @param mapping adds the provider voices for the name, on the builder it is given
         * @return this builder
         */
        public Builder voice(String name, Consumer<LogicalVoice.Builder> mapping) {
            LogicalVoice.Builder b = LogicalVoice.builder(name);
            mapping.accept(b);
            LogicalVoice voice = b.build();
            voices.put(voice.name(), voice);
            return this;
        }

        /**
         * Reads configuration (see {@link Settings}). When no provider was added explicitly, providers
         * are created by the {@link TtsProviderFactory} implementations on the classpath.
         *
         * @param value the settings; not null
         * @return this builder
         */
        public Builder settings(Settings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /**
         * Whether {@link #build()} creates providers with the {@link TtsProviderFactory} implementations on
         * the class path when settings were given and no provider was added (true by default). False
         * where the application alone decides which providers exist, as the Spring Boot
         * auto-configuration does: then no provider is an error, not a surprise chain.
         *
         * @param value false to use only the providers added with {@link #provider}
         * @return this builder
         */
        public Builder discoverProviders(boolean value) {
            this.discoverProviders = value;
            return this;
        }

        /**
         * The validator; by default tts-validation's when on the classpath, else a basic check.
         *
         * @param value the validator; by default tts-validation's when on the classpath, else a basic check
         * @return this builder
         */
        public Builder validator(Validator value) {
            this.validator = Objects.requireNonNull(value, "validator");
            return this;
        }

        /**
         * Deadline budget for requests that set none (default 60 s, or TTSKIT_TIMEOUT).
         *
         * @param value positive
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is zero or negative
         */
        public Builder timeout(Duration value) {
            Objects.requireNonNull(value, "timeout");
            if (value.isNegative() || value.isZero()) throw new IllegalArgumentException("timeout must be positive, was " + value);
            this.timeout = value;
            return this;
        }

        /**
         * Longest text for one synthesize or stream call (default 10,000, or
         * TTSKIT_MAX_TEXT_CHARS).
         *
         * @param value at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is below 1
         */
        public Builder maxTextChars(int value) {
            if (value < 1) throw new IllegalArgumentException("maxTextChars must be >= 1, was " + value);
            this.maxTextChars = value;
            return this;
        }

        /**
         * Adds a listener for routing events; listeners are called in the order added, on ttskit's threads.
         *
         * @param value the listener; quick and non-blocking (see {@link TtsListener})
         * @return this builder
         */
        public Builder listener(TtsListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /**
         * The clock for deadlines and breakers; inject a fake one in tests.
         *
         * @param value the clock for deadlines and breakers; inject a fake one in tests
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How retries wait; inject a fake one so tests never sleep.
         *
         * @param value how retries wait; inject a fake one so tests never sleep
         * @return this builder
         */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /**
         * How one provider is retried before failing over (default {@link RetryPolicy#DEFAULT}, or
         * the TTSKIT_RETRY_* settings).
         *
         * @param value the policy; not null
         * @return this builder
         */
        public Builder retry(RetryPolicy value) {
            this.retry = Objects.requireNonNull(value, "retry");
            return this;
        }

        /**
         * Each provider's circuit breaker (default {@link BreakerPolicy#DEFAULT}, or the
         * TTSKIT_BREAKER_* settings).
         *
         * @param value the policy; not null
         * @return this builder
         */
        public Builder breaker(BreakerPolicy value) {
            this.breaker = Objects.requireNonNull(value, "breaker");
            return this;
        }

        /**
         * Hedged requests (default {@link HedgePolicy#OFF}; TTSKIT_HEDGE_DELAY and the other
         * TTSKIT_HEDGE_* settings turn them on).
         *
         * @param value the policy; not null
         * @return this builder
         */
        public Builder hedging(HedgePolicy value) {
            this.hedge = Objects.requireNonNull(value, "hedging");
            return this;
        }

        /**
         * Turns the result cache on (also on when TTSKIT_CACHE_MAX_BYTES is set, with
         * TTSKIT_CACHE_TTL).
         *
         * @param value the cache's size and expiry; not null
         * @return this builder
         */
        public Builder cache(CachePolicy value) {
            this.cache = Objects.requireNonNull(value, "cache");
            this.cacheOff = false;
            return this;
        }

        /**
         * Keeps the result cache off even when TTSKIT_CACHE_MAX_BYTES is set.
         *
         * @return this builder
         */
        public Builder noCache() {
            this.cache = null;
            this.cacheOff = true;
            return this;
        }

        /**
         * How long text is chunked, parallelised and joined (default
         * {@link LongTextPolicy#DEFAULT}, or TTSKIT_LONG_TEXT_PARALLELISM).
         *
         * @param value the policy; not null
         * @return this builder
         */
        public Builder longText(LongTextPolicy value) {
            this.longText = Objects.requireNonNull(value, "longText");
            return this;
        }

        /**
         * Fixes the most calls in flight to one provider (its bulkhead); further calls wait in arrival
         * order, each no longer than its attempt may take. A limit set here (or with
         * {@code TTSKIT_<PROVIDER>_MAX_CONCURRENCY}, e.g. {@code TTSKIT_ELEVENLABS_MAX_CONCURRENCY})
         * never moves. Without one the limit adapts: it starts at what the provider declares in its
         * capabilities, follows the account's maximum once the provider's answers state it (ElevenLabs'
         * {@code maximum-concurrent-requests}), drops when the provider refuses a call for too many in
         * flight, and climbs back while calls succeed.
         *
         * @param providerId the provider's id
         * @param value the most calls in flight, at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is below 1
         */
        public Builder maxConcurrentCalls(String providerId, int value) {
            Objects.requireNonNull(providerId, "providerId");
            if (value < 1) throw new IllegalArgumentException("maxConcurrentCalls for " + providerId + " must be >= 1, was " + value);
            maxConcurrentCalls.put(providerId, value);
            return this;
        }

        /**
         * Limits of every provider attempt, replacing the providers' own defaults. Unset, each provider
         * gets what it declares ({@code ProviderCapabilities.attemptDefaults()}, else
         * {@link AttemptPolicy#DEFAULT}) with TTSKIT_ATTEMPT_TIMEOUT, TTSKIT_FIRST_BYTE_TIMEOUT,
         * TTSKIT_IDLE_TIMEOUT and TTSKIT_ATTEMPT_RESERVE, where set, on top. Checked against the deadline at
         * {@link #build()}.
         *
         * @param value the limits; not null
         * @return this builder
         */
        public Builder attemptLimits(AttemptPolicy value) {
            this.attempts = Objects.requireNonNull(value, "attemptLimits");
            return this;
        }

        /**
         * Limits of one provider's attempts, overriding {@link #attemptLimits(AttemptPolicy)} for
         * it.
         *
         * @param providerId the provider's id
         * @param value the limits; not null
         * @return this builder
         */
        public Builder attemptLimits(String providerId, AttemptPolicy value) {
            Objects.requireNonNull(providerId, "providerId");
            attemptsByProvider.put(providerId, Objects.requireNonNull(value, "attemptLimits"));
            return this;
        }

        /**
         * What provider audio must look like to count as speech (default {@link AudioCheckPolicy#DEFAULT}, or
         * the TTSKIT_AUDIO_* settings; {@link AudioCheckPolicy#OFF}, or TTSKIT_AUDIO_CHECKS=false, refuses only empty audio).
         *
         * @param value the policy; not null
         * @return this builder
         */
        public Builder audioChecks(AudioCheckPolicy value) {
            this.audioChecks = Objects.requireNonNull(value, "audioChecks");
            return this;
        }

        /**
         * What this client shares with the other instances of the application (tts-cluster's
         * PostgreSQL state, say): the result cache's far tier and the account limits. The caller
         * keeps ownership and closes it after the client. Without it, shared state configured in the
         * settings (a {@link SharedStateFactory} on the class path) is used and owned by the client;
         * with neither, each instance is on its own.
         *
         * @param value the shared state; the caller closes it after the client
         * @return this builder
         */
        public Builder sharedState(SharedState value) {
            this.sharedState = Objects.requireNonNull(value, "sharedState");
            return this;
        }

                /**
                 * Settings of the shared HTTP client (default {@link HttpSettings#DEFAULTS}, or the
                 * TTSKIT_HTTP_* settings).
                 *
                 * @param value the settings; not null
                 * @return this builder
                 */
        public Builder httpSettings(HttpSettings value) {
            this.httpSettings = Objects.requireNonNull(value, "httpSettings");
            return this;
        }

        /**
         * Tunes the resource manager (open-stream limit, idle timeouts, model memory budget); wins
         * over TTSKIT_MODEL_LOAD_TIMEOUT.
         *
         * @param value adjusts the manager's builder before it is built
         * @return this builder
         */
        public Builder resources(Consumer<ResourceManager.Builder> value) {
            this.resourceSettings = Objects.requireNonNull(value, "resources");
            return this;
        }

        /**
         * Builds the client: creates the configured providers and the resources they share.
         *
         * @return a client the caller owns and must close; it closes the providers, resources and
         *     any shared state it made itself
         * @throws IllegalArgumentException when a setting is invalid or names an unknown provider
         * @throws IllegalStateException    when no provider is configured, when two provider factories on
         *                                  the class path share an id, or when more than one
         *                                  {@link Validator} is found and none was chosen (each names the classes)
         */
        public TtsClient build() {
            Settings s = settings == null ? Settings.of(Map.of()) : settings;
            SharedState shared = sharedState != null ? sharedState : settings != null ? SharedStateFactory.discover(s).orElse(null) : null;
            boolean ownsShared = sharedState == null && shared != null;
            try {
                return build(s, shared, ownsShared);
            } catch (RuntimeException | Error e) {
                if (ownsShared && shared != null) shared.close();
                throw e;
            }
        }

        // The resource manager is handed to the client, whose close() closes it.
        @SuppressWarnings("MustBeClosedChecker")
        private TtsClient build(Settings s, @Nullable SharedState shared, boolean ownsShared) {
            List<TtsProvider> chain = providers.isEmpty() && settings != null && discoverProviders ? discover(s, shared) : List.copyOf(providers);
            if (chain.isEmpty()) throw new IllegalStateException("no provider configured");
            Set<String> ids = new HashSet<>();
            for (TtsProvider p : chain) {
                if (!ids.add(p.id())) throw new IllegalArgumentException("provider " + p.id() + " is configured twice");
            }
            Duration deadline = timeout != null ? timeout : s.duration("TTSKIT_TIMEOUT").orElse(DEFAULT_TIMEOUT);
            int textLimit = maxTextChars != null ? maxTextChars
                    : Math.toIntExact(s.number("TTSKIT_MAX_TEXT_CHARS").orElse((long) DEFAULT_MAX_TEXT_CHARS));
            if (textLimit < 1) throw new IllegalArgumentException("TTSKIT_MAX_TEXT_CHARS must be >= 1, was " + textLimit);
            Validator v = validator != null ? validator : discoverValidator();
            for (String id : maxConcurrentCalls.keySet()) {
                if (!ids.contains(id)) throw new IllegalArgumentException("maxConcurrentCalls names provider " + id + ", which is not configured");
            }
            Map<String, Integer> fixedConcurrency = new LinkedHashMap<>();
            for (TtsProvider p : chain) {
                Integer set = maxConcurrentCalls.get(p.id());
                if (set == null) set = concurrencySetting(s, p.id()).orElse(null);
                if (set != null) fixedConcurrency.put(p.id(), set);
            }
            CachePolicy cachePolicy = cache != null || cacheOff ? cache : PolicySettings.cache(s).orElse(null);
            AttemptPolicy attemptPolicy = attemptPolicy(s, deadline, AttemptPolicy.DEFAULT);
            for (Map.Entry<String, AttemptPolicy> e : attemptsByProvider.entrySet()) {
                if (!ids.contains(e.getKey())) {
                    throw new IllegalArgumentException("attemptLimits names provider " + e.getKey() + ", which is not configured");
                }
                e.getValue().requireWithin(deadline, "attemptLimits of " + e.getKey());
            }
            // Each provider's limits: the application's for it, else the application's for all, else
            // the settings over the provider's own defaults.
            Map<String, AttemptPolicy> attemptsResolved = new LinkedHashMap<>();
            for (TtsProvider p : chain) {
                AttemptPolicy own = attemptsByProvider.get(p.id());
                if (own == null && attempts == null) {
                    Optional<AttemptPolicy> declared = p.capabilities().attemptDefaults();
                    if (declared.isPresent()) own = attemptPolicy(s, deadline, declared.get());
                }
                attemptsResolved.put(p.id(), own != null ? own : attemptPolicy);
            }
            RoutingConfig routing = new RoutingConfig(retry != null ? retry : PolicySettings.retry(s),
                    breaker != null ? breaker : PolicySettings.breaker(s), hedge != null ? hedge : PolicySettings.hedging(s), cachePolicy,
                    longText != null ? longText : PolicySettings.longText(s), fixedConcurrency, attemptPolicy, attemptsResolved,
                    audioChecks != null ? audioChecks : PolicySettings.audioChecks(s));
            ResourceManager.Builder rb = ResourceManager.builder()
                    .httpSettings(httpSettings != null ? httpSettings : PolicySettings.http(s)).clock(clock);
            s.duration(PolicySettings.MODEL_LOAD_TIMEOUT).ifPresent(rb::modelLoadTimeout);
            resourceSettings.accept(rb);
            ResourceManager resourceManager = rb.build();
            if (shared != null) {
                // Closed with the resource manager, after the providers, when the client made it.
                resourceManager.shared(SharedState.KEY, () -> shared, ownsShared ? SharedState::close : x -> { });
                chain = chain.stream().map(p -> LimitedProvider.of(p, shared.accountLimiter())).toList();
            }
            ClientConfig config = new ClientConfig(chain, voices, v, deadline, textLimit, clock, sleeper, listeners, resourceManager, routing);
            return new TtsClient(config);
        }

        private static Optional<Integer> concurrencySetting(Settings s, String providerId) {
            String name = maxConcurrencySettingName(providerId);
            return s.number(name).map(v -> {
                if (v < 1 || v > Integer.MAX_VALUE) throw new IllegalArgumentException(name + " must be >= 1, was " + v);
                return v.intValue();
            });
        }

        /**
         * The builder's attempt limits, else the settings' on top of {@code base} (the defaults, or a
         * provider's own). Limits that were set must fit the deadline; the defaults are simply capped by it.
         */
        private AttemptPolicy attemptPolicy(Settings s, Duration deadline, AttemptPolicy base) {
            if (attempts != null) {
                attempts.requireWithin(deadline, "attemptLimits");
                return attempts;
            }
            Optional<Duration> cap = s.duration("TTSKIT_ATTEMPT_TIMEOUT");
            Optional<Duration> firstByte = s.duration("TTSKIT_FIRST_BYTE_TIMEOUT");
            Optional<Duration> idle = s.duration("TTSKIT_IDLE_TIMEOUT");
            Optional<Double> reserve = s.decimal("TTSKIT_ATTEMPT_RESERVE");
            if (cap.isEmpty() && firstByte.isEmpty() && idle.isEmpty() && reserve.isEmpty()) return base;
            AttemptPolicy.Builder b = base.toBuilder();
            idle.ifPresent(b::idleTimeout);
            if (reserve.isPresent()) {
                try {
                    b.reserve(reserve.get());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("TTSKIT_ATTEMPT_RESERVE: " + e.getMessage(), e);
                }
            }
            if (cap.isPresent()) {
                if (cap.get().compareTo(deadline) > 0) {
                    throw new IllegalArgumentException("TTSKIT_ATTEMPT_TIMEOUT " + cap.get() + " is longer than the request deadline " + deadline);
                }
                b.attemptTimeout(cap.get());
            }
            if (firstByte.isPresent()) {
                if (firstByte.get().compareTo(deadline) > 0) {
                    throw new IllegalArgumentException("TTSKIT_FIRST_BYTE_TIMEOUT " + firstByte.get() + " is longer than the request deadline "
                            + deadline);
                }
                if (cap.isEmpty() && firstByte.get().compareTo(base.attemptTimeout()) > 0) {
                    b.attemptTimeout(firstByte.get());
                }
                b.firstByteTimeout(firstByte.get());
            }
            try {
                return b.build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("TTSKIT_ATTEMPT_TIMEOUT / TTSKIT_FIRST_BYTE_TIMEOUT: " + e.getMessage(), e);
            }
        }

        /**
         * The one {@link Validator} on the class path, or the basic one when there is none. Several
         * fail: which one wins would depend on the class path order.
         */
        private static Validator discoverValidator() {
            List<Validator> found = new ArrayList<>();
            for (Validator v : ServiceLoader.load(Validator.class)) found.add(v);
            if (found.size() > 1) {
                List<String> names = new ArrayList<>();
                for (Validator v : found) names.add(v.getClass().getName());
                throw new IllegalStateException("more than one Validator on the class path: " + String.join(", ", names)
                        + "; remove all but one, or choose one with TtsClient.builder().validator(...)");
            }
            return found.isEmpty() ? new BasicValidator() : found.get(0);
        }

        /** The factories on the class path by id, in the default failover order; one id twice fails. */
        private static Map<String, TtsProviderFactory> discoverFactories() {
            List<TtsProviderFactory> found = new ArrayList<>();
            for (TtsProviderFactory f : ServiceLoader.load(TtsProviderFactory.class)) found.add(f);
            found.sort(TtsProviderFactory.byPriority());
            Map<String, TtsProviderFactory> factories = new LinkedHashMap<>();
            for (TtsProviderFactory f : found) {
                TtsProviderFactory other = factories.putIfAbsent(f.id(), f);
                if (other != null) {
                    throw new IllegalStateException("two provider factories on the class path declare id '" + f.id() + "': "
                            + other.getClass().getName() + " and " + f.getClass().getName() + "; remove one of them");
                }
            }
            return factories;
        }

        /** The shared state configured in the settings, from the one factory that configures it, or null. */
        private static List<TtsProvider> discover(Settings s, @Nullable SharedState shared) {
            Map<String, TtsProviderFactory> factories = discoverFactories();
            Optional<String> listed = s.get("TTSKIT_PROVIDERS");
            List<TtsProvider> out = new ArrayList<>();
            if (listed.isPresent()) {
                for (String raw : listed.get().split(",")) {
                    String id = raw.trim().toLowerCase(Locale.ROOT);
                    if (id.isEmpty()) continue;
                    TtsProviderFactory f = factories.get(id);
                    if (f == null) {
                        throw new IllegalArgumentException("TTSKIT_PROVIDERS names '" + id + "', which is not on the classpath (known: "
                                + factories.keySet() + ")");
                    }
                    out.add(create(f, s, shared).orElseThrow(() -> new IllegalArgumentException(
                            "TTSKIT_PROVIDERS names '" + id + "' but its settings are missing")));
                }
                return out;
            }
            for (TtsProviderFactory f : factories.values()) {
                String id = f.id();
                Optional<TtsProvider> p = create(f, s, shared);
                if (p.isPresent()) out.add(p.get());
                else if (f.enabledByDefault()) log.debug("provider {} is enabled by default but did not configure", id);
            }
            return out;
        }

        private static Optional<TtsProvider> create(TtsProviderFactory f, Settings s, @Nullable SharedState shared) {
            return shared == null ? f.create(s) : f.create(s, shared);
        }
    }
}
