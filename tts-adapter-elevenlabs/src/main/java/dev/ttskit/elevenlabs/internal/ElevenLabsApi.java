package dev.ttskit.elevenlabs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ttskit.ApiKey;
import dev.ttskit.AudioStream;
import dev.ttskit.AudioFormatException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechResult;
import dev.ttskit.TimedSpan;
import dev.ttskit.Timestamps;
import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.http.AudioBody;
import dev.ttskit.http.HttpCalls;
import dev.ttskit.http.Scrubber;
import dev.ttskit.http.SharedHttpClient;
import dev.ttskit.spi.CallContext;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The ElevenLabs HTTP calls the adapter makes: building requests for the configured host, running
 * them on the resource manager's shared client, mapping every non-2xx answer to a typed exception
 * ({@link ErrorMapper}), and reading answers (audio, JSON). The provider class keeps only the public
 * surface; everything that touches the transport lives here.
 */
public final class ElevenLabsApi {
    /** The largest Content-Length an array is allocated for up front; a larger claim is read as it comes. */
    private static final long MAX_PRESIZED_BODY = 64L * 1024 * 1024;
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String USER_AGENT = "ttskit/" + Optional.ofNullable(
            ElevenLabsApi.class.getPackage().getImplementationVersion()).orElse("dev");

    private final String provider;
    private final ApiKey apiKey;
    private final HttpUrl baseUrl;
    private final boolean enableLogging;
    private final boolean concurrencyFixed;
    private final Scrubber scrubber;
    private final AtomicInteger reportedConcurrency = new AtomicInteger();

    /**
     * @param baseUrl          the API host, normalised (ending in a slash, without {@code /v1})
     * @param enableLogging    {@code false} adds {@code enable_logging=false} to speech calls
     * @param concurrencyFixed whether the application fixed the concurrency limit; when it did, the
     *                         account's stated limit is kept but not reported to the router
     */
    public ElevenLabsApi(String provider, ApiKey apiKey, HttpUrl baseUrl, boolean enableLogging, boolean concurrencyFixed) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.enableLogging = enableLogging;
        this.concurrencyFixed = concurrencyFixed;
        this.scrubber = Scrubber.knowing(apiKey);
    }

    /** Cleans provider text of this API's key and anything key-shaped. */
    public Scrubber scrubber() {
        return scrubber;
    }

    /** The host calls go to, without {@code /v1}. */
    public HttpUrl baseUrl() {
        return baseUrl;
    }

    /** {@code <base>/v1}, to add path segments to. */
    public HttpUrl.Builder v1() {
        return baseUrl.newBuilder().addPathSegment("v1");
    }

    /** The account's concurrency limit as last reported in a {@code maximum-concurrent-requests} header. */
    public OptionalInt reportedConcurrencyLimit() {
        int v = reportedConcurrency.get();
        return v > 0 ? OptionalInt.of(v) : OptionalInt.empty();
    }

    /** {@code POST /v1/text-to-speech/{voice_id}{suffix}} with the prepared body. */
    public Request speechPost(PreparedSpeech speech, String suffix) {
        HttpUrl.Builder url = v1().addPathSegment("text-to-speech").addPathSegment(speech.voiceId());
        if (!suffix.isEmpty()) url.addPathSegments(suffix.startsWith("/") ? suffix.substring(1) : suffix);
        url.addQueryParameter("output_format", speech.outputFormat());
        if (!enableLogging) url.addQueryParameter("enable_logging", "false");
        return authorised(url.build())
                .post(RequestBody.create(Json.write(speech.body()), JSON))
                .build();
    }

    /**
     * The upgrade request of a WebSocket input-streaming session ({@code …/stream-input}): voice,
     * model, format and the per-session settings as query parameters.
     *
     * @param inactivityTimeout {@code inactivity_timeout}, or null for the server's default
     */
    public Request inputStreamUpgrade(PreparedSpeech speech, @Nullable Duration inactivityTimeout) {
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
        return authorised(url.build()).build();
    }

    /**
     * The first message of an input-streaming session: a single space (which opens it), the voice
     * settings, the pronunciation dictionaries and the chunk schedule.
     *
     * @param chunkLengthSchedule {@code chunk_length_schedule}, or null for the server's
     */
    public static ObjectNode inputStreamInit(PreparedSpeech speech, @Nullable List<Integer> chunkLengthSchedule) {
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
        return init;
    }

    /**
     * The result of a {@code …/with-timestamps} answer: the base64 audio, and the character timings
     * of the original text's alignment, else the normalised text's (dropped when the arrays do not
     * line up; the audio is kept).
     */
    public SpeechResult timestampedResult(PreparedSpeech speech, byte[] json, Response response) {
        String requestId = requestIdOf(response);
        JsonNode root;
        try {
            root = Json.read(json);
        } catch (IOException e) {
            throw AudioFormatException.builder("the timestamp answer is not valid JSON").provider(provider).requestId(requestId)
                    .cause(scrubber.cause(e)).build();
        }
        String audioBase64 = Json.text(root, "audio_base64");
        if (audioBase64 == null) throw AudioFormatException.builder("the timestamp answer holds no audio_base64")
                .provider(provider).requestId(requestId).build();
        byte[] audio;
        try {
            audio = Base64.getDecoder().decode(audioBase64);
        } catch (IllegalArgumentException e) {
            throw AudioFormatException.builder("audio_base64 is not valid base64")
                    .provider(provider).requestId(requestId).cause(e).build();
        }
        Alignment alignment = Alignment.firstOf(Alignment.fromRest(root.get("alignment")),
                Alignment.fromRest(root.get("normalized_alignment")));
        AlignmentTimeline timeline = new AlignmentTimeline(speech.sourceFormat(), false);
        timeline.add(alignment, audio.length);
        return result(speech, audio, response, timeline.isEmpty() ? null : timeline.timestamps());
    }

    /** {@code GET url} answered with JSON, read whole. */
    public JsonNode getJson(HttpUrl url, CallContext ctx) {
        Request request = authorised(url).header("Accept", "application/json").get().build();
        try (HttpCalls.InFlight call = execute(request, ctx)) {
            String requestId = requestIdOf(call.response());
            byte[] body;
            try {
                body = Objects.requireNonNull(call.response().body(), "body").bytes();
            } catch (IOException e) {
                throw HttpCalls.failure(e, call.call(), ctx, provider, requestId);
            }
            try {
                return Json.read(body);
            } catch (IOException e) {
                throw ProviderUnavailableException.builder("ElevenLabs sent JSON that could not be read (" + url.encodedPath() + ")")
                        .provider(provider).requestId(requestId).cause(scrubber.cause(e)).build();
            }
        }
    }

    /** The typed failure for a JSON answer whose shape the parser refused. */
    public ProviderUnavailableException unreadable(String what, IllegalArgumentException e) {
        return ProviderUnavailableException.builder("ElevenLabs sent a " + what + " answer of an unexpected shape: "
                + scrubber.text(e.getMessage())).provider(provider).cause(scrubber.cause(e)).build();
    }

    /** The provider's request id, scrubbed: it is the provider's text and lands in exception messages. */
    public @Nullable String requestIdOf(Response response) {
        return scrubber.id(response.header("request-id"));
    }

    /** Executes a call; a non-2xx answer is mapped to a typed exception and the response closed. */
    public HttpCalls.InFlight execute(Request request, CallContext ctx) {
        HttpCalls.InFlight call = HttpCalls.execute(client(ctx), request, ctx, provider);
        Response response = call.response();
        noteConcurrency(response, ctx);
        if (response.isSuccessful()) return call;
        try (call) {
            throw errors(ctx).map(response.code(), response.headers(), response.header("Content-Type"), HttpCalls.errorBody(response));
        }
    }

    /**
     * {@link #execute} for an answer that must be audio. Raw PCM and G.711 have no magic bytes, so a
     * 200 carrying JSON, text or HTML (a proxy's page, an error object sent with the wrong status)
     * would otherwise be taken for samples: the declared type is the only evidence, and it is checked.
     */
    public HttpCalls.InFlight executeAudio(Request request, CallContext ctx) {
        HttpCalls.InFlight call = execute(request, ctx);
        MediaType type = MediaType.parse(Objects.requireNonNullElse(call.response().header("Content-Type"), ""));
        if (type != null && isNotAudio(type)) {
            try (call) {
                throw AudioFormatException.builder("ElevenLabs answered " + call.response().code() + " with Content-Type "
                        + scrubber.text(type.type() + "/" + type.subtype(), 80) + " where audio was expected")
                        .provider(provider).requestId(requestIdOf(call.response())).build();
            }
        }
        return call;
    }

    /**
     * Reads a whole success body; a body cut short is truncated audio. With a Content-Length the bytes
     * go straight into an array of that size, one network segment at a time (the segments return to
     * okio's pool as they are drained); without one they gather in a buffer first.
     */
    public byte[] readBody(HttpCalls.InFlight call, CallContext ctx, @Nullable String requestId) {
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
            TtsException failure = HttpCalls.failure(e, call.call(), ctx, provider, requestId);
            if (failure instanceof ProviderUnavailableException) {
                throw AudioFormatException.builder("the answer was cut short after " + Math.max(read, buffer.size()) + " bytes")
                        .provider(provider).requestId(requestId).cause(e).build();
            }
            throw failure;
        } finally {
            buffer.clear();
        }
    }

    /**
     * The caller's result from a whole answer: empty audio and odd-length PCM are refused, PCM is
     * wrapped in WAV where the caller asked for WAV, and the {@code character-cost} header is kept.
     */
    public SpeechResult result(PreparedSpeech speech, byte[] audio, Response response, @Nullable Timestamps timestamps) {
        String requestId = requestIdOf(response);
        if (audio.length == 0) throw AudioFormatException.builder("ElevenLabs sent no audio")
                .provider(provider).requestId(requestId).build();
        AudioFormat source = speech.sourceFormat();
        if (source.isLinearPcm() && audio.length % 2 != 0) {
            throw AudioFormatException.builder("16-bit PCM of an odd length (" + audio.length + " bytes): the audio was cut short")
                    .provider(provider).requestId(requestId).build();
        }
        byte[] out = speech.wrapWav() ? WavCodec.wrapPcm16(audio, source.sampleRate(), source.channels()) : audio;
        return SpeechResult.builder()
                .audio(out)
                .format(speech.format())
                .provider(provider)
                .providerRequestId(requestId)
                .characterCost(characterCost(response))
                .timestamps(timestamps)
                .build();
    }

    /**
     * The caller's stream over a successful {@code …/stream} answer; closing it cancels the call.
     * The call is closed when building the stream fails.
     */
    public AudioStream audioStream(PreparedSpeech speech, HttpCalls.InFlight call, CallContext ctx) {
        try {
            Response response = call.response();
            String requestId = requestIdOf(response);
            ResponseBody body = Objects.requireNonNull(response.body(), "body");
            AudioBody audio = new AudioBody(body.byteStream(), speech.wavHeader(), speech.sourceFormat().isLinearPcm(),
                    ioFailure(call, ctx, requestId), provider, requestId, call.call()::cancel);
            return new AudioStream(audio, speech.format(), provider, requestId, call::close);
        } catch (RuntimeException e) {
            call.close();
            throw e;
        }
    }

    /**
     * The caller's stream over a successful {@code …/stream/with-timestamps} answer: audio decoded
     * line by line, each chunk's character timings handed to {@code onCharacters} first.
     */
    public AudioStream timestampedStream(PreparedSpeech speech, HttpCalls.InFlight call, CallContext ctx,
                                         Consumer<List<TimedSpan>> onCharacters) {
        try {
            Response response = call.response();
            String requestId = requestIdOf(response);
            BufferedSource source = Objects.requireNonNull(response.body(), "body").source();
            NdjsonChunkReader reader = new NdjsonChunkReader(source, provider, requestId);
            TimestampedAudio decoded = new TimestampedAudio(reader, new AlignmentTimeline(speech.sourceFormat(), false), onCharacters,
                    call::close);
            AudioBody audio = new AudioBody(decoded, speech.wavHeader(), speech.sourceFormat().isLinearPcm(),
                    ioFailure(call, ctx, requestId), provider, requestId, call.call()::cancel);
            return new AudioStream(audio, speech.format(), provider, requestId, null);
        } catch (RuntimeException e) {
            call.close();
            throw e;
        }
    }

    /** How an I/O failure while a stream is read becomes a typed exception. */
    private Function<IOException, TtsException> ioFailure(HttpCalls.InFlight call, CallContext ctx, @Nullable String requestId) {
        return e -> HttpCalls.failure(e, call.call(), ctx, provider, requestId);
    }

    /** The error mapper for a call under {@code ctx} (its clock reads Retry-After dates). */
    public ErrorMapper errors(CallContext ctx) {
        return new ErrorMapper(provider, ctx.clock(), apiKey.reveal());
    }

    /** The resource manager's shared HTTP client, which never follows redirects. */
    public static OkHttpClient client(CallContext ctx) {
        return SharedHttpClient.of(ctx.resources());
    }

    private Request.Builder authorised(HttpUrl url) {
        return new Request.Builder().url(url)
                .header("xi-api-key", apiKey.reveal())
                .header("User-Agent", USER_AGENT);
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
        if (!concurrencyFixed) ctx.reportConcurrencyLimit(v);
    }

    private static boolean isNotAudio(MediaType type) {
        String t = type.type().toLowerCase(Locale.ROOT);
        String sub = type.subtype().toLowerCase(Locale.ROOT);
        return t.equals("text") || sub.equals("json") || sub.endsWith("+json") || sub.equals("xml") || sub.endsWith("+xml")
                || sub.equals("html") || sub.equals("x-www-form-urlencoded");
    }


    private static @Nullable Long characterCost(Response response) {
        String cost = response.header("character-cost");
        if (cost == null) return null;
        try {
            return Long.parseLong(cost.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
