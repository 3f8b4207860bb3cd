package dev.ttskit.openai;

import com.google.errorprone.annotations.MustBeClosed;
import dev.ttskit.ApiKey;
import dev.ttskit.AudioStream;
import dev.ttskit.SpeechResult;
import dev.ttskit.Voice;
import dev.ttskit.VoiceId;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.http.BaseUrls;
import dev.ttskit.http.HttpCalls;
import dev.ttskit.openai.internal.ModelTable;
import dev.ttskit.openai.internal.PreparedSpeech;
import dev.ttskit.openai.internal.RequestMapper;
import dev.ttskit.openai.internal.ResponseFormats;
import dev.ttskit.openai.internal.SpeechApi;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Speech from OpenAI ({@code POST /v1/audio/speech}) or from any server that speaks the same API
 * (Kokoro-FastAPI, openedai-speech, LocalAI, Chatterbox...).
 *
 * <pre>{@code
 * TtsProvider openAi = OpenAiProvider.builder()
 *         .apiKey(ApiKey.of(System.getenv("OPENAI_API_KEY")))
 *         .model("gpt-4o-mini-tts").voice("coral")
 *         .build();
 *
 * TtsProvider kokoro = OpenAiProvider.builder()           // a compatible server on the LAN: no key
 *         .baseUrl("http://kokoro.lan:8880/v1")
 *         .model("kokoro").voice("af_heart")
 *         .voices("af_heart", "af_bella", "am_adam")
 *         .build();
 * }</pre>
 *
 * <p>Against OpenAI ({@value #DEFAULT_BASE_URL}) a key is required and requests are checked before
 * any I/O against OpenAI's models: the voices each model speaks, instructions only for
 * {@code gpt-4o-mini-tts}. Against any other base URL the server is taken to be a compatible one:
 * the key is optional, any model and voice name is passed on, and its formats, voices, PCM rate and
 * streaming can be declared since such servers differ.
 *
 * <p>Audio is handed on as it arrives (chunked transfer): {@link #stream} returns once the server
 * answered with a success status. PCM is 16-bit little-endian mono at {@link Builder#pcmSampleRate}
 * (24 kHz unless declared otherwise), so the router can convert it to any PCM or G.711 format; WAV is
 * that PCM behind a header written by the adapter. Per-request options ({@code openai.<name>}):
 * {@code model}, {@code instructions}, {@code stream_format} ({@code audio} or {@code sse}).
 */
public final class OpenAiProvider implements TtsProvider {
    /** The provider id. */
    public static final String ID = "openai";
    /** OpenAI's API. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    /** The model used when neither the builder nor the request names one. */
    public static final String DEFAULT_MODEL = "gpt-4o-mini-tts";
    /** The voice used when neither the builder nor the request names one; every OpenAI model speaks it. */
    public static final String DEFAULT_VOICE = "alloy";
    /**
     * OpenAI's MP3: 24 kHz mono at 160 kbit/s, as its files are encoded. A compatible server may
     * encode differently; declare its format with {@link Builder#formats}.
     */
    public static final AudioFormat OPENAI_MP3 = AudioFormat.mp3(24_000, 160);
    /** OpenAI's AAC: ADTS frames, 24 kHz mono, bitrate not stated. Delivered as received; ttskit has no AAC codec. */
    public static final AudioFormat OPENAI_AAC = AudioFormat.AAC_24K;
    /** OpenAI's FLAC: 24 kHz mono. Delivered as received; ttskit has no FLAC codec. */
    public static final AudioFormat OPENAI_FLAC = AudioFormat.FLAC_24K;
    /**
     * Calls the router runs at once by default: OpenAI limits requests per minute rather than
     * requests in flight, and speech calls last seconds, so the bulkhead is sized for throughput.
     */
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 64;

    private static final String OPENAI_HOST = "api.openai.com";  // what decides "OpenAI itself" by default
    private static final String USER_AGENT = "ttskit/" + Optional.ofNullable(
            OpenAiProvider.class.getPackage().getImplementationVersion()).orElse("dev");

    private final @Nullable ApiKey apiKey;
    private final HttpUrl baseUrl;
    private final String model;
    private final String voice;
    private final boolean compatible;
    private final List<String> declaredVoices;
    private final ProviderCapabilities capabilities;
    private final RequestMapper mapper;
    private final SpeechApi api;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OpenAiProvider(Builder b) {
        this.apiKey = b.apiKey;
        this.baseUrl = b.baseUrl;
        this.model = b.model;
        this.voice = b.voice;
        this.compatible = b.compatible();
        this.declaredVoices = List.copyOf(b.voices);
        Set<AudioFormat> formats = b.declaredFormats();
        this.capabilities = ProviderCapabilities.builder()
                .formats(formats)
                .streaming(b.streaming)
                .timestamps(false)
                .voiceCloning(false)
                .maxChars(ModelTable.MAX_INPUT_CHARS)
                .maxUtf8Bytes(4 * ModelTable.MAX_INPUT_CHARS)
                .parameter("speed", RequestMapper.MIN_SPEED, RequestMapper.MAX_SPEED)
                .paid(!compatible)
                .local(false)
                .maxConcurrentCalls(b.maxConcurrentCalls)
                // Each request's call timeout is the context's deadline and its token cancels the call:
                // the router may call it on the caller's thread.
                .honoursDeadline(true)
                .build();
        this.mapper = new RequestMapper(ID, model, voice, b.instructions, compatible, formats, b.sse ? "sse" : "audio");
        this.api = new SpeechApi(ID, baseUrl, apiKey, b.organization, b.project, USER_AGENT);
    }

    /** {@return a builder for OpenAI's API with {@link #DEFAULT_MODEL} and {@link #DEFAULT_VOICE}} */
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

    /** {@return the base URL calls go to, normalised: ending in a slash, without {@code /v1}} */
    public String baseUrl() {
        return baseUrl.toString();
    }

    /** {@return the model used when a request names none} */
    public String model() {
        return model;
    }

    /** {@return the voice used when a request names none} */
    public String voice() {
        return voice;
    }

    /**
     * {@return whether the server is taken to be an OpenAI-compatible one rather than OpenAI itself} Then the key
     * is optional and models and voices are not checked. Decided by the base URL's host unless the builder set it.
     */
    public boolean compatibleServer() {
        return compatible;
    }

    /** The whole answer in the requested format. */
    @Override
    public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
        PreparedSpeech speech = prepare(request);
        try (HttpCalls.InFlight call = api.send(speech, ctx)) {
            byte[] audio = api.readAll(call, speech, ctx);
            return SpeechResult.builder()
                    .audio(audio)
                    .format(speech.format())
                    .provider(ID)
                    .providerRequestId(SpeechApi.requestId(call.response()))
                    .build();
        }
    }

    /**
     * Returns once the server answered with a success status, then hands the bytes on as they arrive.
     * A failure after the first byte reached the caller is read as an {@link java.io.IOException} whose
     * cause is a {@link dev.ttskit.StreamInterruptedException}. Closing the stream early cancels the call.
     */
    @MustBeClosed
    @Override
    public AudioStream stream(ProviderRequest request, CallContext ctx) {
        PreparedSpeech speech = prepare(request);
        HttpCalls.InFlight call = api.send(speech, ctx);
        try {
            InputStream audio = api.stream(call, speech, ctx);
            return new AudioStream(audio, speech.format(), ID, SpeechApi.requestId(call.response()), call::close);
        } catch (RuntimeException e) {
            call.close();
            throw e;
        }
    }

    /**
     * OpenAI has no voice listing: its built-in voices for the configured model. For a compatible
     * server, the voices declared with {@link Builder#voices}, else the configured default voice.
     */
    @Override
    public List<Voice> voices(CallContext ctx) {
        ensureOpen();
        List<String> names = !declaredVoices.isEmpty() ? declaredVoices : compatible ? List.of(voice) : ModelTable.voicesOf(model);
        List<Voice> out = new ArrayList<>(names.size());
        for (String name : names) {
            out.add(new Voice(ID, VoiceId.of(name), name, List.of(), Map.of("model", model)));
        }
        return out;
    }

    /** Nothing of its own to release: the HTTP client belongs to the resource manager. Idempotent. */
    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String toString() {
        return "OpenAiProvider[baseUrl=" + baseUrl + ", model=" + model + ", voice=" + voice
                + (compatible ? ", compatible" : "") + ", apiKey=" + (apiKey == null ? "none" : apiKey) + "]";
    }

    private PreparedSpeech prepare(ProviderRequest request) {
        ensureOpen();
        return mapper.prepare(request);
    }

    private void ensureOpen() {
        if (closed.get()) throw new IllegalStateException("the OpenAI provider is closed");
    }

    /** Builds an {@link OpenAiProvider}; setters fail fast with the bad value in the message. */
    public static final class Builder {
        private @Nullable ApiKey apiKey;
        private HttpUrl baseUrl = BaseUrls.normalise(DEFAULT_BASE_URL);
        private String model = DEFAULT_MODEL;
        private String voice = DEFAULT_VOICE;
        private @Nullable String instructions;
        private @Nullable String organization;
        private @Nullable String project;
        private int pcmSampleRate = 24_000;
        private final Set<AudioFormat> formats = new LinkedHashSet<>();
        private final List<String> voices = new ArrayList<>();
        private boolean streaming = true;
        private int maxConcurrentCalls = DEFAULT_MAX_CONCURRENT_CALLS;
        private @Nullable Boolean compatibleServer;
        private boolean sse;

        private Builder() {
        }

        /**
         * Sent as a bearer token to the configured host only. Required for OpenAI, optional for a compatible server.
         *
         * @param key the API key; not null
         * @return this builder
         */
        public Builder apiKey(ApiKey key) {
            this.apiKey = Objects.requireNonNull(key, "apiKey");
            return this;
        }

        /**
         * The server, with or without a trailing {@code /v1}: {@link #DEFAULT_BASE_URL}, a gateway,
         * or an OpenAI-compatible server such as {@code http://localhost:8880/v1}.
         *
         * @param url an {@code http} or {@code https} URL; {@link #DEFAULT_BASE_URL} unless set; not null
         * @return this builder
         * @throws IllegalArgumentException when it is not an http(s) URL
         */
        public Builder baseUrl(String url) {
            this.baseUrl = BaseUrls.normalise(Objects.requireNonNull(url, "baseUrl"));
            return this;
        }

        /**
         * The model for requests that name none: {@code tts-1}, {@code tts-1-hd}, {@code gpt-4o-mini-tts}, or a
         * compatible server's; {@link #DEFAULT_MODEL} unless set. For OpenAI, {@link #build()} checks that the
         * model offers the voice and takes the instructions given.
         *
         * @param value 1 to 256 characters, none a control character; surrounding blanks are trimmed; not null
         * @return this builder
         * @throws IllegalArgumentException when it is blank, longer or holds a control character
         */
        public Builder model(String value) {
            this.model = name("model", value);
            return this;
        }

        /**
         * The voice for requests that name none: a built-in voice, a custom {@code voice_…} id, or a compatible
         * server's name; {@link #DEFAULT_VOICE} unless set.
         *
         * @param value 1 to 256 characters, none a control character; surrounding blanks are trimmed; not null
         * @return this builder
         * @throws IllegalArgumentException when it is blank, longer or holds a control character
         */
        public Builder voice(String value) {
            this.voice = name("voice", value);
            return this;
        }

        /**
         * How to speak ({@code gpt-4o-mini-tts} only): sent with every request that gives none of its own.
         * Not sent unless set.
         *
         * @param value free text, not blank, at most as many characters as a request's input; not null
         * @return this builder
         * @throws IllegalArgumentException when it is blank or too long
         */
        public Builder instructions(String value) {
            Objects.requireNonNull(value, "instructions");
            if (value.isBlank()) throw new IllegalArgumentException("instructions must not be blank");
            if (value.codePointCount(0, value.length()) > ModelTable.MAX_INPUT_CHARS) {
                throw new IllegalArgumentException("instructions must be at most " + ModelTable.MAX_INPUT_CHARS + " characters");
            }
            this.instructions = value;
            return this;
        }

        /**
         * {@code OpenAI-Organization}, sent only when set: bills the calls to that organization.
         *
         * @param value 1 to 256 characters, none a control character; surrounding blanks are trimmed; not null
         * @return this builder
         * @throws IllegalArgumentException when it is blank, longer or holds a control character
         */
        public Builder organization(String value) {
            this.organization = name("organization", value);
            return this;
        }

        /**
         * {@code OpenAI-Project}, sent only when set: bills the calls to that project.
         *
         * @param value 1 to 256 characters, none a control character; surrounding blanks are trimmed; not null
         * @return this builder
         * @throws IllegalArgumentException when it is blank, longer or holds a control character
         */
        public Builder project(String value) {
            this.project = name("project", value);
            return this;
        }

        /**
         * The rate of the server's raw PCM: 24,000 Hz for OpenAI and most servers (the default), 22,050 for
         * openedai-speech's tts-1. The PCM and WAV formats offered are at this rate.
         *
         * @param hz 8,000 to 48,000
         * @return this builder
         * @throws IllegalArgumentException when {@code hz} is outside that range
         */
        public Builder pcmSampleRate(int hz) {
            if (hz < 8_000 || hz > 48_000) throw new IllegalArgumentException("pcmSampleRate must be 8000..48000 Hz, was " + hz);
            this.pcmSampleRate = hz;
            return this;
        }

        /**
         * The formats to offer, replacing the default (raw PCM and WAV at {@link #pcmSampleRate},
         * {@link #OPENAI_MP3}, {@link #OPENAI_AAC} and {@link #OPENAI_FLAC}). Mono PCM, WAV, MP3, Ogg
         * Opus, AAC (ADTS) and FLAC can be declared; PCM and WAV at the {@link #pcmSampleRate} only
         * ({@link #build()} checks). No formats at all restores the default.
         *
         * @param values the formats the server delivers; none null
         * @return this builder
         * @throws IllegalArgumentException when a format has no name in the speech API
         */
        public Builder formats(AudioFormat... values) {
            formats.clear();
            for (AudioFormat f : values) {
                Objects.requireNonNull(f, "format");
                if (ResponseFormats.wireName(f).isEmpty()) {
                    throw new IllegalArgumentException("the speech API has no format for " + f + " (mono PCM, WAV, MP3, Opus, AAC or FLAC)");
                }
                formats.add(f);
            }
            return this;
        }

        /**
         * The voices a compatible server offers, for {@link #voices(CallContext)}; replaces any given before.
         * Unless set, a compatible server lists only the default voice.
         *
         * @param names voice names, each 1 to 256 characters without control characters; trimmed
         * @return this builder
         * @throws IllegalArgumentException when a name is blank, longer or holds a control character
         */
        public Builder voices(String... names) {
            voices.clear();
            for (String n : names) voices.add(name("voice", n));
            return this;
        }

        /**
         * Whether the server streams its answer as it is generated (default true); false for servers that
         * answer whole files, so the router does not count on early audio from them.
         *
         * @param value whether the answer arrives as it is generated
         * @return this builder
         */
        public Builder streaming(boolean value) {
            this.streaming = value;
            return this;
        }

        /**
         * Whether the server is an OpenAI-compatible one (key optional, no model or voice checks) rather
         * than OpenAI itself. Decided by the base URL's host unless set: set {@code false} for a gateway
         * that forwards to OpenAI, so requests are still checked before they cost anything.
         *
         * @param value {@code true} for a compatible server, {@code false} for OpenAI or a gateway to it
         * @return this builder
         */
        public Builder compatibleServer(boolean value) {
            this.compatibleServer = value;
            return this;
        }

        /**
         * Asks for the audio as server-sent events ({@code stream_format=sse}, {@code gpt-4o-mini-tts}
         * only) instead of raw chunked bytes; the adapter decodes the events, so callers see the same
         * audio either way. Off unless set; {@link #build()} refuses it for OpenAI's {@code tts-1} models.
         *
         * @param value whether to ask for server-sent events
         * @return this builder
         */
        public Builder serverSentEvents(boolean value) {
            this.sse = value;
            return this;
        }

        /**
         * The bulkhead size the router uses; {@value OpenAiProvider#DEFAULT_MAX_CONCURRENT_CALLS} unless set.
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
         * Builds the provider. It holds no connection of its own: calls use the HTTP client of the call's
         * resource manager.
         *
         * @return a new provider, safe for concurrent use
         * @throws IllegalStateException when OpenAI's own API is configured without a key, with instructions or
         *                               server-sent events for a model that takes none, or with a voice the
         *                               model does not offer; or when a declared PCM or WAV format is not at
         *                               the PCM sample rate
         */
        public OpenAiProvider build() {
            if (!compatible() && apiKey == null) {
                throw new IllegalStateException("apiKey is required for OpenAI (a compatible server's baseUrl needs none)");
            }
            if (!compatible() && instructions != null && ModelTable.isClassic(model)) {
                throw new IllegalStateException("model " + model + " takes no instructions");
            }
            for (AudioFormat f : formats) {
                if (f.isLinearPcm() && f.sampleRate() != pcmSampleRate) {
                    throw new IllegalStateException("declared format " + f + " disagrees with pcmSampleRate " + pcmSampleRate);
                }
            }
            if (!compatible() && sse && ModelTable.isClassic(model)) {
                throw new IllegalStateException("model " + model + " does not stream events");
            }
            if (!compatible() && !ModelTable.offersVoice(model, voice)) {
                throw new IllegalStateException("model " + model + " does not offer voice '" + voice + "'");
            }
            return new OpenAiProvider(this);
        }

        boolean compatible() {
            return compatibleServer != null ? compatibleServer : !OPENAI_HOST.equalsIgnoreCase(baseUrl.host());
        }

        Set<AudioFormat> declaredFormats() {
            if (!formats.isEmpty()) return formats;
            Set<AudioFormat> out = new LinkedHashSet<>();
            out.add(AudioFormat.pcm(pcmSampleRate));
            out.add(AudioFormat.wav(pcmSampleRate));
            out.add(OPENAI_MP3);
            out.add(OPENAI_AAC);
            out.add(OPENAI_FLAC);
            return out;
        }

        private static String name(String what, String value) {
            Objects.requireNonNull(value, what);
            String v = value.trim();
            if (v.isEmpty() || v.length() > 256 || v.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException(what + " must be 1..256 printable characters, was '" + value + "'");
            }
            return v;
        }
    }
}
