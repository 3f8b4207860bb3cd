package dev.ttskit.replicate;

import com.google.errorprone.annotations.MustBeClosed;
import dev.ttskit.spi.CompletionBus;
import dev.ttskit.ApiKey;
import dev.ttskit.AttemptPolicy;
import dev.ttskit.AudioStream;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.Sleeper;
import dev.ttskit.SpeechResult;
import dev.ttskit.Voice;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.http.BaseUrls;
import dev.ttskit.http.SharedHttpClient;
import dev.ttskit.replicate.internal.Backoff;
import dev.ttskit.replicate.internal.DownloadPolicy;
import dev.ttskit.replicate.internal.ModelProfile;
import dev.ttskit.replicate.internal.ModelRef;
import dev.ttskit.replicate.internal.OutputAudio;
import dev.ttskit.replicate.internal.OutputDownloader;
import dev.ttskit.replicate.internal.Prediction;
import dev.ttskit.replicate.internal.PredictionRunner;
import dev.ttskit.replicate.internal.ReplicateApi;
import dev.ttskit.replicate.internal.WebhookVerifier;
import dev.ttskit.spi.CallCheckpoint;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Text to speech on Replicate: one configured model, run as a prediction, its output fetched safely.
 *
 * <pre>{@code
 * ReplicateProvider replicate = ReplicateProvider.builder()
 *         .apiToken(ApiKey.of(System.getenv("REPLICATE_API_TOKEN")))
 *         .model("minimax/speech-02-turbo")
 *         .build();
 * }</pre>
 *
 * <p>How the adapter learns that a prediction finished is a {@link CompletionStrategy}: webhooks
 * when a webhook URL is configured (receive them with {@link #webhookHandler()} or
 * {@link Builder#webhookReceiver}), otherwise a synchronous create ({@code Prefer: wait}), or
 * polling when asked for. Every prediction carries {@code Cancel-After} from the request's deadline
 * and is cancelled when the caller cancels or the deadline passes.
 *
 * <p>Input mapping is built in for {@code lucataco/xtts-v2}, {@code jaaari/kokoro-82m},
 * {@code minimax/speech-02-turbo} (and its siblings) and {@code resemble-ai/chatterbox}. Any other
 * model gets its text under {@link Builder#rawTextField} plus the request's options prefixed
 * {@code replicate.}, passed through unchanged.
 *
 * <p>{@link #capabilities()} declares what each model produces natively. A WAV output is delivered in
 * the requested linear PCM or G.711 format (decoded from any depth, resampled when the rates
 * differ); MP3 output is returned as MP3, named by its real sample rate and bitrate.
 */
public final class ReplicateProvider implements TtsProvider {
    /** This provider's id. */
    public static final String ID = "replicate";
    /** The API base used when none is configured. */
    public static final String DEFAULT_BASE_URL = "https://api.replicate.com/v1";
    /** Largest output accepted by default: 50 MiB, counted after decompression. */
    public static final long DEFAULT_MAX_DOWNLOAD_BYTES = 50L << 20;
    /** Seconds a synchronous create holds the connection by default. */
    public static final int DEFAULT_SYNC_WAIT_SECONDS = 60;
    /** The most one attempt takes by default: a cold model's prediction and the download of its output. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofMinutes(2);
    /** Beyond a synchronous create's wait, the time its answer is given to arrive. */
    private static final int CREATE_MARGIN_SECONDS = 15;

    private final ModelRef model;
    private final ModelProfile profile;
    private final ProviderCapabilities capabilities;
    private final CompletionStrategy strategy;
    private final int syncWaitSeconds;
    private final @Nullable String webhookUrl;
    private final CompletionBus bus;
    private final boolean ownsBus;
    private final ReplicateApi api;
    private final OutputDownloader downloader;
    private final PredictionRunner runner;
    private final WebhookHandler webhookHandler;
    private final @Nullable WebhookServer webhookServer;
    private final Object secretLock = new Object();
    private volatile byte @Nullable [] webhookKey;
    private volatile boolean closed;

    private ReplicateProvider(Builder b, ApiKey token, ModelRef model) {
        this.model = model;
        this.profile = ModelProfile.forModel(model, b.rawOutputFormat, b.rawTextField, b.maxReferenceBytes);
        // A prediction runs on Replicate's hardware, often after a cold start, and a synchronous create
        // holds the line for up to its wait before the first byte: its attempts get longer limits than
        // a stream's first byte elsewhere. The create never waits past the first-byte limit it gets.
        this.capabilities = profile.capabilities().toBuilder().attemptDefaults(AttemptPolicy.builder()
                .attemptTimeout(ATTEMPT_TIMEOUT)
                .firstByteTimeout(Duration.ofSeconds(Math.min(ATTEMPT_TIMEOUT.toSeconds(), b.syncWaitSeconds + CREATE_MARGIN_SECONDS)))
                .idleTimeout(Duration.ofSeconds(30))
                .build()).build();
        this.strategy = b.strategy != null ? b.strategy : b.webhookUrl != null ? CompletionStrategy.WEBHOOK : CompletionStrategy.SYNC;
        this.syncWaitSeconds = b.syncWaitSeconds;
        this.webhookUrl = b.webhookUrl == null ? null : b.webhookUrl.toString();
        this.webhookKey = b.webhookKey;
        this.ownsBus = b.bus == null;
        this.bus = b.bus != null ? b.bus : CompletionBus.inMemory(b.clock, Duration.ofMinutes(2));
        HttpUrl base = BaseUrls.normalise(b.baseUrl);
        // Sync answers may carry the output as a data URI: allow for its base64 growth.
        this.api = new ReplicateApi(base, token, ID, b.clock, b.maxDownloadBytes / 3 * 4 + (1 << 20));
        DownloadPolicy policy = new DownloadPolicy(b.downloadHosts, base, b.allowLoopbackDownloads);
        this.downloader = new OutputDownloader(policy, Dns.SYSTEM, b.maxDownloadBytes, token, ID);
        this.runner = new PredictionRunner(api, bus, b.sleeper, Backoff.POLLING, b.webhookPatience, ID);
        this.webhookHandler = new WebhookHandler(() -> webhookKey, b.clock, bus);
        // build() refuses a receiver without a URL, so both are set or the receiver is absent.
        InetSocketAddress bind = b.webhookBind;
        HttpUrl hook = b.webhookUrl;
        this.webhookServer = bind == null || hook == null ? null : WebhookServer.start(webhookHandler, bind, hook.encodedPath());
    }

    /**
     * Starts configuring a provider; {@link Builder#apiToken} and {@link Builder#model} are required.
     *
     * @return a new builder with the defaults documented on its setters
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    /** {@return the strategy in use: the configured one, else WEBHOOK when a webhook URL is set, else SYNC} */
    public CompletionStrategy completionStrategy() {
        return strategy;
    }

    /**
     * {@return the handler that verifies and delivers this provider's webhooks, for mounting in any
     * web framework} The same instance on every call; thread-safe. It is not closed separately.
     */
    public WebhookHandler webhookHandler() {
        return webhookHandler;
    }

    /**
     * {@return the built-in receiver, when {@link Builder#webhookReceiver} started one; empty
     * otherwise} It is owned by this provider and closes with it.
     */
    public Optional<WebhookServer> webhookServer() {
        return Optional.ofNullable(webhookServer);
    }

    @Override
    public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
        if (closed) throw new IllegalStateException("replicate provider is closed");
        ctx.checkActive(ID);
        var input = profile.input(request, ID);
        OkHttpClient client = SharedHttpClient.of(ctx.resources());
        PredictionRunner.Mode mode = switch (strategy) {
            case WEBHOOK -> PredictionRunner.Mode.WEBHOOK;
            case SYNC -> PredictionRunner.Mode.SYNC;
            case POLLING -> PredictionRunner.Mode.POLLING;
        };
        if (mode == PredictionRunner.Mode.WEBHOOK) ensureWebhookKey(client, ctx);
        Prediction done = runner.run(mode, client, model, input, webhookUrl, syncWaitSeconds, profile.singleFileOutput(), ctx);
        byte[] bytes = downloader.fetch(client, done.outputFile().orElseThrow(), ctx, done.id());
        OutputAudio audio = OutputAudio.of(bytes, request.format(), ID, done.id());
        return SpeechResult.builder().audio(audio.audio()).format(audio.format()).provider(ID)
                .attempts(ctx.attempt()).providerRequestId(done.id()).build();
    }

    /** Replicate's TTS models return whole files: the stream hands on the finished result. */
    @MustBeClosed
    @Override
    public AudioStream stream(ProviderRequest request, CallContext ctx) {
        return TtsProvider.streamOf(synthesize(request, ctx));
    }

    /** The model's built-in voices where known; cloning models take a recording instead. */
    @Override
    public List<Voice> voices(CallContext ctx) {
        return new ArrayList<>(profile.voices(ID));
    }

    /** Fetches the signing secret once ({@code GET /v1/webhooks/default/secret}) unless it was configured. */
    private void ensureWebhookKey(OkHttpClient client, CallContext ctx) {
        if (webhookKey != null) return;
        synchronized (secretLock) {
            if (webhookKey != null) return;
            String secret = api.webhookSecret(client, ctx);
            try {
                webhookKey = WebhookVerifier.key(secret);
            } catch (IllegalArgumentException e) {
                throw ProviderUnavailableException.builder("webhook secret from the API is unusable: " + e.getMessage())
                        .provider(ID).build();
            }
        }
    }

    /** Cancels the prediction a resumable call left running (see {@link TtsProvider#abandon}). */
    @Override
    public void abandon(CallCheckpoint checkpoint, CallContext ctx) {
        if (closed) return;
        runner.abandon(SharedHttpClient.of(ctx.resources()), ctx.withCheckpoint(checkpoint));
    }

    /** Stops the built-in webhook receiver and fails calls still waiting. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (webhookServer != null) webhookServer.close();
        if (ownsBus) bus.close();
    }

    @Override
    public String toString() {
        return "ReplicateProvider[model=" + model + ", completion=" + strategy + ", base=" + api.base() + "]";
    }

    /** Builds a {@link ReplicateProvider}; setters fail fast with the bad value in the message. */
    public static final class Builder {
        private @Nullable ApiKey token;
        private String baseUrl = DEFAULT_BASE_URL;
        private @Nullable ModelRef model;
        private @Nullable CompletionStrategy strategy;
        private int syncWaitSeconds = DEFAULT_SYNC_WAIT_SECONDS;
        private @Nullable HttpUrl webhookUrl;
        private byte @Nullable [] webhookKey;
        private long maxDownloadBytes = DEFAULT_MAX_DOWNLOAD_BYTES;
        private long maxReferenceBytes = 10L << 20;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private @Nullable CompletionBus bus;
        private final List<String> downloadHosts = new ArrayList<>(List.of("replicate.delivery"));
        private boolean allowLoopbackDownloads;
        private Duration webhookPatience = Duration.ofDays(1);
        private @Nullable InetSocketAddress webhookBind;
        private String rawTextField = "text";
        private AudioFormat rawOutputFormat = AudioFormat.WAV_PCM16_24K;

        private Builder() {
        }

        /**
         * Required: the API token ({@code r8_...}).
         *
         * @param value the token, sent as a bearer credential and never logged
         * @return this builder
         * @throws NullPointerException when {@code value} is null
         */
        public Builder apiToken(ApiKey value) {
            token = Objects.requireNonNull(value, "apiToken");
            return this;
        }

        /**
         * The API base, with or without {@code /v1}; {@value #DEFAULT_BASE_URL} by default.
         *
         * @param value an http(s) URL without user info
         * @return this builder
         * @throws NullPointerException when {@code value} is null
         * @throws IllegalArgumentException when it is not an http(s) URL or carries user info
         */
        public Builder baseUrl(String value) {
            Objects.requireNonNull(value, "baseUrl");
            BaseUrls.normalise(value);
            baseUrl = value;
            return this;
        }

        /**
         * Required: {@code owner/name} (models endpoint) or {@code owner/name:version} (pinned version).
         *
         * @param value the model reference
         * @return this builder
         * @throws IllegalArgumentException when it has neither form, or the version is not a version id
         */
        public Builder model(String value) {
            model = ModelRef.parse(value);
            return this;
        }

        /**
         * How completion is detected; by default WEBHOOK when a webhook URL is set, else SYNC.
         *
         * @param value the strategy; WEBHOOK needs {@link #webhookUrl} (checked by {@link #build()})
         * @return this builder
         * @throws NullPointerException when {@code value} is null
         */
        public Builder completion(CompletionStrategy value) {
            strategy = Objects.requireNonNull(value, "completion");
            return this;
        }

        /**
         * Seconds a synchronous create may hold the connection ({@code Prefer: wait=N});
         * {@value #DEFAULT_SYNC_WAIT_SECONDS} by default. An attempt's first-byte limit is this plus
         * 15 seconds, capped at {@link #ATTEMPT_TIMEOUT}.
         *
         * @param value seconds, 1..60
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is outside 1..60
         */
        public Builder syncWaitSeconds(int value) {
            if (value < 1 || value > 60) throw new IllegalArgumentException("syncWaitSeconds must be 1..60, was " + value);
            syncWaitSeconds = value;
            return this;
        }

        /**
         * The https URL Replicate posts finished predictions to; its path is what the receiver serves.
         * Unset by default; setting it makes WEBHOOK the default strategy.
         *
         * @param value an https URL without user info; surrounding whitespace is ignored
         * @return this builder
         * @throws NullPointerException when {@code value} is null
         * @throws IllegalArgumentException when it is not an https URL or carries user info
         */
        public Builder webhookUrl(String value) {
            Objects.requireNonNull(value, "webhookUrl");
            HttpUrl url = HttpUrl.parse(value.trim());
            if (url == null || !url.isHttps()) {
                throw new IllegalArgumentException("webhookUrl must be an https URL"
                        + (url == null ? "" : ", was " + url.redact()));
            }
            if (!url.username().isEmpty() || !url.password().isEmpty()) {
                throw new IllegalArgumentException("webhookUrl must not carry user info (user:password@): " + url.redact());
            }
            webhookUrl = url;
            return this;
        }

        /**
         * The webhook signing secret ({@code whsec_...}); fetched from the API on first use when not set.
         *
         * @param value the secret as Replicate shows it, with or without the {@code whsec_} prefix
         * @return this builder
         * @throws IllegalArgumentException when it is missing, empty, not base64 or does not decode to
         *     24..64 bytes (the message never holds it)
         */
        public Builder webhookSecret(String value) {
            webhookKey = WebhookVerifier.key(value);
            return this;
        }

        /**
         * Largest output accepted, counted on the decoded bytes; 50 MiB by default. A larger output
         * fails the attempt rather than being truncated.
         *
         * @param value bytes, at least 1024
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is below 1024
         */
        public Builder maxDownloadBytes(long value) {
            if (value < 1024) throw new IllegalArgumentException("maxDownloadBytes must be >= 1024, was " + value);
            maxDownloadBytes = value;
            return this;
        }

        /**
         * Largest local voice reference sent inline as a data URI; 10 MiB by default.
         *
         * @param value bytes, at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is below 1
         */
        public Builder maxReferenceBytes(long value) {
            if (value < 1) throw new IllegalArgumentException("maxReferenceBytes must be >= 1, was " + value);
            maxReferenceBytes = value;
            return this;
        }

        /**
         * Checks webhook timestamps and expires remembered webhook ids; the system UTC clock by default.
         *
         * @param value the clock
         * @return this builder
         * @throws NullPointerException when {@code value} is null
         */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Waits between polls; {@link Sleeper#SYSTEM} by default. Tests inject one that does not sleep.
         *
         * @param value the sleeper
         * @return this builder
         * @throws NullPointerException when {@code value} is null
         */
        public Builder sleeper(Sleeper value) {
            sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /**
         * Where webhooks meet waiting calls; an in-memory bus of this provider by default. A bus given
         * here (a shared one, such as tts-cluster's on PostgreSQL, when several instances sit behind
         * one webhook URL) stays open when the provider closes: the caller
         * closes it. The default one closes with the provider.
         *
         * @param value the bus
         * @return this builder
         * @throws NullPointerException when {@code value} is null
         */
        public Builder completionBus(CompletionBus value) {
            bus = Objects.requireNonNull(value, "completionBus");
            return this;
        }

        /**
         * Another host (with its subdomains) that outputs may be fetched from over https; only
         * {@code replicate.delivery} is allowed by default. May be called several times.
         *
         * @param host a host name with at least one dot, such as {@code files.example.com}
         * @return this builder
         * @throws NullPointerException when {@code host} is null
         * @throws IllegalArgumentException when it is not such a host name
         */
        public Builder allowDownloadHost(String host) {
            Objects.requireNonNull(host, "host");
            String h = host.trim();
            if (h.isEmpty() || !h.matches("[A-Za-z0-9.-]+") || h.startsWith(".") || !h.contains(".")) {
                throw new IllegalArgumentException("download host must be a host name such as files.example.com, was '" + host + "'");
            }
            downloadHosts.add(h);
            return this;
        }

        /**
         * Allows plain-http downloads from loopback addresses (tests with a local server). Off by default.
         *
         * @param value true to allow them
         * @return this builder
         */
        public Builder allowLoopbackDownloads(boolean value) {
            allowLoopbackDownloads = value;
            return this;
        }

        /**
         * How long to wait for a webhook before checking the prediction with a GET. A GET runs just
         * before the deadline in any case; by default (one day) that is the only one.
         *
         * @param value a positive duration
         * @return this builder
         * @throws NullPointerException when {@code value} is null
         * @throws IllegalArgumentException when {@code value} is zero or negative
         */
        public Builder webhookPatience(Duration value) {
            Objects.requireNonNull(value, "webhookPatience");
            if (value.isNegative() || value.isZero()) throw new IllegalArgumentException("webhookPatience must be positive, was " + value);
            webhookPatience = value;
            return this;
        }

        /**
         * Starts a {@link WebhookServer} on this address serving the webhook URL's path; it closes with
         * the provider. Needs {@link #webhookUrl}. None is started by default.
         *
         * @param bind the local address and port to listen on (port 0 picks a free one)
         * @return this builder
         * @throws NullPointerException when {@code bind} is null
         */
        public Builder webhookReceiver(InetSocketAddress bind) {
            webhookBind = Objects.requireNonNull(bind, "bind");
            return this;
        }

        /**
         * The input field that takes the text for models without a built-in mapping; {@code text} by default.
         *
         * @param value a field name: a letter or underscore, then at most 63 letters, digits or underscores
         * @return this builder
         * @throws NullPointerException when {@code value} is null
         * @throws IllegalArgumentException when it is not such a name
         */
        public Builder rawTextField(String value) {
            Objects.requireNonNull(value, "rawTextField");
            if (!value.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
                throw new IllegalArgumentException("rawTextField must be an input field name, was '" + value + "'");
            }
            rawTextField = value;
            return this;
        }

        /**
         * What a model without a built-in mapping returns; WAV 24 kHz by default.
         *
         * @param value the model's native output format
         * @return this builder
         * @throws NullPointerException when {@code value} is null
         */
        public Builder rawOutputFormat(AudioFormat value) {
            rawOutputFormat = Objects.requireNonNull(value, "rawOutputFormat");
            return this;
        }

        /**
         * Creates the provider and, when {@link #webhookReceiver} was set, starts its receiver. The
         * caller closes the provider (directly or through the client it is given to).
         *
         * @return a new, open provider
         * @throws IllegalStateException when the token or model is missing, or the configuration is
         *                               inconsistent (webhooks without a URL)
         * @throws java.io.UncheckedIOException when the webhook receiver cannot bind
         */
        public ReplicateProvider build() {
            ApiKey key = token;
            ModelRef ref = model;
            if (key == null) throw new IllegalStateException("apiToken is required");
            if (ref == null) throw new IllegalStateException("model is required (owner/name or owner/name:version)");
            if (strategy == CompletionStrategy.WEBHOOK && webhookUrl == null) {
                throw new IllegalStateException("completion WEBHOOK needs a webhookUrl");
            }
            if (webhookBind != null && webhookUrl == null) throw new IllegalStateException("webhookReceiver needs a webhookUrl");
            return new ReplicateProvider(this, key, ref);
        }
    }
}
