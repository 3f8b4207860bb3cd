package dev.ttskit.xtts;

import com.google.errorprone.annotations.MustBeClosed;
import dev.ttskit.AttemptPolicy;
import dev.ttskit.AudioFormatException;
import dev.ttskit.AudioStream;
import dev.ttskit.CancelledException;
import dev.ttskit.ModelException;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.Voice;
import dev.ttskit.VoiceId;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ManagedModel;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.VoiceTarget;
import dev.ttskit.xtts.internal.ChunkPipe;
import dev.ttskit.xtts.internal.ClonedVoice;
import dev.ttskit.xtts.internal.LoadOptions;
import dev.ttskit.xtts.internal.SamplingParams;
import dev.ttskit.xtts.internal.SincResampler;
import dev.ttskit.xtts.internal.TextFrontEnd;
import dev.ttskit.xtts.internal.TextNormalizers;
import dev.ttskit.xtts.internal.TextPieces;
import dev.ttskit.xtts.internal.VoiceCache;
import dev.ttskit.xtts.internal.VoiceCloner;
import dev.ttskit.xtts.internal.XttsIds;
import dev.ttskit.xtts.internal.XttsManifest;
import dev.ttskit.xtts.internal.XttsModel;
import dev.ttskit.xtts.internal.XttsSynthesizer;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * XTTS-v2 on ONNX Runtime, from a model directory in the xtts-onnx v1 layout (an {@code xtts.json}
 * manifest, a tokenizer and four graphs). Speaks 24 kHz mono PCM or WAV, clones voices from a
 * reference WAV (prepared once per recording, optionally persisted), and streams audio while the
 * GPT is still generating.
 *
 * <p>The graphs load on first use through the call's {@link dev.ttskit.spi.ResourceManager}, which
 * accounts their memory, unloads them when idle and releases them when it closes.
 *
 * <p>Request options ({@code local-xtts.} prefix or none): {@code temperature}, {@code top_k},
 * {@code top_p}, {@code repetition_penalty}, {@code do_sample} (false for greedy decoding) and
 * {@code max_codes}; the request's seed makes sampling reproducible.
 *
 * <p>The XTTS-v2 weights are under the Coqui Public Model License (non-commercial). ttskit ships
 * none; users supply the model directory.
 */
public final class XttsProvider implements TtsProvider {
    /** This provider's id. */
    public static final String ID = "local-xtts";

    private static final int OUTPUT_RATE = 24_000;

    private final Path modelDir;
    private final XttsManifest manifest;
    private final LoadOptions loadOptions;
    private final SamplingParams sampling;
    private final VoiceCache voices;
    private final ProviderCapabilities capabilities;
    private final String modelKey;
    private final long nativeBytes;

    private XttsProvider(Builder b, Path modelDir) {
        this.modelDir = modelDir.toAbsolutePath().normalize();
        this.manifest = XttsManifest.read(modelDir);
        String variant = null;
        if (b.useInt8Gpt && manifest.gptVariants().containsKey("int8")) variant = "int8";
        this.loadOptions = new LoadOptions(b.executionProvider, b.intraOpThreads, variant);
        SamplingParams s = manifest.samplingDefaults();
        if (b.temperature != null) s = s.withTemperature(b.temperature);
        if (b.topK != null) s = s.withTopK(b.topK);
        if (b.topP != null) s = s.withTopP(b.topP);
        if (b.repetitionPenalty != null) s = s.withRepetitionPenalty(b.repetitionPenalty);
        if (b.doSample != null) s = s.withDoSample(b.doSample);
        this.sampling = s;
        this.voices = new VoiceCache(b.voiceCacheDir);
        this.modelKey = ID + ":" + modelDir + ":" + b.executionProvider + ":" + (variant == null ? "fp32" : variant)
                + ":" + b.intraOpThreads;
        this.nativeBytes = XttsModel.estimateNativeBytes(manifest, variant);
        ProviderCapabilities.Builder caps = ProviderCapabilities.builder()
                .formats(AudioFormat.WAV_PCM16_24K, AudioFormat.PCM16_24K)
                .streaming(true)
                .voiceCloning(true)
                .local(true)
                .paid(false)
                .maxConcurrentCalls(Math.max(1, Runtime.getRuntime().availableProcessors() / 2))
                .parameter("speed", 0.5, 2.0)
                .parameter("temperature", 0.01, 5.0)
                .parameter("top_p", 0.01, 1.0)
                .parameter("repetition_penalty", 0.01, 100.0)
                .referenceAudioDuration(Duration.ofMillis(Math.round(manifest.cloningDefaults().minChunkSeconds() * 1000)),
                        Duration.ofMillis(Math.round(manifest.cloningDefaults().maxRefSeconds() * 1000)));
        int maxChars = 1;
        for (String tag : manifest.languages()) {
            TextFrontEnd.Language l = TextFrontEnd.language(tag);
            if (TextNormalizers.forLanguage(l.base()).isEmpty()) continue;
            caps.languages(tag.equals("zh-cn") ? "zh" : tag);
            int limit = manifest.charLimits().getOrDefault(l.base(), 250);
            caps.maxCharsForLanguage(l.base(), limit);
            maxChars = Math.max(maxChars, limit);
        }
        caps.maxChars(maxChars);
        // The first call loads the model (seconds to a minute on a CPU) and a long text is spoken on the
        // CPU too: its attempts get longer than a network stream's first byte.
        caps.attemptDefaults(AttemptPolicy.builder()
                .attemptTimeout(Duration.ofMinutes(2))
                .firstByteTimeout(Duration.ofSeconds(60))
                .idleTimeout(Duration.ofSeconds(30))
                .build());
        this.capabilities = caps.build();
    }

    /**
     * Starts configuring a provider; {@link Builder#modelDir} is required.
     *
     * @return a new builder: CPU, ONNX Runtime's thread choice, fp32 GPT and the manifest's sampling
     *     defaults, no voice cache directory
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

    /** The sampling settings used when a request sets none: the manifest's, with this builder's overrides. */
    SamplingParams samplingDefaults() {
        return sampling;
    }

    @Override
    public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
        checkFormat(request.format());
        ctx.checkActive(ID);
        try (ManagedModel.Lease<XttsModel> lease = model(ctx).acquire(ctx)) {
            Prepared p = prepare(request, lease.get());
            List<float[]> parts = new ArrayList<>();
            AtomicBoolean cancelled = new AtomicBoolean();
            CancellationToken.Registration registration = ctx.cancellation().onCancel(() -> cancelled.set(true));
            try {
                new XttsSynthesizer(lease.get()).run(p.job(false, () -> checkActive(ctx, cancelled)), parts::add);
            } finally {
                registration.close();
            }
            float[] audio = toOutputRate(concat(parts), lease.get());
            byte[] pcm = checkedPcm(audio);
            byte[] bytes = request.format().container() == AudioFormat.Container.WAV ? withHeader(pcm) : pcm;
            return SpeechResult.builder().audio(bytes).format(request.format()).provider(ID).build();
        } catch (TtsException e) {
            throw withProvider(e);
        } catch (RuntimeException e) {
            throw ModelException.builder("synthesis failed: " + e).provider(ID).cause(e).build();
        }
    }

    /**
     * The resource manager's own errors while a model loads (load failure or timeout, the call's
     * deadline or cancellation) carry no provider id: add ours, keeping the category.
     */
    private static TtsException withProvider(TtsException e) {
        if (e.provider().isPresent()) return e;
        if (e instanceof ModelException) return ModelException.builder(e.getMessage()).provider(ID).cause(e).build();
        if (e instanceof TtsTimeoutException) return TtsTimeoutException.builder(e.getMessage()).provider(ID).cause(e).build();
        if (e instanceof CancelledException) return CancelledException.builder(e.getMessage()).provider(ID).cause(e).build();
        return e;
    }

    // The model lease is handed to the synthesis task, which closes it in its finally block; the
    // checker only accepts a lease closed by the method that acquired it.
    @SuppressWarnings("MustBeClosedChecker")
    @MustBeClosed
    @Override
    public AudioStream stream(ProviderRequest request, CallContext ctx) {
        checkFormat(request.format());
        ctx.checkActive(ID);
        ManagedModel.Lease<XttsModel> lease;
        try {
            lease = model(ctx).acquire(ctx);
        } catch (TtsException e) {
            throw withProvider(e);
        }
        CancellationToken.Registration reg = null;
        try {
            XttsModel model = lease.get();
            Prepared p = prepare(request, model);
            AtomicBoolean stopped = new AtomicBoolean();
            reg = ctx.cancellation().onCancel(() -> stopped.set(true));
            CancellationToken.Registration registration = reg;
            // Closing the stream early stops generation at the next step.
            ChunkPipe pipe = new ChunkPipe(() -> stopped.set(true));
            if (request.format().container() == AudioFormat.Container.WAV) pipe.offer(WavCodec.streamingHeader(OUTPUT_RATE, 1));
            ctx.resources().executor().execute(() -> {
                TtsException failure = null;
                try {
                    new XttsSynthesizer(model).run(p.job(true, () -> checkActive(ctx, stopped)),
                            chunk -> pipe.offer(pcm16(toOutputRate(chunk, model))));
                } catch (TtsException e) {
                    failure = e;
                } catch (RuntimeException e) {
                    failure = ModelException.builder("synthesis failed: " + e).provider(ID).cause(e).build();
                } finally {
                    // Released before the reader learns the end, so a caller who has read to the end
                    // (or to the failure) never finds the model still pinned.
                    registration.close();
                    lease.close();
                }
                if (failure == null) pipe.finish();
                else pipe.fail(failure);
            });
            return new AudioStream(pipe, request.format(), ID, null, null);
        } catch (RuntimeException e) {
            if (reg != null) reg.close();
            lease.close();
            throw e;
        }
    }

    @Override
    public List<Voice> voices(CallContext ctx) {
        try (ManagedModel.Lease<XttsModel> lease = model(ctx).acquire(ctx)) {
            List<Voice> out = new ArrayList<>();
            for (String name : lease.get().speakers().names()) {
                out.add(new Voice(ID, VoiceId.of(name), name, lease.get().manifest().languages(), Map.of("kind", "built-in")));
            }
            return out;
        }
    }

    /** Nothing to release here: the models belong to the resource managers that loaded them. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "XttsProvider[" + manifest.model() + " " + manifest.modelVersion() + ", " + loadOptions.executionProvider() + "]";
    }

    private ManagedModel<XttsModel> model(CallContext ctx) {
        return ctx.resources().model(modelKey, nativeBytes, () -> XttsModel.load(XttsManifest.read(modelDir), loadOptions),
                XttsModel::close);
    }

    private static void checkActive(CallContext ctx, AtomicBoolean stopped) {
        if (stopped.get()) throw CancelledException.builder("request was cancelled").provider(ID).build();
        ctx.checkActive(ID);
    }

    private void checkFormat(AudioFormat format) {
        if (!capabilities.formats().contains(format)) {
            throw UnsupportedRequestException.builder("format " + format + " is not produced; use wav_24000 or pcm_24000")
                    .provider(ID).build();
        }
    }

    /** Everything a request needs before generation. */
    private final class Prepared {
        final Iterable<int[]> pieces;
        final ClonedVoice voice;
        final SamplingParams params;
        final RandomGenerator rng;
        final int maxCodes;
        final double speed;

        Prepared(Iterable<int[]> pieces, ClonedVoice voice, SamplingParams params, RandomGenerator rng, int maxCodes, double speed) {
            this.pieces = pieces;
            this.voice = voice;
            this.params = params;
            this.rng = rng;
            this.maxCodes = maxCodes;
            this.speed = speed;
        }

        XttsSynthesizer.Job job(boolean streaming, Runnable checkActive) {
            return new XttsSynthesizer.Job(pieces, voice, params, rng, maxCodes, speed, streaming, manifest.streamDefaults(), checkActive);
        }
    }

    /**
     * Text, voice and sampling for one request. The first sentence is always a piece of its own, so a
     * stream's first audio waits for one sentence, and streamed and whole results hold the same audio;
     * and only that piece is cleaned and tokenised here, so a long text's first audio does not wait for
     * the front end of all its pieces.
     */
    private Prepared prepare(ProviderRequest request, XttsModel model) {
        TextFrontEnd text = new TextFrontEnd(model.tokenizer(), model.manifest(), model.gptSpec());
        TextFrontEnd.Language language = text.resolve(request.language().orElse("en"));
        // Only the first piece is encoded before generation starts; the rest as generation reaches them.
        TextPieces pieces = text.pieces(request.text(), language, true);
        ClonedVoice voice = resolveVoice(request, model);
        SamplingParams params = sampling;
        Optional<Double> temperature = request.decimal("temperature");
        Optional<Long> topK = request.integer("top_k");
        Optional<Double> topP = request.decimal("top_p");
        Optional<Double> repetitionPenalty = request.decimal("repetition_penalty");
        Optional<Boolean> doSample = request.flag("do_sample");
        try {
            if (temperature.isPresent()) params = params.withTemperature(temperature.get());
            // Clamped into int range so that SamplingParams names the value in its own range check.
            if (topK.isPresent()) params = params.withTopK((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, topK.get())));
            if (topP.isPresent()) params = params.withTopP(topP.get());
            if (repetitionPenalty.isPresent()) params = params.withRepetitionPenalty(repetitionPenalty.get());
            if (doSample.isPresent()) params = params.withDoSample(doSample.get());
        } catch (IllegalArgumentException e) {
            throw ValidationException.builder(Objects.requireNonNullElse(e.getMessage(), e.toString())).provider(ID).cause(e).build();
        }
        int maxCodes = model.gptSpec().maxGenMelTokens();
        Optional<Long> requestedCodes = request.integer("max_codes");
        if (requestedCodes.isPresent()) {
            long m = requestedCodes.get();
            if (m < 1) throw ValidationException.builder("option max_codes for provider " + ID + " must be >= 1, was " + m)
                    .provider(ID).build();
            maxCodes = (int) Math.min(maxCodes, m);
        }
        double speed = request.speed().orElse(1.0);
        if (speed < 0.5 || speed > 2.0) throw ValidationException.builder("speed must be 0.5..2.0, was " + speed)
                .provider(ID).build();
        RandomGenerator rng = request.seed().map(SplittableRandom::new).orElseGet(SplittableRandom::new);
        return new Prepared(pieces, voice, params, rng, maxCodes, speed);
    }

    private ClonedVoice resolveVoice(ProviderRequest request, XttsModel model) {
        // The planner has already put the caller's speaker reference here when no voice was mapped.
        VoiceTarget target = request.voice().orElse(null);
        if (target instanceof VoiceTarget.Reference) return cloned(((VoiceTarget.Reference) target).audio(), model);
        if (target instanceof VoiceTarget.Id) {
            String name = ((VoiceTarget.Id) target).id().value();
            ClonedVoice v = model.speakers().get(name);
            if (v == null) throw UnsupportedRequestException.builder("voice '" + name + "' is not a built-in voice of this model")
                    .provider(ID).build();
            return v;
        }
        if (model.speakers().isEmpty()) {
            throw UnsupportedRequestException.builder("this model has no built-in voices: pass a reference recording")
                    .provider(ID).build();
        }
        // names() lists the file's voices, so the first name has one.
        return Objects.requireNonNull(model.speakers().get(model.speakers().names().get(0)), "first built-in voice");
    }

    private ClonedVoice cloned(Path reference, XttsModel model) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(reference);
        } catch (NoSuchFileException e) {
            throw ValidationException.builder("reference recording " + reference.getFileName() + " does not exist")
                    .provider(ID).cause(e).build();
        } catch (IOException e) {
            throw ValidationException.builder("reference recording " + reference.getFileName() + " is not readable")
                    .provider(ID).cause(e).build();
        }
        return voices.get(VoiceCache.sha256(bytes), model, () -> {
            PcmAudio mono;
            try {
                mono = WavCodec.decode(bytes).toMono();
            } catch (AudioFormatException e) {
                throw ValidationException.builder("reference recording " + reference.getFileName() + " is not a readable WAV: " + e.getMessage())
                        .provider(ID).cause(e).build();
            }
            VoiceCloner cloner = new VoiceCloner(model);
            return cloner.clone(List.of(cloner.prepare(mono.samples(), mono.sampleRate())));
        });
    }

    private static float[] concat(List<float[]> parts) {
        int n = 0;
        for (float[] p : parts) n += p.length;
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static float[] toOutputRate(float[] audio, XttsModel model) {
        int rate = model.decoderSpec().outputSampleRate();
        return rate == OUTPUT_RATE ? audio : SincResampler.resample(audio, rate, OUTPUT_RATE);
    }

    private static byte[] checkedPcm(float[] audio) {
        float peak = 0;
        for (float s : audio) peak = Math.max(peak, Math.abs(s));
        if (audio.length == 0 || peak < 1e-4f) {
            throw AudioFormatException.builder("the model produced " + (audio.length == 0 ? "no" : "silent") + " audio")
                    .provider(ID).build();
        }
        return pcm16(audio);
    }

    private static byte[] pcm16(float[] samples) {
        return PcmAudio.of(samples, OUTPUT_RATE, 1).toPcm16();
    }

    private static byte[] withHeader(byte[] pcm) {
        return WavCodec.wrapPcm16(pcm, OUTPUT_RATE, 1);
    }

    /** Builds an {@link XttsProvider}; setters fail fast with the bad value in the message. */
    public static final class Builder {
        private @Nullable Path modelDir;
        private ExecutionProvider executionProvider = ExecutionProvider.CPU;
        private int intraOpThreads;
        private boolean useInt8Gpt;
        private @Nullable Double temperature;
        private @Nullable Integer topK;
        private @Nullable Double topP;
        private @Nullable Double repetitionPenalty;
        private @Nullable Boolean doSample;
        private @Nullable Path voiceCacheDir;

        private Builder() {
        }

        /**
         * Required: the directory holding {@code xtts.json}, the tokenizer and the graphs. It is
         * read, never written, and must stay in place while the provider may load the graphs.
         *
         * @param dir the model directory
         * @return this builder
         * @throws NullPointerException when {@code dir} is null
         */
        public Builder modelDir(Path dir) {
            this.modelDir = Objects.requireNonNull(dir, "modelDir");
            return this;
        }

        /**
         * CPU (default) or CUDA.
         *
         * @param provider where ONNX Runtime runs the graphs; CUDA is checked when the graphs load,
         *     not here
         * @return this builder
         * @throws NullPointerException when {@code provider} is null
         */
        public Builder executionProvider(ExecutionProvider provider) {
            this.executionProvider = Objects.requireNonNull(provider, "executionProvider");
            return this;
        }

        /**
         * Threads for the GPT graph; 0 (default) lets ONNX Runtime choose.
         *
         * @param threads 0..1024
         * @return this builder
         * @throws IllegalArgumentException when {@code threads} is outside 0..1024
         */
        public Builder intraOpThreads(int threads) {
            if (threads < 0 || threads > 1024) throw new IllegalArgumentException("intraOpThreads must be 0..1024, was " + threads);
            this.intraOpThreads = threads;
            return this;
        }

        /**
         * Use the directory's int8 GPT variant when it has one (faster on CPU, same I/O). Off by
         * default; without such a variant the fp32 graph is used and nothing fails.
         *
         * @param use true to prefer the int8 variant
         * @return this builder
         */
        public Builder useInt8Gpt(boolean use) {
            this.useInt8Gpt = use;
            return this;
        }

        /**
         * Overrides the manifest's temperature; a request's {@code temperature} option overrides this.
         *
         * @param value a finite value &gt; 0
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is not finite and positive
         */
        public Builder temperature(double value) {
            if (!(value > 0) || Double.isInfinite(value)) throw new IllegalArgumentException("temperature must be > 0, was " + value);
            this.temperature = value;
            return this;
        }

        /**
         * Overrides the manifest's top-k; a request's {@code top_k} option overrides this.
         *
         * @param value tokens kept, &gt;= 0; 0 disables the filter
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is negative
         */
        public Builder topK(int value) {
            if (value < 0) throw new IllegalArgumentException("topK must be >= 0, was " + value);
            this.topK = value;
            return this;
        }

        /**
         * Overrides the manifest's top-p; a request's {@code top_p} option overrides this.
         *
         * @param value in (0, 1]; 1 disables the filter
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is outside (0, 1]
         */
        public Builder topP(double value) {
            if (!(value > 0 && value <= 1)) throw new IllegalArgumentException("topP must be in (0, 1], was " + value);
            this.topP = value;
            return this;
        }

        /**
         * Overrides the manifest's repetition penalty; a request's {@code repetition_penalty} option
         * overrides this.
         *
         * @param value a finite value &gt; 0; 1 disables the penalty
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is not finite and positive
         */
        public Builder repetitionPenalty(double value) {
            if (!(value > 0) || Double.isInfinite(value)) throw new IllegalArgumentException("repetitionPenalty must be > 0, was " + value);
            this.repetitionPenalty = value;
            return this;
        }

        /**
         * Greedy decoding (argmax after the repetition penalty) instead of sampling. Unset, the
         * manifest decides; a request's {@code do_sample} option overrides this.
         *
         * @param greedy true for greedy decoding, false for sampling
         * @return this builder
         */
        public Builder greedy(boolean greedy) {
            this.doSample = !greedy;
            return this;
        }

        /**
         * Where cloned voices persist between runs; memory only when unset. The directory is
         * created when needed; {@link #build()} refuses a path that exists and is not a directory.
         *
         * @param dir a directory the process may write to
         * @return this builder
         */
        public Builder voiceCacheDir(Path dir) {
            this.voiceCacheDir = dir;
            return this;
        }

        /**
         * Reads and checks {@code xtts.json}; the graphs load later, on first use. The caller closes
         * the provider (directly or through the client it is given to).
         *
         * @return a new provider
         * @throws IllegalStateException when no model directory was set
         * @throws IllegalArgumentException when the voice cache path exists and is not a directory
         * @throws ModelException        when the manifest is missing or invalid
         */
        public XttsProvider build() {
            Path dir = modelDir;
            if (dir == null) throw new IllegalStateException("modelDir is required");
            if (voiceCacheDir != null && Files.exists(voiceCacheDir) && !Files.isDirectory(voiceCacheDir)) {
                throw new IllegalArgumentException("voiceCacheDir is not a directory: " + voiceCacheDir);
            }
            return new XttsProvider(this, dir);
        }

        @Override
        public String toString() {
            return "XttsProvider.Builder[modelDir=" + modelDir + ", " + executionProvider.name().toLowerCase(Locale.ROOT) + "]";
        }
    }
}
