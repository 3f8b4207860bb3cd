package dev.ttskit.elevenlabs;

import com.google.errorprone.annotations.MustBeClosed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ttskit.ApiKey;
import dev.ttskit.AudioStream;
import dev.ttskit.SpeechResult;
import dev.ttskit.TimedSpan;
import dev.ttskit.Voice;
import dev.ttskit.elevenlabs.internal.CatalogParser;
import dev.ttskit.elevenlabs.internal.ElevenLabsApi;
import dev.ttskit.elevenlabs.internal.ModelTable;
import dev.ttskit.elevenlabs.internal.OutputFormats;
import dev.ttskit.elevenlabs.internal.PreparedSpeech;
import dev.ttskit.elevenlabs.internal.RequestMapper;
import dev.ttskit.elevenlabs.internal.WebSocketInputSession;
import dev.ttskit.http.BaseUrls;
import dev.ttskit.http.HttpCalls;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The ElevenLabs text-to-speech adapter: whole-file and streamed synthesis, character timestamps,
 * WebSocket input streaming, and the voice, model and subscription calls.
 *
 * <pre>{@code
 * TtsProvider elevenLabs = ElevenLabsProvider.builder()
 *         .apiKey(ApiKey.of(System.getenv("ELEVENLABS_API_KEY")))
 *         .modelId("eleven_flash_v2_5")
 *         .build();
 * }</pre>
 *
 * <p>Calls go through the shared HTTP client of the call's {@link dev.ttskit.spi.ResourceManager}, which
 * never follows redirects: the key is sent, as {@code xi-api-key}, to the configured host only.
 * Requests are checked before any I/O (text length per model, parameter ranges, at most three
 * request ids). Per-request options use the API's names, given as {@code elevenlabs.<name>} on a
 * {@link dev.ttskit.SpeechRequest}: {@code model_id}, {@code stability}, {@code similarity_boost},
 * {@code style}, {@code use_speaker_boost}, {@code previous_text}, {@code next_text},
 * {@code previous_request_ids} and {@code next_request_ids} (comma-separated, at most three),
 * {@code apply_text_normalization}, {@code pronunciation_dictionary_locators} (comma-separated
 * {@code id} or {@code id:version}, at most three), and {@code timestamps} ({@code true} makes
 * {@link #synthesize} use the with-timestamps endpoint).
 */
public final class ElevenLabsProvider implements TtsProvider {
    /** The provider id. */
    public static final String ID = "elevenlabs";
    /** The production API. */
    public static final String DEFAULT_BASE_URL = "https://api.elevenlabs.io";
    /** US API host. */
    public static final String US_BASE_URL = "https://api.us.elevenlabs.io";
    /** EU data-residency host. */
    public static final String EU_RESIDENCY_BASE_URL = "https://api.eu.residency.elevenlabs.io";
    /** India data-residency host. */
    public static final String INDIA_RESIDENCY_BASE_URL = "https://api.in.residency.elevenlabs.io";
    /** Singapore data-residency host. */
    public static final String SINGAPORE_RESIDENCY_BASE_URL = "https://api.sg.residency.elevenlabs.io";
    /** The voice used when neither the request nor the builder names one (the premade voice "Rachel"). */
    public static final String DEFAULT_VOICE_ID = "21m00Tcm4TlvDq8ikWAM";
    /** The server's default inactivity timeout of an input-streaming session. */
    public static final Duration DEFAULT_INACTIVITY_TIMEOUT = Duration.ofSeconds(20);

    private final ApiKey apiKey;
    private final ElevenLabsApi api;
    private final String defaultVoiceId;
    private final String modelId;
    private final VoiceSettings voiceSettings;
    private final @Nullable TextNormalization textNormalization;
    private final @Nullable Integer configuredConcurrency;
    private final @Nullable Duration inactivityTimeout;
    private final Duration keepAliveInterval;
    private final @Nullable List<Integer> chunkLengthSchedule;
    private final ConcurrentHashMap<String, Integer> reportedLimits = new ConcurrentHashMap<>();
    private final Set<InputStreamingSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RequestMapper mapper;
    private volatile ProviderCapabilities capabilities;

    private ElevenLabsProvider(Builder b, ApiKey apiKey) {
        this.apiKey = apiKey;
        this.api = new ElevenLabsApi(ID, apiKey, b.baseUrl, b.enableLogging, b.maxConcurrentCalls != null);
        this.defaultVoiceId = b.defaultVoiceId;
        this.modelId = b.modelId;
        this.voiceSettings = b.voiceSettings;
        this.textNormalization = b.textNormalization;
        this.configuredConcurrency = b.maxConcurrentCalls;
        this.inactivityTimeout = b.inactivityTimeout;
        this.keepAliveInterval = b.keepAliveInterval != null ? b.keepAliveInterval
                : Duration.ofMillis((b.inactivityTimeout != null ? b.inactivityTimeout : DEFAULT_INACTIVITY_TIMEOUT).toMillis() * 3 / 4);
        this.chunkLengthSchedule = b.chunkLengthSchedule;
        this.mapper = new RequestMapper(ID, defaultVoiceId, modelId, voiceSettings, textNormalization, this::maxCharsOf);
        this.capabilities = buildCapabilities();
    }

    /** {@return a builder with the defaults: the production host, {@link #DEFAULT_VOICE_ID} and {@code eleven_multilingual_v2}} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * Formats: MP3, Opus, µ-law and A-law natively, raw PCM at 8 to 48 kHz, and WAV over that PCM.
     * The character limit is the configured model's (updated by {@link #models}).
     */
    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    /** {@return the base URL calls go to, normalised: ending in a slash, without {@code /v1}} */
    public String baseUrl() {
        return api.baseUrl().toString();
    }

    /** {@return the model used when a request names none} */
    public String modelId() {
        return modelId;
    }

    /** {@return the voice used when a request names none} */
    public String defaultVoiceId() {
        return defaultVoiceId;
    }

    /**
     * {@return the account's concurrency limit as last reported in a {@code maximum-concurrent-requests}
     * header; empty before the first answer that carried one} Safe to read from any thread.
     */
    public OptionalInt reportedConcurrencyLimit() {
        return api.reportedConcurrencyLimit();
    }

    /**
     * {@code POST /v1/text-to-speech/{voice_id}}: the whole file in the requested format. With the
     * option {@code timestamps=true} this is {@link #synthesizeWithTimestamps}.
     */
    @Override
    public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
        if (Boolean.parseBoolean(String.valueOf(request.options().get("timestamps")))) {
            return synthesizeWithTimestamps(request, ctx);
        }
        PreparedSpeech speech = mapper.prepare(request, true);
        try (HttpCalls.InFlight call = api.executeAudio(post(speech, ""), ctx)) {
            Response response = call.response();
            String requestId = api.requestIdOf(response);
            byte[] audio = api.readBody(call, ctx, requestId);
            return api.result(speech, audio, response, null);
        }
    }

    /**
     * {@code POST …/stream}: returns once ElevenLabs has answered with a success status, then hands the
     * bytes on as they arrive. A failure after the first byte reached the caller is read as an
     * {@link java.io.IOException} whose cause is a {@link dev.ttskit.StreamInterruptedException}. Closing the
     * stream cancels the call.
     */
    @MustBeClosed
    @Override
    public AudioStream stream(ProviderRequest request, CallContext ctx) {
        PreparedSpeech speech = mapper.prepare(request, true);
        return api.audioStream(speech, api.executeAudio(post(speech, "/stream"), ctx), ctx);
    }

    /**
     * {@code POST …/with-timestamps}: the whole file plus character timings (the original text's
     * alignment, else the normalised text's), with word timings derived from them. Alignment arrays
     * that do not line up are dropped; the audio is kept.
     *
     * @param request the planned request (text, voice, format, options); not null
     * @param ctx     the call's deadline, cancellation and shared resources; not null
     * @return the whole audio with its timestamps, once every byte has arrived
     * @throws dev.ttskit.ValidationException when the request breaks a limit of the model or an option's range,
     *                                        before any I/O
     * @throws dev.ttskit.TtsException         when ElevenLabs refuses or fails the call; its category, provider
     *                                        status and error code are ElevenLabs' answer
     * @throws IllegalStateException           after {@link #close()}
     */
    public SpeechResult synthesizeWithTimestamps(ProviderRequest request, CallContext ctx) {
        PreparedSpeech speech = mapper.prepare(request, true);
        try (HttpCalls.InFlight call = api.execute(post(speech, "/with-timestamps"), ctx)) {
            Response response = call.response();
            String requestId = api.requestIdOf(response);
            return api.timestampedResult(speech, api.readBody(call, ctx, requestId), response);
        }
    }

    /**
     * {@code POST …/stream/with-timestamps}: the audio decoded from the newline-delimited JSON as each
     * line arrives; each chunk's character timings reach {@code onCharacters} (on the reading thread)
     * before its audio is handed on. Chunk times are put on one timeline whether ElevenLabs sends them
     * cumulative or chunk-relative.
     *
     * @param request the planned request (text, voice, format, options); not null
     * @param ctx     the call's deadline, cancellation and shared resources; not null
     * @param onCharacters receives each chunk's character timings; not null
     * @return the audio, open until read to its end or closed; the caller closes it, which cancels the call
     * @throws dev.ttskit.ValidationException when the request breaks a limit of the model or an option's range,
     *                                        before any I/O
     * @throws dev.ttskit.TtsException         when ElevenLabs refuses or fails the call; its category, provider
     *                                        status and error code are ElevenLabs' answer
     * @throws IllegalStateException           after {@link #close()}
     */
    public AudioStream streamWithTimestamps(ProviderRequest request, CallContext ctx, Consumer<List<TimedSpan>> onCharacters) {
        Objects.requireNonNull(onCharacters, "onCharacters");
        PreparedSpeech speech = mapper.prepare(request, true);
        return api.timestampedStream(speech, api.execute(post(speech, "/stream/with-timestamps"), ctx), ctx, onCharacters);
    }

    /**
     * Opens a WebSocket input-streaming session ({@code …/stream-input}) with the request's voice,
     * format, model and voice settings; the request's text, when not blank, is the first piece sent.
     * The session lives until its audio ends, it is closed, the context's deadline passes or the
     * context is cancelled.
     *
     * @param request      the planned request: voice, format, model, settings and the first piece of text
     *                     (may be blank); not null
     * @param ctx          the session's deadline, cancellation and shared resources; not null
     * @param onCharacters receives each audio chunk's character timings (on the socket's thread); not null
     * @return the open session; the caller closes it, and {@link #close()} closes every session still open
     * @throws dev.ttskit.ValidationException when the request breaks a limit of the model or an option's range
     * @throws IllegalStateException           after {@link #close()}
     */
    public InputStreamingSession openInputStream(ProviderRequest request, CallContext ctx, Consumer<List<TimedSpan>> onCharacters) {
        Objects.requireNonNull(onCharacters, "onCharacters");
        ensureOpen();
        PreparedSpeech speech = mapper.prepare(request, false);
        Request upgrade = api.inputStreamUpgrade(speech, inactivityTimeout);
        ObjectNode init = ElevenLabsApi.inputStreamInit(speech, chunkLengthSchedule);
        WebSocketInputSession session = new WebSocketInputSession(ElevenLabsApi.client(ctx), upgrade, init, speech.format(), ID, ctx,
                api.errors(ctx), keepAliveInterval, onCharacters, sessions);
        try {
            if (!request.text().isBlank()) session.send(request.text());
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    /** {@code GET /v1/voices}: the account's voices, labels (accent, gender...) kept as labels. */
    @Override
    public List<Voice> voices(CallContext ctx) {
        JsonNode root = getJson(api.v1().addPathSegment("voices").build(), ctx);
        try {
            return CatalogParser.voices(root, ID);
        } catch (IllegalArgumentException e) {
            throw api.unreadable("voices", e);
        }
    }

    /**
     * {@code GET /v1/models}: the models and their per-request character limits. The limits reported
     * here replace the built-in table for later requests and for {@link #capabilities()}.
     *
     * @param ctx the call's deadline, cancellation and shared resources; not null
     * @return the models, in the order ElevenLabs lists them
     * @throws dev.ttskit.TtsException when ElevenLabs refuses or fails the call, or its answer cannot be read
     * @throws IllegalStateException   after {@link #close()}
     */
    public List<ElevenLabsModel> models(CallContext ctx) {
        JsonNode root = getJson(api.v1().addPathSegment("models").build(), ctx);
        List<ElevenLabsModel> models;
        try {
            models = CatalogParser.models(root);
        } catch (IllegalArgumentException e) {
            throw api.unreadable("models", e);
        }
        for (ElevenLabsModel m : models) {
            m.maxCharacters().ifPresent(limit -> reportedLimits.put(m.id(), limit));
        }
        capabilities = buildCapabilities();
        return models;
    }

    /**
     * {@code GET /v1/user/subscription}: characters used and allowed, and when the count resets.
     *
     * @param ctx the call's deadline, cancellation and shared resources; not null
     * @return the account's quota as of this call
     * @throws dev.ttskit.TtsException when ElevenLabs refuses or fails the call, or its answer cannot be read
     * @throws IllegalStateException   after {@link #close()}
     */
    public Subscription subscription(CallContext ctx) {
        JsonNode root = getJson(api.v1().addPathSegment("user").addPathSegment("subscription").build(), ctx);
        try {
            return CatalogParser.subscription(root);
        } catch (IllegalArgumentException e) {
            throw api.unreadable("subscription", e);
        }
    }

    /** Closes open input-streaming sessions. The shared HTTP client belongs to the resource manager. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        for (InputStreamingSession s : List.copyOf(sessions)) s.close();
    }

    @Override
    public String toString() {
        return "ElevenLabsProvider[baseUrl=" + api.baseUrl() + ", model=" + modelId + ", voice=" + defaultVoiceId + ", apiKey=" + apiKey + "]";
    }

    private int maxCharsOf(String model) {
        Integer reported = reportedLimits.get(model);
        return reported != null ? reported : ModelTable.maxChars(model);
    }

    private ProviderCapabilities buildCapabilities() {
        int maxChars = maxCharsOf(modelId);
        return ProviderCapabilities.builder()
                .formats(OutputFormats.deliverable())
                .streaming(true)
                .timestamps(true)
                .voiceCloning(false)
                .languages(ModelTable.languages(modelId))
                .maxChars(maxChars)
                // No byte limit of its own: characters are the only cap (a code point is at most 4 UTF-8 bytes).
                .maxUtf8Bytes(Math.max(1, (int) Math.min(Integer.MAX_VALUE, 4L * maxChars)))
                .parameter("speed", VoiceSettings.MIN_SPEED, VoiceSettings.MAX_SPEED)
                .parameter("stability", 0.0, 1.0)
                .parameter("similarity_boost", 0.0, 1.0)
                .parameter("style", 0.0, 1.0)
                // Every request, HTTP or WebSocket, runs under the context's deadline as its call timeout
                // and is cancelled with its token: the router may call it on the caller's thread.
                .honoursDeadline(true)
                .paid(true)
                .local(false)
                .maxConcurrentCalls(configuredConcurrency != null ? configuredConcurrency : ModelTable.defaultConcurrency(modelId))
                .build();
    }

    private Request post(PreparedSpeech speech, String suffix) {
        ensureOpen();
        return api.speechPost(speech, suffix);
    }

    private JsonNode getJson(HttpUrl url, CallContext ctx) {
        ensureOpen();
        return api.getJson(url, ctx);
    }

    private void ensureOpen() {
        if (closed.get()) throw new IllegalStateException("the ElevenLabs provider is closed");
    }

    /** Builds an {@link ElevenLabsProvider}; setters fail fast with the bad value in the message. */
    public static final class Builder {
        private @Nullable ApiKey apiKey;
        private HttpUrl baseUrl = BaseUrls.normalise(DEFAULT_BASE_URL);
        private String defaultVoiceId = DEFAULT_VOICE_ID;
        private String modelId = ModelTable.DEFAULT_MODEL;
        private VoiceSettings voiceSettings = VoiceSettings.none();
        private @Nullable TextNormalization textNormalization;
        private boolean enableLogging = true;
        private @Nullable Integer maxConcurrentCalls;
        private @Nullable Duration inactivityTimeout;
        private @Nullable Duration keepAliveInterval;
        private @Nullable List<Integer> chunkLengthSchedule;

        private Builder() {
        }

        /**
         * Required. Sent as {@code xi-api-key} to the configured host only.
         *
         * @param key the account's API key; not null
         * @return this builder
         */
        public Builder apiKey(ApiKey key) {
            this.apiKey = Objects.requireNonNull(key, "apiKey");
            return this;
        }

        /**
         * The API host, with or without a trailing {@code /v1}: {@link #DEFAULT_BASE_URL}, a residency
         * host such as {@link #EU_RESIDENCY_BASE_URL}, or a test server.
         *
         * @param url an {@code http} or {@code https} URL; not null
         * @return this builder
         * @throws IllegalArgumentException when it is not an http(s) URL
         */
        public Builder baseUrl(String url) {
            this.baseUrl = BaseUrls.normalise(Objects.requireNonNull(url, "baseUrl"));
            return this;
        }

        /**
         * The voice for requests that name none; {@link #DEFAULT_VOICE_ID} unless set.
         *
         * @param voiceId an ElevenLabs voice id; not null
         * @return this builder
         * @throws IllegalArgumentException when it is not a valid voice id
         */
        public Builder defaultVoiceId(String voiceId) {
            this.defaultVoiceId = dev.ttskit.VoiceId.of(Objects.requireNonNull(voiceId, "defaultVoiceId")).value();
            return this;
        }

        /**
         * The model for requests that name none; {@code eleven_multilingual_v2} unless set. It also sets the
         * character limit and the default concurrency the router plans with.
         *
         * @param model 1 to 128 letters, digits, {@code _}, {@code .}, {@code +} or {@code -}; not null
         * @return this builder
         * @throws IllegalArgumentException when it has another form
         */
        public Builder modelId(String model) {
            Objects.requireNonNull(model, "modelId");
            if (model.isBlank() || !model.matches("[A-Za-z0-9_.+\\-]{1,128}")) {
                throw new IllegalArgumentException("modelId must be 1..128 letters, digits, '_', '.', '+' or '-', was '" + model + "'");
            }
            this.modelId = model;
            return this;
        }

        /**
         * Voice settings sent with every request; a request's own options override single members.
         * Unless set, none are sent and each voice's stored settings apply.
         *
         * @param settings the settings; not null
         * @return this builder
         */
        public Builder voiceSettings(VoiceSettings settings) {
            this.voiceSettings = Objects.requireNonNull(settings, "voiceSettings");
            return this;
        }

        /**
         * {@code apply_text_normalization} for every request; not sent (the API's {@code auto}) unless set.
         * A request's {@code elevenlabs.apply_text_normalization} option overrides it.
         *
         * @param normalization the mode; not null
         * @return this builder
         */
        public Builder applyTextNormalization(TextNormalization normalization) {
            this.textNormalization = Objects.requireNonNull(normalization, "applyTextNormalization");
            return this;
        }

        /**
         * {@code false} sends {@code enable_logging=false}: zero-retention mode (Enterprise only), in
         * which history and request stitching are unavailable. Default {@code true} (not sent).
         *
         * @param enable whether ElevenLabs may keep the request's history
         * @return this builder
         */
        public Builder enableLogging(boolean enable) {
            this.enableLogging = enable;
            return this;
        }

        /**
         * Fixes the bulkhead size the router uses: the account's concurrency limit. Unset, the router
         * starts at 5 for standard models and 10 for Turbo and Flash (the Creator plan) and then
         * follows the {@code maximum-concurrent-requests} figure ElevenLabs states on every answer.
         *
         * @param calls at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code calls} is below 1
         */
        public Builder maxConcurrentCalls(int calls) {
            if (calls < 1) throw new IllegalArgumentException("maxConcurrentCalls must be >= 1, was " + calls);
            this.maxConcurrentCalls = calls;
            return this;
        }

        /**
         * {@code inactivity_timeout} of input-streaming sessions: how long the server waits for text before
         * it closes the session. The server's 20 s unless set.
         *
         * @param timeout whole seconds, 1 to 180; not null
         * @return this builder
         * @throws IllegalArgumentException when it is not whole seconds or outside 1..180 s
         */
        public Builder inactivityTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "inactivityTimeout");
            if (timeout.toMillis() % 1000 != 0 || timeout.toSeconds() < 1 || timeout.toSeconds() > 180) {
                throw new IllegalArgumentException("inactivityTimeout must be whole seconds, 1..180, was " + timeout);
            }
            this.inactivityTimeout = timeout;
            return this;
        }

        /**
         * How long an input-streaming session may send nothing before a keep-alive goes out; three
         * quarters of the inactivity timeout unless set. Must be shorter than the inactivity timeout
         * ({@link #build()} checks).
         *
         * @param interval positive; not null
         * @return this builder
         * @throws IllegalArgumentException when it is zero or negative
         */
        public Builder keepAliveInterval(Duration interval) {
            Objects.requireNonNull(interval, "keepAliveInterval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("keepAliveInterval must be positive, was " + interval);
            }
            this.keepAliveInterval = interval;
            return this;
        }

        /**
         * {@code chunk_length_schedule} of input-streaming sessions: how many characters the server buffers
         * before it generates the first, second, ... chunk. The server's schedule unless set.
         *
         * @param schedule one or more sizes, each 50..500 characters; copied; not null
         * @return this builder
         * @throws IllegalArgumentException when it is empty or a size is null or out of range
         */
        public Builder chunkLengthSchedule(List<Integer> schedule) {
            List<Integer> copy = new ArrayList<>(Objects.requireNonNull(schedule, "chunkLengthSchedule"));
            if (copy.isEmpty()) throw new IllegalArgumentException("chunkLengthSchedule must not be empty");
            for (Integer n : copy) {
                if (n == null || n < 50 || n > 500) {
                    throw new IllegalArgumentException("chunkLengthSchedule items must be 50..500, was " + n);
                }
            }
            this.chunkLengthSchedule = List.copyOf(copy);
            return this;
        }

        /**
         * Builds the provider. It holds no connection of its own: calls use the HTTP client of the call's
         * resource manager. Close it to end its open input-streaming sessions.
         *
         * @return a new provider, safe for concurrent use
         * @throws IllegalStateException when no API key was set, or the keep-alive interval is not shorter than
         *                               the inactivity timeout
         */
        public ElevenLabsProvider build() {
            ApiKey key = apiKey;
            if (key == null) throw new IllegalStateException("apiKey is required");
            Duration inactivity = inactivityTimeout != null ? inactivityTimeout : DEFAULT_INACTIVITY_TIMEOUT;
            if (keepAliveInterval != null && keepAliveInterval.compareTo(inactivity) >= 0) {
                throw new IllegalStateException("keepAliveInterval " + keepAliveInterval + " must be shorter than the inactivity timeout "
                        + inactivity);
            }
            return new ElevenLabsProvider(this, key);
        }
    }
}
