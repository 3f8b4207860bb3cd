package dev.ttskit;

import dev.ttskit.internal.BasicValidator;
import dev.ttskit.internal.CancellableFuture;
import dev.ttskit.internal.ClientConfig;
import dev.ttskit.internal.routing.FirstCapableRouter;
import dev.ttskit.internal.routing.Router;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ResourceManager;
import dev.ttskit.spi.ResourceStats;
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

    /** Default failover order of providers configured from the environment. */
    public static final List<String> DEFAULT_PROVIDER_ORDER = List.of("elevenlabs", "replicate", "local-xtts", "marytts");

    private final ClientConfig config;
    private final Router router;
    private final ResourceManager resources;
    private volatile boolean closed;

    private TtsClient(ClientConfig config) {
        this.config = config;
        this.resources = config.resources();
        this.router = new FirstCapableRouter(config);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from system properties and environment variables (see {@link Settings}):
     * the providers whose settings are present, in {@code TTSKIT_PROVIDERS} order or the default
     * order, with the embedded voice last when it is on the classpath.
     */
    public static TtsClient fromEnv() {
        return builder().settings(Settings.fromEnv()).build();
    }

    /** Speaks the request and returns the whole audio. Blocks until done, failed or past the deadline. */
    public SpeechResult synthesize(SpeechRequest request) {
        return router.synthesize(prepare(request), new CancellationToken());
    }

    /**
     * Like {@link #synthesize}, on the client's worker threads. Cancelling the future stops the
     * provider call in flight.
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
            future.completeExceptionally(new CancelledException("client is closed"));
        }
        return future;
    }

    /**
     * Streams the audio as the provider sends it. Retry and failover happen only before the first
     * byte; a failure after it surfaces as a {@link StreamInterruptedException} from {@code read}.
     * Close the stream (try-with-resources); closing early cancels the provider call.
     */
    public AudioStream stream(SpeechRequest request) {
        return router.stream(prepare(request), new CancellationToken());
    }

    /**
     * Speaks a text of any length: split on sentence boundaries within the strictest limit of the
     * candidate providers, synthesized chunk by chunk, reassembled in order. Progress is reported
     * monotonically and ends at exactly 100.
     */
    public LongSpeechResult synthesizeLong(SpeechRequest request, ProgressListener progress) {
        Objects.requireNonNull(progress, "progress");
        ensureOpen();
        SpeechRequest cleaned = config.validator().validate(request);
        return router.synthesizeLong(cleaned, progress, new CancellationToken());
    }

    /** The voices of every provider; a provider that fails to list them is skipped and logged. */
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

    /** The voices of one provider. */
    public List<Voice> voices(String providerId) {
        ensureOpen();
        TtsProvider provider = config.providers().stream().filter(p -> p.id().equals(providerId)).findFirst()
                .orElseThrow(() -> new UnsupportedRequestException("provider " + providerId + " is not configured"));
        return provider.voices(CallContext.of(config.defaultTimeout(), config.clock(), new CancellationToken(), resources));
    }

    /** Each provider's health, in priority order. */
    public List<ProviderHealth> health() {
        return router.health();
    }

    /** The configured provider ids, in priority order. */
    public List<String> providerIds() {
        return config.providers().stream().map(TtsProvider::id).toList();
    }

    /** What the client's resource manager holds now (open streams, temp files, models, connections). */
    public ResourceStats resources() {
        return resources.stats();
    }

    private SpeechRequest prepare(SpeechRequest request) {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        SpeechRequest cleaned = config.validator().validate(request);
        if (cleaned.text().length() > config.maxTextChars()) {
            throw new ValidationException("text has " + cleaned.text().length() + " characters; the limit for one request is "
                    + config.maxTextChars() + " (use synthesizeLong for longer text)");
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
        private Settings settings;
        private Validator validator;
        private Duration timeout;
        private Integer maxTextChars;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private HttpSettings httpSettings = HttpSettings.DEFAULTS;
        private Consumer<ResourceManager.Builder> resourceSettings = b -> { };

        private Builder() {
        }

        /** Adds a provider; providers are tried in the order added. */
        public Builder provider(TtsProvider provider) {
            Objects.requireNonNull(provider, "provider");
            providers.add(provider);
            return this;
        }

        /** Maps a logical voice onto providers: {@code .voice("narrator", v -> v.on("elevenlabs", "21m00...")) }. */
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
         */
        public Builder settings(Settings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** The validator; by default tts-validation's when on the classpath, else a basic check. */
        public Builder validator(Validator value) {
            this.validator = Objects.requireNonNull(value, "validator");
            return this;
        }

        /** Deadline budget for requests that set none (default 60 s, or TTSKIT_TIMEOUT). */
        public Builder timeout(Duration value) {
            Objects.requireNonNull(value, "timeout");
            if (value.isNegative() || value.isZero()) throw new IllegalArgumentException("timeout must be positive, was " + value);
            this.timeout = value;
            return this;
        }

        /** Longest text for one synthesize or stream call (default 10,000, or TTSKIT_MAX_TEXT_CHARS). */
        public Builder maxTextChars(int value) {
            if (value < 1) throw new IllegalArgumentException("maxTextChars must be >= 1, was " + value);
            this.maxTextChars = value;
            return this;
        }

        public Builder listener(TtsListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /** The clock for deadlines and breakers; inject a fake one in tests. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How retries wait; inject a fake one so tests never sleep. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** Settings of the shared HTTP client. */
        public Builder httpSettings(HttpSettings value) {
            this.httpSettings = Objects.requireNonNull(value, "httpSettings");
            return this;
        }

        /** Tunes the resource manager (open-stream limit, idle timeouts, model memory budget). */
        public Builder resources(Consumer<ResourceManager.Builder> value) {
            this.resourceSettings = Objects.requireNonNull(value, "resources");
            return this;
        }

        /**
         * @throws IllegalArgumentException when a setting is invalid or names an unknown provider
         * @throws IllegalStateException    when no provider is configured
         */
        public TtsClient build() {
            Settings s = settings == null ? Settings.of(Map.of()) : settings;
            List<TtsProvider> chain = providers.isEmpty() && settings != null ? discover(s) : List.copyOf(providers);
            if (chain.isEmpty()) throw new IllegalStateException("no provider configured");
            Set<String> ids = new HashSet<>();
            for (TtsProvider p : chain) {
                if (!ids.add(p.id())) throw new IllegalArgumentException("provider " + p.id() + " is configured twice");
            }
            Duration deadline = timeout != null ? timeout : s.duration("TTSKIT_TIMEOUT").orElse(DEFAULT_TIMEOUT);
            int textLimit = maxTextChars != null ? maxTextChars
                    : Math.toIntExact(s.number("TTSKIT_MAX_TEXT_CHARS").orElse((long) DEFAULT_MAX_TEXT_CHARS));
            if (textLimit < 1) throw new IllegalArgumentException("TTSKIT_MAX_TEXT_CHARS must be >= 1, was " + textLimit);
            Validator v = validator != null ? validator
                    : ServiceLoader.load(Validator.class).findFirst().orElseGet(BasicValidator::new);
            ResourceManager.Builder rb = ResourceManager.builder().httpSettings(httpSettings).clock(clock);
            resourceSettings.accept(rb);
            ClientConfig config = new ClientConfig(chain, voices, v, deadline, textLimit, clock, sleeper, listeners, rb.build());
            return new TtsClient(config);
        }

        private static List<TtsProvider> discover(Settings s) {
            Map<String, TtsProviderFactory> factories = new LinkedHashMap<>();
            for (TtsProviderFactory f : ServiceLoader.load(TtsProviderFactory.class)) factories.putIfAbsent(f.id(), f);
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
                    out.add(f.create(s).orElseThrow(() -> new IllegalArgumentException(
                            "TTSKIT_PROVIDERS names '" + id + "' but its settings are missing")));
                }
                return out;
            }
            List<String> order = new ArrayList<>(DEFAULT_PROVIDER_ORDER);
            factories.keySet().stream().filter(id -> !order.contains(id)).forEach(id -> order.add(order.size() - 1, id));
            for (String id : order) {
                TtsProviderFactory f = factories.get(id);
                if (f == null) continue;
                Optional<TtsProvider> p = f.create(s);
                if (p.isPresent()) out.add(p.get());
                else if (f.enabledByDefault()) log.debug("provider {} is enabled by default but did not configure", id);
            }
            return out;
        }
    }
}
