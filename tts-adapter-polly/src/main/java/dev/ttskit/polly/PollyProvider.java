package dev.ttskit.polly;

import com.google.errorprone.annotations.MustBeClosed;
import dev.ttskit.AudioFormatException;
import dev.ttskit.AudioStream;
import dev.ttskit.CancelledException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechResult;
import dev.ttskit.Timestamps;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.Voice;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.http.AudioBody;
import dev.ttskit.http.HttpCalls;
import dev.ttskit.polly.internal.OkHttpSdkClient;
import dev.ttskit.polly.internal.PollyApi;
import dev.ttskit.polly.internal.PollyErrors;
import dev.ttskit.polly.internal.PollyFormats;
import dev.ttskit.polly.internal.PreparedSpeech;
import dev.ttskit.polly.internal.RequestMapper;
import dev.ttskit.polly.internal.SpeechMarks;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.polly.PollyClient;
import software.amazon.awssdk.services.polly.PollyClientBuilder;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Amazon Polly on the AWS SDK for Java v2: {@code SynthesizeSpeech} whole or streamed, word timings from
 * speech marks, and {@code DescribeVoices}.
 *
 * <pre>{@code
 * TtsProvider polly = PollyProvider.builder()
 *         .region("eu-west-1")                  // else the SDK's chain: AWS_REGION, profile...
 *         .voice("Ruth").engine("generative")
 *         .build();
 * }</pre>
 *
 * <p>Credentials, region and endpoint come from the SDK's own configuration (default credential
 * chain, {@code AWS_REGION}, {@code AWS_ENDPOINT_URL_POLLY} / {@code AWS_ENDPOINT_URL}) unless set
 * here; none of them ever appears in ttskit's messages or {@code toString()}. The SDK's retries are
 * off: the router is the one retry layer. Its HTTP requests run on ttskit's shared OkHttp client,
 * bound to the call's deadline and cancellation.
 *
 * <p>Text over {@value dev.ttskit.polly.internal.RequestMapper#MAX_BILLED_CHARS} billed characters is
 * declared too long, so the router splits it rather than sending it. Per-request options
 * ({@code polly.<name>}): {@code engine}, {@code text_type}, {@code language_code}, {@code lexicons},
 * {@code timestamps} ({@code true}: word timings, at the cost of a second speech-mark request).
 */
public final class PollyProvider implements TtsProvider {
    /** The provider id. */
    public static final String ID = "polly";
    /** The voice used when neither the builder nor the request names one (neural and standard). */
    public static final String DEFAULT_VOICE = "Joanna";
    /** The engine used when neither the builder nor the request names one. */
    public static final String DEFAULT_ENGINE = "neural";
    /** Polly's throttle for neural, long-form and generative speech is 8 requests a second: the default bulkhead. */
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 8;

    private final String voice;
    private final String engine;
    private final @Nullable String region;
    private final @Nullable URI endpoint;
    private final ProviderCapabilities capabilities;
    private final RequestMapper mapper;
    private final PollyApi api;
    private final Map<String, Set<String>> enginesByVoice = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private PollyProvider(Builder b, PollyClient client) {
        this.voice = b.voice;
        this.engine = b.engine;
        this.region = b.region;
        this.endpoint = b.endpoint;
        this.capabilities = ProviderCapabilities.builder()
                .formats(PollyFormats.deliverable())
                .streaming(true)
                .timestamps(true)
                .voiceCloning(false)
                .maxChars(RequestMapper.MAX_BILLED_CHARS)
                .maxUtf8Bytes(4 * RequestMapper.MAX_BILLED_CHARS)
                .parameter("speed", RequestMapper.MIN_SPEED, RequestMapper.MAX_SPEED)
                .paid(true)
                .local(false)
                .maxConcurrentCalls(b.maxConcurrentCalls)
                .build();
        this.mapper = new RequestMapper(ID, voice, engine, this::speaks);
        this.api = new PollyApi(ID, client);
    }

    /** {@return a builder with {@link #DEFAULT_VOICE}, {@link #DEFAULT_ENGINE} and the AWS SDK's default chains} */
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

    /** {@return the voice id used when a request names none} */
    public String voice() {
        return voice;
    }

    /** {@return the engine used when a request names none} */
    public String engine() {
        return engine;
    }

    /** The whole audio; with the option {@code timestamps=true}, word timings from a second, speech-mark request. */
    @Override
    public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
        PreparedSpeech speech = prepare(request);
        byte[] audio;
        String requestId;
        Integer characters;
        try (ResponseInputStream<SynthesizeSpeechResponse> in = api.synthesize(speech.request(), ctx)) {
            requestId = in.response().responseMetadata().requestId();
            characters = in.response().requestCharacters();
            audio = readAll(in, ctx, requestId);
        } catch (IOException e) {
            throw failure(e, ctx, null);
        }
        AudioFormat source = speech.source();
        if (audio.length == 0) throw AudioFormatException.builder("Polly sent no audio").provider(ID).requestId(requestId).build();
        if (source.isLinearPcm() && audio.length % 2 != 0) {
            throw AudioFormatException.builder("16-bit PCM of an odd length (" + audio.length + " bytes): the audio was cut short")
                    .provider(ID).requestId(requestId).build();
        }
        Timestamps timestamps = null;
        if (speech.timestamps()) {
            Duration length = source.isLinearPcm() ? Duration.ofMillis(audio.length * 1000L / source.bytesPerSecond()) : null;
            timestamps = SpeechMarks.words(marks(speech, ctx), speech.sentText(), length);
        }
        return SpeechResult.builder()
                .audio(speech.wrapWav() ? WavCodec.wrapPcm16(audio, source.sampleRate(), source.channels()) : audio)
                .format(speech.format())
                .provider(ID)
                .providerRequestId(requestId)
                .characterCost(characters == null ? null : characters.longValue())
                .timestamps(timestamps)
                .build();
    }

    /**
     * Returns once Polly answered with success, then hands the audio on as it arrives. A failure after
     * the first byte reached the caller is read as an {@link IOException} whose cause is a
     * {@link dev.ttskit.StreamInterruptedException}. Closing the stream early aborts the call.
     */
    @MustBeClosed
    @Override
    public AudioStream stream(ProviderRequest request, CallContext ctx) {
        PreparedSpeech speech = prepare(request);
        ResponseInputStream<SynthesizeSpeechResponse> in = api.synthesize(speech.request(), ctx);
        String requestId = in.response().responseMetadata().requestId();
        AudioFormat source = speech.source();
        byte[] header = speech.wrapWav() ? WavCodec.streamingHeader(source.sampleRate(), source.channels()) : null;
        AudioBody body = new AudioBody(new SdkReads(in), header, source.isLinearPcm(), e -> failure(e, ctx, requestId), ID, requestId,
                in::abort);
        return new AudioStream(body, speech.format(), ID, requestId, null);
    }

    /** {@code DescribeVoices} for the configured engine, every page. Also teaches the adapter which engines each voice speaks. */
    @Override
    public List<Voice> voices(CallContext ctx) {
        ensureOpen();
        List<Voice> voices = api.voices(engine, ctx);
        for (Voice v : voices) {
            String engines = v.labels().get("engines");
            if (engines != null) enginesByVoice.put(v.id().value(), Set.of(engines.split(",")));
        }
        return voices;
    }

    /** Closes the SDK client. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) api.close();
    }

    @Override
    public String toString() {
        return "PollyProvider[region=" + (region == null ? "from the SDK chain" : region) + (endpoint == null ? "" : ", endpoint=" + endpoint)
                + ", voice=" + voice + ", engine=" + engine + "]";
    }

    private PreparedSpeech prepare(ProviderRequest request) {
        ensureOpen();
        return mapper.prepare(request);
    }

    private boolean speaks(String voiceId, String engineName) {
        Set<String> engines = enginesByVoice.get(voiceId);
        return engines == null || engines.contains(engineName);
    }

    private byte[] marks(PreparedSpeech speech, CallContext ctx) {
        try (ResponseInputStream<SynthesizeSpeechResponse> in = api.synthesize(RequestMapper.marksFor(speech.request()), ctx)) {
            return readAll(in, ctx, in.response().responseMetadata().requestId());
        } catch (IOException e) {
            throw failure(e, ctx, null);
        }
    }

    private static byte[] readAll(ResponseInputStream<SynthesizeSpeechResponse> in, CallContext ctx, String requestId) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        try {
            for (int n; (n = in.read(buf)) != -1; ) out.write(buf, 0, n);
            return out.toByteArray();
        } catch (IOException | SdkException e) {
            TtsException failure = failure(e instanceof IOException io ? io : new IOException(e), ctx, requestId);
            if (failure instanceof ProviderUnavailableException) {
                throw AudioFormatException.builder("the answer was cut short after " + out.size() + " bytes")
                        .provider(ID).requestId(requestId).cause(e).build();
            }
            throw failure;
        }
    }

    /** What a failed read becomes: cancelled, timed out, or the provider unavailable. */
    private static TtsException failure(IOException e, CallContext ctx, @Nullable String requestId) {
        if (e.getCause() instanceof SdkException sdk) return PollyErrors.map(sdk, ctx, ID);
        if (ctx.cancellation().isCancelled()) {
            return CancelledException.builder("request was cancelled").provider(ID).requestId(requestId).cause(e).build();
        }
        if (ctx.expired() || HttpCalls.isTimeout(e)) {
            return TtsTimeoutException.builder("no answer before the deadline (" + e.getClass().getSimpleName() + ")")
                    .provider(ID).requestId(requestId).cause(e).build();
        }
        return ProviderUnavailableException.builder("connection failed: " + e.getClass().getSimpleName())
                .provider(ID).requestId(requestId).cause(e).build();
    }

    private void ensureOpen() {
        if (closed.get()) throw new IllegalStateException("the Polly provider is closed");
    }

    /** Reads the SDK's stream, turning its unchecked read failures into I/O failures the audio body understands. */
    private static final class SdkReads extends InputStream {
        private final ResponseInputStream<SynthesizeSpeechResponse> in;

        SdkReads(ResponseInputStream<SynthesizeSpeechResponse> in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (SdkException e) {
                throw new IOException(e.getClass().getSimpleName(), e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (SdkException e) {
                throw new IOException(e.getClass().getSimpleName(), e);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Builds a {@link PollyProvider}; setters fail fast with the bad value in the message. */
    public static final class Builder {
        private String voice = DEFAULT_VOICE;
        private String engine = DEFAULT_ENGINE;
        private @Nullable String region;
        private @Nullable URI endpoint;
        private @Nullable AwsCredentialsProvider credentials;
        private int maxConcurrentCalls = DEFAULT_MAX_CONCURRENT_CALLS;

        private Builder() {
        }

        /**
         * The voice id for requests that name none ({@code Joanna}, {@code Matthew}, {@code Ruth}...);
         * {@link PollyProvider#DEFAULT_VOICE} unless set.
         *
         * @param value 1 to 64 letters, digits, {@code _} or {@code -}; not null
         * @return this builder
         * @throws IllegalArgumentException when it has another form
         */
        public Builder voice(String value) {
            Objects.requireNonNull(value, "voice");
            if (!value.matches("[A-Za-z0-9_\\-]{1,64}")) throw new IllegalArgumentException("voice must be a Polly voice id, was '" + value + "'");
            this.voice = value;
            return this;
        }

        /**
         * The engine for requests that name none: {@code standard}, {@code neural}, {@code long-form} or
         * {@code generative} (an open list: newer engines pass through); {@link PollyProvider#DEFAULT_ENGINE}
         * unless set.
         *
         * @param value a lower-case letter, then up to 31 lower-case letters, digits or {@code -}; not null
         * @return this builder
         * @throws IllegalArgumentException when it has another form
         */
        public Builder engine(String value) {
            Objects.requireNonNull(value, "engine");
            if (!value.matches("[a-z][a-z0-9\\-]{0,31}")) throw new IllegalArgumentException("engine must be a Polly engine name, was '" + value + "'");
            this.engine = value;
            return this;
        }

        /**
         * The AWS region, e.g. {@code us-east-1}; the SDK's chain ({@code AWS_REGION}, profile...) unless set.
         *
         * @param value 2 to 32 lower-case letters, digits or {@code -}; not null
         * @return this builder
         * @throws IllegalArgumentException when it has another form
         */
        public Builder region(String value) {
            Objects.requireNonNull(value, "region");
            if (!value.matches("[a-z0-9\\-]{2,32}")) throw new IllegalArgumentException("region must look like us-east-1, was '" + value + "'");
            this.region = value;
            return this;
        }

        /**
         * Another endpoint (a VPC endpoint, a test server); the SDK's ({@code AWS_ENDPOINT_URL_POLLY}...) unless set.
         *
         * @param value an absolute {@code http} or {@code https} URI with a host; not null
         * @return this builder
         * @throws IllegalArgumentException when it is not one
         */
        public Builder endpointOverride(URI value) {
            Objects.requireNonNull(value, "endpointOverride");
            if (value.getScheme() == null || !(value.getScheme().equals("http") || value.getScheme().equals("https")) || value.getHost() == null) {
                throw new IllegalArgumentException("endpointOverride must be an http(s) URL, was '" + value + "'");
            }
            this.endpoint = value;
            return this;
        }

        /**
         * Credentials; the SDK's default chain (environment, profile, container, instance) unless set.
         * The SDK asks it for credentials as it signs each request, so it may refresh them.
         *
         * @param value the credentials provider; not null
         * @return this builder
         */
        public Builder credentialsProvider(AwsCredentialsProvider value) {
            this.credentials = Objects.requireNonNull(value, "credentialsProvider");
            return this;
        }

        /**
         * The bulkhead size the router uses; {@value PollyProvider#DEFAULT_MAX_CONCURRENT_CALLS} unless set.
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
         * Builds the provider and its AWS SDK client, which tries each request once (the router retries) and
         * sends it over OkHttp. The provider owns that client: {@link PollyProvider#close()} closes it.
         *
         * @return a new provider, safe for concurrent use
         * @throws IllegalStateException when no region is set and the SDK's chain finds none
         */
        public PollyProvider build() {
            PollyClientBuilder b = PollyClient.builder()
                    .httpClient(new OkHttpSdkClient())
                    // ttskit's router is the one retry layer: the SDK tries each request exactly once.
                    .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
            if (region != null) b.region(Region.of(region));
            if (endpoint != null) b.endpointOverride(endpoint);
            if (credentials != null) b.credentialsProvider(credentials);
            PollyClient client;
            try {
                client = b.build();
            } catch (SdkException e) {
                throw new IllegalStateException("the Polly client could not be made (" + e.getClass().getSimpleName()
                        + "): set a region (AWS_REGION or region(...))", e);
            }
            return new PollyProvider(this, client);
        }
    }
}
