package dev.ttskit.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ttskit.ApiKey;
import dev.ttskit.AudioFormatException;
import dev.ttskit.AudioStream;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechResult;
import dev.ttskit.TimedSpan;
import dev.ttskit.Timestamps;
import dev.ttskit.TtsException;
import dev.ttskit.Voice;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.elevenlabs.internal.Alignment;
import dev.ttskit.elevenlabs.internal.AlignmentTimeline;
import dev.ttskit.elevenlabs.internal.CatalogParser;
import dev.ttskit.elevenlabs.internal.ErrorMapper;
import dev.ttskit.elevenlabs.internal.Json;
import dev.ttskit.elevenlabs.internal.ModelTable;
import dev.ttskit.elevenlabs.internal.NdjsonChunkReader;
import dev.ttskit.elevenlabs.internal.OutputFormats;
import dev.ttskit.elevenlabs.internal.PreparedSpeech;
import dev.ttskit.elevenlabs.internal.RawAudioStream;
import dev.ttskit.elevenlabs.internal.RequestMapper;
import dev.ttskit.elevenlabs.internal.StreamFailures;
import dev.ttskit.elevenlabs.internal.TimestampedAudioStream;
import dev.ttskit.elevenlabs.internal.VoiceSettingsBody;
import dev.ttskit.elevenlabs.internal.WebSocketInputSession;
import dev.ttskit.http.BaseUrls;
import dev.ttskit.http.HttpCalls;
import dev.ttskit.http.Scrubber;
import dev.ttskit.http.SharedHttpClient;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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

    private static final int MAX_ERROR_BODY = 64 * 1024;
    /** The largest Content-Length an array is allocated for up front; a larger claim is read as it comes. */
    private static final long MAX_PRESIZED_BODY = 64L * 1024 * 1024;
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String USER_AGENT = "ttskit/" + Optional.ofNullable(
            ElevenLabsProvider.class.getPackage().getImplementationVersion()).orElse("dev");

    private final ApiKey apiKey;
    private final HttpUrl baseUrl;
    private final String defaultVoiceId;
    private final String modelId;
    private final VoiceSettings voiceSettings;
    private final TextNormalization textNormalization;
    private final boolean enableLogging;
    private final Integer configuredConcurrency;
    private final Duration inactivityTimeout;
    private final Duration keepAliveInterval;
    private final List<Integer> chunkLengthSchedule;
    private final ConcurrentHashMap<String, Integer> reportedLimits = new ConcurrentHashMap<>();
    private final Set<InputStreamingSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reportedConcurrency = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RequestMapper mapper;
    private final Scrubber scrubber;
    private volatile ProviderCapabilities capabilities;

    private ElevenLabsProvider(Builder b) {
        this.apiKey = b.apiKey;
        this.scrubber = Scrubber.knowing(b.apiKey);
        this.baseUrl = b.baseUrl;
        this.defaultVoiceId = b.defaultVoiceId;
        this.modelId = b.modelId;
        this.voiceSettings = b.voiceSettings;
        this.textNormalization = b.textNormalization;
        this.enableLogging = b.enableLogging;
        this.configuredConcurrency = b.maxConcurrentCalls;
        this.inactivityTimeout = b.inactivityTimeout;
        this.keepAliveInterval = b.keepAliveInterval != null ? b.keepAliveInterval
                : Duration.ofMillis((b.inactivityTimeout != null ? b.inactivityTimeout : DEFAULT_INACTIVITY_TIMEOUT).toMillis() * 3 / 4);
        this.chunkLengthSchedule = b.chunkLengthSchedule;
        this.mapper = new RequestMapper(ID, defaultVoiceId, modelId, voiceSettings, textNormalization, this::maxCharsOf);
        this.capabilities = buildCapabilities();
    }

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

    /** The base URL calls go to, normalised: ending in a slash, without {@code /v1}. */
    public String baseUrl() {
        return baseUrl.toString();
    }

    /** The model used when a request names none. */
    public String modelId() {
        return modelId;
    }

    /** The voice used when a request names none. */
    public String defaultVoiceId() {
        return defaultVoiceId;
    }

    /** The account's concurrency limit as last reported in a {@code maximum-concurrent-requests} header. */
    public OptionalInt reportedConcurrencyLimit() {
        int v = reportedConcurrency.get();
        return v > 0 ? OptionalInt.of(v) : OptionalInt.empty();
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
        try (HttpCalls.InFlight call = executeAudio(post(speech, ""), ctx)) {
            Response response = call.response();
            String requestId = requestIdOf(response);
            byte[] audio = readAudio(call, ctx, requestId);
            return result(speech, audio, response, null);
        }
    }

    /**
     * {@code POST …/stream}: returns once ElevenLabs has answered with a success status, then hands the
     * bytes on as they arrive. A failure after the first byte reached the caller is read as an
     * {@link IOException} whose cause is a {@link dev.ttskit.StreamInterruptedException}. Closing the
     * stream cancels the call.
     */
    @Override
    public AudioStream stream(ProviderRequest request, CallContext ctx) {
        PreparedSpeech speech = mapper.prepare(request, true);
        HttpCalls.InFlight call = executeAudio(post(speech, "/stream"), ctx);
        try {
            Response response = call.response();
            String requestId = requestIdOf(response);
            StreamFailures failures = failures(call, ctx, requestId);
            ResponseBody body = Objects.requireNonNull(response.body(), "body");
            RawAudioStream audio = new RawAudioStream(body.byteStream(), failures, wavHeaderFor(speech),
                    sourceFormat(speech).isLinearPcm(), call.call()::cancel);
            return new AudioStream(audio, speech.format(), ID, requestId, call::close);
        } catch (RuntimeException e) {
            call.close();
            throw e;
        }
    }

    /**
     * {@code POST …/with-timestamps}: the whole file plus character timings (the original text's
     * alignment, else the normalised text's), with word timings derived from them. Alignment arrays
     * that do not line up are dropped; the audio is kept.
     */
    public SpeechResult synthesizeWithTimestamps(ProviderRequest request, CallContext ctx) {
        PreparedSpeech speech = mapper.prepare(request, true);
        try (HttpCalls.InFlight call = execute(post(speech, "/with-timestamps"), ctx)) {
            Response response = call.response();
            String requestId = requestIdOf(response);
            byte[] json = readAudio(call, ctx, requestId);
            JsonNode root;
            try {
                root = Json.read(json);
            } catch (IOException e) {
                throw AudioFormatException.builder("the timestamp answer is not valid JSON").provider(ID).requestId(requestId)
                        .cause(scrubber.cause(e)).build();
            }
            String audioBase64 = Json.text(root, "audio_base64");
            if (audioBase64 == null) throw AudioFormatException.builder("the timestamp answer holds no audio_base64")
                    .provider(ID).requestId(requestId).build();
            byte[] audio;
            try {
                audio = Base64.getDecoder().decode(audioBase64);
            } catch (IllegalArgumentException e) {
                throw AudioFormatException.builder("audio_base64 is not valid base64")
                        .provider(ID).requestId(requestId).cause(e).build();
            }
            Alignment alignment = Alignment.firstOf(Alignment.fromRest(root.get("alignment")),
                    Alignment.fromRest(root.get("normalized_alignment")));
            AlignmentTimeline timeline = new AlignmentTimeline(sourceFormat(speech), false);
            timeline.add(alignment, audio.length);
            return result(speech, audio, response, timeline.isEmpty() ? null : timeline.timestamps());
        }
    }

    /**
     * {@code POST …/stream/with-timestamps}: the audio decoded from the newline-delimited JSON as each
     * line arrives; each chunk's character timings reach {@code onCharacters} (on the reading thread)
     * before its audio is handed on. Chunk times are put on one timeline whether ElevenLabs sends them
     * cumulative or chunk-relative.
     */
    public AudioStream streamWithTimestamps(ProviderRequest request, CallContext ctx, Consumer<List<TimedSpan>> onCharacters) {
        Objects.requireNonNull(onCharacters, "onCharacters");
        PreparedSpeech speech = mapper.prepare(request, true);
        HttpCalls.InFlight call = execute(post(speech, "/stream/with-timestamps"), ctx);
        try {
            Response response = call.response();
            String requestId = requestIdOf(response);
            BufferedSource source = Objects.requireNonNull(response.body(), "body").source();
            NdjsonChunkReader reader = new NdjsonChunkReader(source, ID, requestId);
            TimestampedAudioStream audio = new TimestampedAudioStream(reader, new AlignmentTimeline(sourceFormat(speech), false),
                    onCharacters, failures(call, ctx, requestId), wavHeaderFor(speech), sourceFormat(speech).isLinearPcm(),
                    () -> {
                        call.call().cancel();
                        call.close();
                    });
            return new AudioStream(audio, speech.format(), ID, requestId, null);
        } catch (RuntimeException e) {
            call.close();
            throw e;
        }
    }

    /**
     * Opens a WebSocket input-streaming session ({@code …/stream-input}) with the request's voice,
     * format, model and voice settings; the request's text, when not blank, is the first piece sent.
     * The session lives until its audio ends, it is closed, the context's deadline passes or the
     * context is cancelled.
     *
     * @param onCharacters receives each audio chunk's character timings (on the socket's thread)
     */
    public InputStreamingSession openInputStream(ProviderRequest request, CallContext ctx, Consumer<List<TimedSpan>> onCharacters) {
        Objects.requireNonNull(onCharacters, "onCharacters");
        ensureOpen();
        PreparedSpeech speech = mapper.prepare(request, false);
        HttpUrl.Builder url = v1().addPathSegment("text-to-speech").addPathSegment(speech.voiceId())
                .addPathSegment("stream-input")
                .addQueryParameter("model_id", speech.modelId())
                .addQueryParameter("output_format", speech.outputFormat());
        if (speech.body().languageCode() != null) url.addQueryParameter("language_code", speech.body().languageCode());
        if (!enableLogging) url.addQueryParameter("enable_logging", "false");
        if (inactivityTimeout != null) url.addQueryParameter("inactivity_timeout", Long.toString(inactivityTimeout.toSeconds()));
        if (speech.body().applyTextNormalization() != null) {
            url.addQueryParameter("apply_text_normalization", speech.body().applyTextNormalization());
        }
        if (speech.body().seed() != null) url.addQueryParameter("seed", speech.body().seed().toString());
        Request upgrade = new Request.Builder().url(url.build())
                .header("xi-api-key", apiKey.reveal())
                .header("User-Agent", USER_AGENT)
                .build();
        ObjectNode init = Json.MAPPER.createObjectNode().put("text", " ");
        VoiceSettingsBody settings = speech.body().voiceSettings();
        if (settings != null) init.set("voice_settings", Json.MAPPER.valueToTree(settings));
        if (speech.body().dictionaries() != null) {
            init.set("pronunciation_dictionary_locators", Json.MAPPER.valueToTree(speech.body().dictionaries()));
        }
        if (chunkLengthSchedule != null) {
            ArrayNode schedule = init.putObject("generation_config").putArray("chunk_length_schedule");
            chunkLengthSchedule.forEach(schedule::add);
        }
        WebSocketInputSession session = new WebSocketInputSession(client(ctx), upgrade, init, speech.format(), ID, ctx,
                errors(ctx), keepAliveInterval, onCharacters, sessions);
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
        JsonNode root = getJson(v1().addPathSegment("voices").build(), ctx);
        try {
            return CatalogParser.voices(root, ID);
        } catch (IllegalArgumentException e) {
            throw unreadable("voices", e);
        }
    }

    /**
     * {@code GET /v1/models}: the models and their per-request character limits. The limits reported
     * here replace the built-in table for later requests and for {@link #capabilities()}.
     */
    public List<ElevenLabsModel> models(CallContext ctx) {
        JsonNode root = getJson(v1().addPathSegment("models").build(), ctx);
        List<ElevenLabsModel> models;
        try {
            models = CatalogParser.models(root);
        } catch (IllegalArgumentException e) {
            throw unreadable("models", e);
        }
        for (ElevenLabsModel m : models) {
            m.maxCharacters().ifPresent(limit -> reportedLimits.put(m.id(), limit));
        }
        capabilities = buildCapabilities();
        return models;
    }

    /** {@code GET /v1/user/subscription}: characters used and allowed, and when the count resets. */
    public Subscription subscription(CallContext ctx) {
        JsonNode root = getJson(v1().addPathSegment("user").addPathSegment("subscription").build(), ctx);
        try {
            return CatalogParser.subscription(root);
        } catch (IllegalArgumentException e) {
            throw unreadable("subscription", e);
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
        return "ElevenLabsProvider[baseUrl=" + baseUrl + ", model=" + modelId + ", voice=" + defaultVoiceId + ", apiKey=" + apiKey + "]";
    }

    // ---- internals ----

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
                .paid(true)
                .local(false)
                .maxConcurrentCalls(configuredConcurrency != null ? configuredConcurrency : ModelTable.defaultConcurrency(modelId))
                .build();
    }

    private HttpUrl.Builder v1() {
        return baseUrl.newBuilder().addPathSegment("v1");
    }

    private Request post(PreparedSpeech speech, String suffix) {
        ensureOpen();
        HttpUrl.Builder url = v1().addPathSegment("text-to-speech").addPathSegment(speech.voiceId());
        if (!suffix.isEmpty()) url.addPathSegments(suffix.substring(1));
        url.addQueryParameter("output_format", speech.outputFormat());
        if (!enableLogging) url.addQueryParameter("enable_logging", "false");
        return new Request.Builder().url(url.build())
                .header("xi-api-key", apiKey.reveal())
                .header("User-Agent", USER_AGENT)
                .post(RequestBody.create(Json.write(speech.body()), JSON))
                .build();
    }

    private JsonNode getJson(HttpUrl url, CallContext ctx) {
        ensureOpen();
        Request request = new Request.Builder().url(url)
                .header("xi-api-key", apiKey.reveal())
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/json")
                .get()
                .build();
        try (HttpCalls.InFlight call = execute(request, ctx)) {
            String requestId = requestIdOf(call.response());
            byte[] body;
            try {
                body = Objects.requireNonNull(call.response().body(), "body").bytes();
            } catch (IOException e) {
                throw HttpCalls.failure(e, call.call(), ctx, ID, requestId);
            }
            try {
                return Json.read(body);
            } catch (IOException e) {
                throw ProviderUnavailableException.builder("ElevenLabs sent JSON that could not be read (" + url.encodedPath() + ")")
                        .provider(ID).requestId(requestId).cause(scrubber.cause(e)).build();
            }
        }
    }

    private ProviderUnavailableException unreadable(String what, IllegalArgumentException e) {
        return ProviderUnavailableException.builder("ElevenLabs sent a " + what + " answer of an unexpected shape: "
                + scrubber.text(e.getMessage())).provider(ID).cause(scrubber.cause(e)).build();
    }

    /** The provider's request id, scrubbed: it is the provider's text and lands in exception messages. */
    private String requestIdOf(Response response) {
        return scrubber.id(response.header("request-id"));
    }

    /** Executes a call; a non-2xx answer is mapped to a typed exception and the response closed. */
    private HttpCalls.InFlight execute(Request request, CallContext ctx) {
        HttpCalls.InFlight call = HttpCalls.execute(client(ctx), request, ctx, ID);
        Response response = call.response();
        noteConcurrency(response, ctx);
        if (response.isSuccessful()) return call;
        try (call) {
            throw errors(ctx).map(response.code(), response.headers(), response.header("Content-Type"), errorBody(response));
        }
    }

    /**
     * {@link #execute} for an answer that must be audio. Raw PCM and G.711 have no magic bytes, so a
     * 200 carrying JSON, text or HTML (a proxy's page, an error object sent with the wrong status)
     * would otherwise be taken for samples: the declared type is the only evidence, and it is checked.
     */
    private HttpCalls.InFlight executeAudio(Request request, CallContext ctx) {
        HttpCalls.InFlight call = execute(request, ctx);
        MediaType type = MediaType.parse(Objects.requireNonNullElse(call.response().header("Content-Type"), ""));
        if (type != null && isNotAudio(type)) {
            try (call) {
                throw AudioFormatException.builder("ElevenLabs answered " + call.response().code() + " with Content-Type "
                        + scrubber.text(type.type() + "/" + type.subtype(), 80) + " where audio was expected")
                        .provider(ID).requestId(requestIdOf(call.response())).build();
            }
        }
        return call;
    }

    private static boolean isNotAudio(MediaType type) {
        String t = type.type().toLowerCase(java.util.Locale.ROOT);
        String sub = type.subtype().toLowerCase(java.util.Locale.ROOT);
        return t.equals("text") || sub.equals("json") || sub.endsWith("+json") || sub.equals("xml") || sub.endsWith("+xml")
                || sub.equals("html") || sub.equals("x-www-form-urlencoded");
    }

    private static byte[] errorBody(Response response) {
        ResponseBody body = response.body();
        if (body == null) return new byte[0];
        try (InputStream in = body.byteStream()) {
            return in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /**
     * Reads a whole success body; a body cut short is truncated audio. With a Content-Length the bytes
     * go straight into an array of that size, one network segment at a time (the segments return to
     * okio's pool as they are drained); without one they gather in a buffer first.
     */
    private byte[] readAudio(HttpCalls.InFlight call, CallContext ctx, String requestId) {
        ResponseBody body = Objects.requireNonNull(call.response().body(), "body");
        long declared = body.contentLength();
        Buffer buffer = new Buffer();
        long read = 0;
        try (BufferedSource source = body.source()) {
            if (declared >= 0 && declared <= MAX_PRESIZED_BODY) {
                byte[] out = new byte[(int) declared];
                while (read < out.length) {
                    int n = source.read(out, (int) read, out.length - (int) read);
                    if (n == -1) throw new EOFException("body ended before its Content-Length");
                    read += n;
                }
                return out;
            }
            source.readAll(buffer);
            return buffer.readByteArray();
        } catch (IOException e) {
            TtsException failure = HttpCalls.failure(e, call.call(), ctx, ID, requestId);
            if (failure instanceof ProviderUnavailableException) {
                throw AudioFormatException.builder("the answer was cut short after " + Math.max(read, buffer.size()) + " bytes")
                        .provider(ID).requestId(requestId).cause(e).build();
            }
            throw failure;
        } finally {
            buffer.clear();
        }
    }

    private SpeechResult result(PreparedSpeech speech, byte[] audio, Response response, Timestamps timestamps) {
        String requestId = requestIdOf(response);
        if (audio.length == 0) throw AudioFormatException.builder("ElevenLabs sent no audio")
                .provider(ID).requestId(requestId).build();
        AudioFormat source = sourceFormat(speech);
        if (source.isLinearPcm() && audio.length % 2 != 0) {
            throw AudioFormatException.builder("16-bit PCM of an odd length (" + audio.length + " bytes): the audio was cut short")
                    .provider(ID).requestId(requestId).build();
        }
        byte[] out = speech.wrapWav() ? WavCodec.wrapPcm16(audio, source.sampleRate(), source.channels()) : audio;
        return SpeechResult.builder()
                .audio(out)
                .format(speech.format())
                .provider(ID)
                .providerRequestId(requestId)
                .characterCost(characterCost(response))
                .timestamps(timestamps)
                .build();
    }

    private static Long characterCost(Response response) {
        String cost = response.header("character-cost");
        if (cost == null) return null;
        try {
            return Long.parseLong(cost.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Keeps the account's limit that every answer states, and tells the router (which then runs up to
     * that many calls at once), unless the builder fixed a limit.
     */
    private void noteConcurrency(Response response, CallContext ctx) {
        String max = response.header("maximum-concurrent-requests");
        if (max == null) return;
        int v;
        try {
            v = Integer.parseInt(max.trim());
        } catch (NumberFormatException ignored) {
            return;   // advice only: an unreadable value is ignored
        }
        if (v < 1) return;
        reportedConcurrency.set(v);
        if (configuredConcurrency == null) ctx.reportConcurrencyLimit(v);
    }

    private static AudioFormat sourceFormat(PreparedSpeech speech) {
        return speech.wrapWav() ? speech.format().withContainer(AudioFormat.Container.RAW) : speech.format();
    }

    private static byte[] wavHeaderFor(PreparedSpeech speech) {
        return speech.wrapWav() ? WavCodec.streamingHeader(speech.format().sampleRate(), speech.format().channels()) : null;
    }

    private StreamFailures failures(HttpCalls.InFlight call, CallContext ctx, String requestId) {
        return new StreamFailures(ID, requestId, e -> HttpCalls.failure(e, call.call(), ctx, ID, requestId));
    }

    private ErrorMapper errors(CallContext ctx) {
        return new ErrorMapper(ID, ctx.clock(), apiKey.reveal());
    }

    private static OkHttpClient client(CallContext ctx) {
        return SharedHttpClient.of(ctx.resources());
    }

    private void ensureOpen() {
        if (closed.get()) throw new IllegalStateException("the ElevenLabs provider is closed");
    }

    /** Builds an {@link ElevenLabsProvider}; setters fail fast with the bad value in the message. */
    public static final class Builder {
        private ApiKey apiKey;
        private HttpUrl baseUrl = BaseUrls.normalise(DEFAULT_BASE_URL);
        private String defaultVoiceId = DEFAULT_VOICE_ID;
        private String modelId = ModelTable.DEFAULT_MODEL;
        private VoiceSettings voiceSettings = VoiceSettings.none();
        private TextNormalization textNormalization;
        private boolean enableLogging = true;
        private Integer maxConcurrentCalls;
        private Duration inactivityTimeout;
        private Duration keepAliveInterval;
        private List<Integer> chunkLengthSchedule;

        private Builder() {
        }

        /** Required. Sent as {@code xi-api-key} to the configured host only. */
        public Builder apiKey(ApiKey key) {
            this.apiKey = Objects.requireNonNull(key, "apiKey");
            return this;
        }

        /**
         * The API host, with or without a trailing {@code /v1}: {@link #DEFAULT_BASE_URL}, a residency
         * host such as {@link #EU_RESIDENCY_BASE_URL}, or a test server.
         *
         * @throws IllegalArgumentException when it is not an http(s) URL
         */
        public Builder baseUrl(String url) {
            this.baseUrl = BaseUrls.normalise(Objects.requireNonNull(url, "baseUrl"));
            return this;
        }

        /** The voice for requests that name none; {@link #DEFAULT_VOICE_ID} unless set. */
        public Builder defaultVoiceId(String voiceId) {
            this.defaultVoiceId = dev.ttskit.VoiceId.of(Objects.requireNonNull(voiceId, "defaultVoiceId")).value();
            return this;
        }

        /** The model for requests that name none; {@code eleven_multilingual_v2} unless set. */
        public Builder modelId(String model) {
            Objects.requireNonNull(model, "modelId");
            if (model.isBlank() || !model.matches("[A-Za-z0-9_.+\\-]{1,128}")) {
                throw new IllegalArgumentException("modelId must be 1..128 letters, digits, '_', '.', '+' or '-', was '" + model + "'");
            }
            this.modelId = model;
            return this;
        }

        /** Voice settings sent with every request; a request's own options override single members. */
        public Builder voiceSettings(VoiceSettings settings) {
            this.voiceSettings = Objects.requireNonNull(settings, "voiceSettings");
            return this;
        }

        /** {@code apply_text_normalization} for every request; not sent (the API's {@code auto}) unless set. */
        public Builder applyTextNormalization(TextNormalization normalization) {
            this.textNormalization = Objects.requireNonNull(normalization, "applyTextNormalization");
            return this;
        }

        /**
         * {@code false} sends {@code enable_logging=false}: zero-retention mode (Enterprise only), in
         * which history and request stitching are unavailable. Default {@code true} (not sent).
         */
        public Builder enableLogging(boolean enable) {
            this.enableLogging = enable;
            return this;
        }

        /**
         * Fixes the bulkhead size the router uses: the account's concurrency limit. Unset, the router
         * starts at 5 for standard models and 10 for Turbo and Flash (the Creator plan) and then
         * follows the {@code maximum-concurrent-requests} figure ElevenLabs states on every answer.
         */
        public Builder maxConcurrentCalls(int calls) {
            if (calls < 1) throw new IllegalArgumentException("maxConcurrentCalls must be >= 1, was " + calls);
            this.maxConcurrentCalls = calls;
            return this;
        }

        /** {@code inactivity_timeout} of input-streaming sessions: 1 to 180 seconds; the server's 20 s unless set. */
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
         * quarters of the inactivity timeout unless set. Must be shorter than the inactivity timeout.
         */
        public Builder keepAliveInterval(Duration interval) {
            Objects.requireNonNull(interval, "keepAliveInterval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("keepAliveInterval must be positive, was " + interval);
            }
            this.keepAliveInterval = interval;
            return this;
        }

        /** {@code chunk_length_schedule} of input-streaming sessions: each 50..500 characters. */
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

        /** @throws IllegalStateException when no API key was set */
        public ElevenLabsProvider build() {
            if (apiKey == null) throw new IllegalStateException("apiKey is required");
            Duration inactivity = inactivityTimeout != null ? inactivityTimeout : DEFAULT_INACTIVITY_TIMEOUT;
            if (keepAliveInterval != null && keepAliveInterval.compareTo(inactivity) >= 0) {
                throw new IllegalStateException("keepAliveInterval " + keepAliveInterval + " must be shorter than the inactivity timeout "
                        + inactivity);
            }
            return new ElevenLabsProvider(this);
        }
    }
}
