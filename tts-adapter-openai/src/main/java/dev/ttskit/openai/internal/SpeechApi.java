package dev.ttskit.openai.internal;

import dev.ttskit.ApiKey;
import dev.ttskit.AudioFormatException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.TtsException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.http.AudioBody;
import dev.ttskit.http.HttpCalls;
import dev.ttskit.http.SharedHttpClient;
import dev.ttskit.spi.CallContext;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wire side of {@code POST /v1/audio/speech}: builds the HTTP request, runs it on the resource
 * manager's shared OkHttp client within the call's deadline and cancellation, maps error answers,
 * and reads success bodies whole or as a stream.
 */
public final class SpeechApi {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Pattern RATE = Pattern.compile("(?i)rate=(\\d+)");

    private final String provider;
    private final HttpUrl speechUrl;
    private final @Nullable ApiKey apiKey;
    private final @Nullable String organization;
    private final @Nullable String project;
    private final String userAgent;
    /** {@code Bearer <key>}, made once rather than per request; never logged or put in a message. */
    private final @Nullable String authorization;

    /**
     * @param baseUrl      normalised base URL (ends in a slash, no {@code /v1})
     * @param apiKey       sent as a bearer token, or null for servers that need none
     * @param organization {@code OpenAI-Organization}, or null
     * @param project      {@code OpenAI-Project}, or null
     */
    public SpeechApi(String provider, HttpUrl baseUrl, @Nullable ApiKey apiKey, @Nullable String organization,
                     @Nullable String project, String userAgent) {
        this.provider = provider;
        this.speechUrl = baseUrl.newBuilder().addPathSegment("v1").addPathSegment("audio").addPathSegment("speech").build();
        this.apiKey = apiKey;
        this.organization = organization;
        this.project = project;
        this.userAgent = userAgent;
        this.authorization = apiKey == null ? null : "Bearer " + apiKey.reveal();
    }

    /**
     * Sends the request. Returns once the server answered with a success status whose body can be the
     * requested audio; any other answer is thrown as a typed exception and its response closed.
     */
    public HttpCalls.InFlight send(PreparedSpeech speech, CallContext ctx) {
        // a fresh builder holds no header yet, so addHeader (no search for one to replace) is enough
        Request.Builder request = new Request.Builder().url(speechUrl)
                .addHeader("Accept", "application/octet-stream")
                .addHeader("User-Agent", userAgent)
                .post(RequestBody.create(speech.body(), JSON));
        if (authorization != null) request.addHeader("Authorization", authorization);
        if (organization != null) request.addHeader("OpenAI-Organization", organization);
        if (project != null) request.addHeader("OpenAI-Project", project);
        HttpCalls.InFlight call = HttpCalls.execute(SharedHttpClient.of(ctx.resources()), request.build(), ctx, provider);
        try {
            Response response = call.response();
            if (!response.isSuccessful()) {
                throw new ErrorMapper(provider, ctx.clock(), apiKey == null ? null : apiKey.reveal())
                        .map(response.code(), response.headers(), HttpCalls.errorBody(response), speech.text());
            }
            checkContentType(speech, response);
            return call;
        } catch (RuntimeException e) {
            call.close();
            throw e;
        }
    }

    /** Reads a whole success body as the caller's format; a body cut short or empty is bad audio (retryable). */
    public byte[] readAll(HttpCalls.InFlight call, PreparedSpeech speech, CallContext ctx) {
        String requestId = requestId(call.response());
        if (speech.sse()) return readEvents(call, speech, ctx, requestId);
        ResponseBody body = Objects.requireNonNull(call.response().body(), "body");
        Buffer buffer = new Buffer();
        byte[] audio;
        try (BufferedSource source = body.source()) {
            source.readAll(buffer);
            audio = buffer.readByteArray();
        } catch (IOException e) {
            TtsException failure = HttpCalls.failure(e, call.call(), ctx, provider, requestId);
            if (failure instanceof ProviderUnavailableException) {
                throw AudioFormatException.builder("the answer was cut short after " + buffer.size() + " bytes")
                        .provider(provider).requestId(requestId).cause(e).build();
            }
            throw failure;
        } finally {
            buffer.clear();
        }
        if (audio.length == 0) throw AudioFormatException.builder("the server sent no audio").provider(provider).requestId(requestId).build();
        AudioFormat source = speech.source();
        if (source.isLinearPcm() && audio.length % 2 != 0) {
            throw AudioFormatException.builder("16-bit PCM of an odd length (" + audio.length + " bytes): the audio was cut short")
                    .provider(provider).requestId(requestId).build();
        }
        return speech.wrapWav() ? WavCodec.wrapPcm16(audio, source.sampleRate(), source.channels()) : audio;
    }

    /** The success body as a stream in the caller's format; closing it early cancels the call. */
    public InputStream stream(HttpCalls.InFlight call, PreparedSpeech speech, CallContext ctx) {
        String requestId = requestId(call.response());
        ResponseBody body = Objects.requireNonNull(call.response().body(), "body");
        AudioFormat source = speech.source();
        byte[] header = speech.wrapWav() ? WavCodec.streamingHeader(source.sampleRate(), source.channels()) : null;
        InputStream audio = speech.sse() ? new SseAudioStream(body.byteStream(), provider, requestId) : body.byteStream();
        // The event parser reports its own typed failures as the cause of an IOException; others are the connection's.
        return new AudioBody(audio, header, source.isLinearPcm(),
                e -> e.getCause() instanceof TtsException typed ? typed : HttpCalls.failure(e, call.call(), ctx, provider, requestId),
                provider, requestId, call.call()::cancel);
    }

    /** A whole event-stream answer: the decoded audio, every failure before the caller saw any of it. */
    private byte[] readEvents(HttpCalls.InFlight call, PreparedSpeech speech, CallContext ctx, String requestId) {
        try (InputStream in = stream(call, speech, ctx)) {
            return in.readAllBytes();
        } catch (IOException e) {
            TtsException failure = e.getCause() instanceof TtsException typed ? typed
                    : HttpCalls.failure(e, call.call(), ctx, provider, requestId);
            if (failure instanceof ProviderUnavailableException) {
                throw AudioFormatException.builder("the event stream was cut short").provider(provider).requestId(requestId)
                        .cause(e).build();
            }
            throw failure;
        }
    }

    /** The server's request id ({@code x-request-id}), or null. */
    public static String requestId(Response response) {
        return response.header("x-request-id");
    }

    /**
     * Compatible servers differ (spec section 11): one answers WAV whatever was asked, another sends PCM
     * at 22,050 Hz and says so in {@code Content-Type}. Either is this server not offering the format.
     * OpenAI itself declares only {@code application/octet-stream}, which is never questioned.
     */
    private void checkContentType(PreparedSpeech speech, Response response) {
        // only raw PCM can be answered wrongly in a way the header shows; compressed formats skip the look
        if (speech.source().container() != AudioFormat.Container.RAW && !speech.source().isLinearPcm()) return;
        String type = response.header("Content-Type");
        if (type == null) return;
        String t = type.toLowerCase(Locale.ROOT);
        String requestId = requestId(response);
        if (speech.source().container() == AudioFormat.Container.RAW && (t.startsWith("audio/wav") || t.startsWith("audio/x-wav")
                || t.startsWith("audio/wave"))) {
            throw UnsupportedRequestException.builder("asked for raw " + speech.source() + ", the server answered " + type)
                    .provider(provider).requestId(requestId).build();
        }
        if (speech.source().isLinearPcm()) {
            Matcher m = RATE.matcher(t);
            if (m.find() && !m.group(1).equals(Integer.toString(speech.source().sampleRate()))) {
                throw UnsupportedRequestException.builder("the server sends PCM at " + m.group(1) + " Hz, not the "
                        + speech.source().sampleRate() + " Hz configured").provider(provider).requestId(requestId).build();
            }
        }
    }

}
