package dev.ttskit.xtts.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.ttskit.ModelException;
import dev.ttskit.xtts.ExecutionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A loaded model directory: the four ONNX sessions, their specs from the graph metadata, the
 * tokenizer and the built-in voices. Sessions are shared by concurrent syntheses (ORT allows
 * concurrent {@code run}); {@link #close()} closes the sessions. The {@link OrtEnvironment} is a
 * process singleton and is never closed.
 */
public final class XttsModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(XttsModel.class);

    public static final String ROLE_CONDITIONING = "conditioning_encoder";
    public static final String ROLE_SPEAKER = "speaker_encoder";
    public static final String ROLE_GPT = "gpt";
    public static final String ROLE_DECODER = "hifigan_decoder";
    /** Voices whose GPT prefix KV stays in memory (about 8 MB each for the real model). */
    private static final int PREFIX_CACHE_VOICES = 8;

    private final XttsManifest manifest;
    private final BpeTokenizer tokenizer;
    private final OrtEnvironment env;
    private final OrtSession conditioning;
    private final OrtSession speaker;
    private final OrtSession gpt;
    private final OrtSession decoder;
    private final MelSpec conditioningMel;
    private final MelSpec speakerMel;
    private final int condLen;
    private final GptSpec gptSpec;
    private final DecoderSpec decoderSpec;
    private final BuiltinSpeakers speakers;
    private final String gptFile;
    private final PrefixCache prefixes;

    private XttsModel(XttsManifest manifest, BpeTokenizer tokenizer, OrtEnvironment env, OrtSession conditioning,
                      OrtSession speaker, OrtSession gpt, OrtSession decoder, MelSpec conditioningMel, MelSpec speakerMel,
                      int condLen, GptSpec gptSpec, DecoderSpec decoderSpec, BuiltinSpeakers speakers, String gptFile) {
        this.manifest = manifest;
        this.tokenizer = tokenizer;
        this.env = env;
        this.conditioning = conditioning;
        this.speaker = speaker;
        this.gpt = gpt;
        this.decoder = decoder;
        this.conditioningMel = conditioningMel;
        this.speakerMel = speakerMel;
        this.condLen = condLen;
        this.gptSpec = gptSpec;
        this.decoderSpec = decoderSpec;
        this.speakers = speakers;
        this.gptFile = gptFile;
        this.prefixes = new PrefixCache(this, PREFIX_CACHE_VOICES);
    }

    /** Native memory a loaded directory takes, estimated from its graph files (plus ORT's working set). */
    public static long estimateNativeBytes(XttsManifest manifest, @Nullable String gptVariant) {
        long total = 0;
        Path gptPath = manifest.gptVariants().getOrDefault(gptVariant == null ? "" : gptVariant, manifest.gpt());
        for (Path p : List.of(manifest.conditioningEncoder(), manifest.speakerEncoder(), gptPath, manifest.hifiganDecoder(),
                gptPath.resolveSibling(gptPath.getFileName() + ".data"))) {
            try {
                if (Files.isRegularFile(p)) total += Files.size(p);
            } catch (IOException e) {
                log.debug("cannot size {}", p.getFileName(), e);
            }
        }
        return total + total / 4 + (16L << 20);
    }

    /** Loads and validates a directory (spec section 5); any failure is a {@link ModelException}. */
    public static XttsModel load(XttsManifest manifest, LoadOptions options) {
        BpeTokenizer tokenizer = BpeTokenizer.read(manifest.tokenizer());
        Path gptPath = manifest.gpt();
        if (options.gptVariant() != null && manifest.gptVariants().containsKey(options.gptVariant())) {
            gptPath = manifest.gptVariants().get(options.gptVariant());
        }
        for (Path p : List.of(manifest.conditioningEncoder(), manifest.speakerEncoder(), gptPath, manifest.hifiganDecoder())) {
            if (!Files.isRegularFile(p)) {
                throw ModelException.builder("model file " + p.getFileName() + " is missing from " + manifest.directory())
                        .provider(XttsIds.PROVIDER).build();
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        if (options.executionProvider() == ExecutionProvider.CUDA && !OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            throw ModelException.builder("CUDA was asked for but this ONNX Runtime has no CUDA provider" + " (put onnxruntime_gpu on the class path)")
                    .provider(XttsIds.PROVIDER).build();
        }
        List<OrtSession> opened = new ArrayList<>();
        try {
            OrtSession cond = open(env, manifest.conditioningEncoder(), options, 2, opened);
            OrtSession spk = open(env, manifest.speakerEncoder(), options, 2, opened);
            OrtSession g = open(env, gptPath, options, options.intraOpThreads(), opened);
            OrtSession dec = open(env, manifest.hifiganDecoder(), options, 2, opened);

            GraphMetadata condMeta = metadata(cond, manifest.conditioningEncoder(), ROLE_CONDITIONING);
            GraphMetadata spkMeta = metadata(spk, manifest.speakerEncoder(), ROLE_SPEAKER);
            GraphMetadata gptMeta = metadata(g, gptPath, ROLE_GPT);
            GraphMetadata decMeta = metadata(dec, manifest.hifiganDecoder(), ROLE_DECODER);

            MelSpec condMel = MelSpec.from(condMeta, true, false);
            MelSpec spkMel = MelSpec.from(spkMeta, false, true);
            refuseConcatenatingCache(g, gptMeta.file());
            GptSpec gptSpec = GptSpec.from(gptMeta);
            DecoderSpec decSpec = DecoderSpec.from(decMeta);
            int d = gptSpec.dModel();
            for (GraphMetadata m : List.of(condMeta, spkMeta, decMeta)) {
                if (m.integer("d_model") != d) {
                    throw m.error("d_model " + m.integer("d_model") + " differs from the GPT's " + d);
                }
            }
            int condLen = condMeta.positive("cond_len");
            if (condLen != gptSpec.condLen()) {
                throw condMeta.error("cond_len " + condLen + " differs from the GPT's " + gptSpec.condLen());
            }
            int speakerDim = spkMeta.positive("speaker_dim");
            if (speakerDim != decSpec.speakerDim()) {
                throw decMeta.error("speaker_dim " + decSpec.speakerDim() + " differs from the speaker encoder's " + speakerDim);
            }
            checkTokens(gptMeta, gptSpec, tokenizer, manifest);

            String condFile = condMeta.file();
            checkInput(cond, condFile, "mel", OnnxJavaType.FLOAT, 1, condMel.nMels(), -1);
            checkOutput(cond, condFile, "cond_latents", OnnxJavaType.FLOAT, 1, condLen, d);
            checkInput(spk, spkMeta.file(), "mel", OnnxJavaType.FLOAT, 1, spkMel.nMels(), -1);
            checkOutput(spk, spkMeta.file(), "speaker_embedding", OnnxJavaType.FLOAT, 1, speakerDim, 1);
            checkGptIo(g, gptMeta.file(), gptSpec);
            checkInput(dec, decMeta.file(), "frames", OnnxJavaType.FLOAT, 1, d, -1);
            checkInput(dec, decMeta.file(), "speaker_embedding", OnnxJavaType.FLOAT, 1, speakerDim, 1);
            checkOutput(dec, decMeta.file(), "waveform", OnnxJavaType.FLOAT, 1, -1);

            BuiltinSpeakers speakers = BuiltinSpeakers.none();
            if (manifest.speakers().isPresent() && Files.isRegularFile(manifest.speakers().get())) {
                speakers = BuiltinSpeakers.read(manifest.speakers().get(), condLen, d, speakerDim);
            }
            return new XttsModel(manifest, tokenizer, env, cond, spk, g, dec, condMel, spkMel, condLen, gptSpec, decSpec,
                    speakers, gptPath.getFileName().toString());
        } catch (OrtException e) {
            closeAll(opened);
            throw ModelException.builder("ONNX Runtime failed on " + manifest.directory() + ": " + e.getMessage())
                    .provider(XttsIds.PROVIDER).cause(e).build();
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /**
     * Directories exported before the static KV cache take {@code past_key.N} and return the whole cache
     * grown by concatenation every step; this version runs only the static layout, so it asks for a
     * re-export rather than failing on a missing input name.
     */
    private static void refuseConcatenatingCache(OrtSession g, String file) throws OrtException {
        if (g.getInputInfo().containsKey(GptNames.LEGACY_PAST_KEY) && !g.getInputInfo().containsKey(GptNames.cacheKey(0))) {
            throw ModelException.builder(file + " was exported with the concatenating KV cache (inputs past_key.N), which this"
                    + " version no longer runs: its steps slow down as the cache grows. Re-export the model directory with"
                    + " this version's tools/export_xtts.py (same arguments as before); it writes the static cache"
                    + " (inputs past_len, cache_key.N, cache_value.N)").provider(XttsIds.PROVIDER).build();
        }
    }

    /** The GPT's inputs and outputs of spec section 6.3, and nothing else among its inputs. */
    private static void checkGptIo(OrtSession g, String gf, GptSpec spec) throws OrtException {
        int d = spec.dModel();
        checkInput(g, gf, "cond_latents", OnnxJavaType.FLOAT, 1, -1, d);
        checkInput(g, gf, "text_ids", OnnxJavaType.INT64, 1, -1);
        checkInput(g, gf, "audio_ids", OnnxJavaType.INT64, 1, -1);
        checkInput(g, gf, "audio_pos", OnnxJavaType.INT64, 1, -1);
        checkInput(g, gf, "past_len", OnnxJavaType.INT64, 1);
        checkOutput(g, gf, "logits", OnnxJavaType.FLOAT, 1, spec.numAudioTokens());
        checkOutput(g, gf, "latent", OnnxJavaType.FLOAT, 1, d);
        for (int i = 0; i < spec.nLayer(); i++) {
            checkInput(g, gf, GptNames.cacheKey(i), OnnxJavaType.FLOAT, 1, spec.nHead(), spec.headDim(), -1);
            checkInput(g, gf, GptNames.cacheValue(i), OnnxJavaType.FLOAT, 1, spec.nHead(), -1, spec.headDim());
            checkOutput(g, gf, GptNames.newKey(i), OnnxJavaType.FLOAT, 1, spec.nHead(), spec.headDim(), -1);
            checkOutput(g, gf, GptNames.newValue(i), OnnxJavaType.FLOAT, 1, spec.nHead(), -1, spec.headDim());
        }
        int expectedInputs = 5 + 2 * spec.nLayer();
        if (g.getNumInputs() != expectedInputs) {
            throw ModelException.builder(gf + " has " + g.getNumInputs() + " inputs, expected " + expectedInputs + " for n_layer "
                    + spec.nLayer()).provider(XttsIds.PROVIDER).build();
        }
    }

    private static OrtSession open(OrtEnvironment env, Path file, LoadOptions options, int threads, List<OrtSession> opened) {
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            if (threads > 0) so.setIntraOpNumThreads(threads);
            so.setInterOpNumThreads(1);
            if (options.executionProvider() == ExecutionProvider.CUDA) so.addCUDA(0);
            // By path, so that external data (gpt.onnx.data) resolves beside the graph.
            OrtSession s = env.createSession(file.toString(), so);
            opened.add(s);
            return s;
        } catch (OrtException e) {
            throw ModelException.builder(file.getFileName() + " is not a loadable ONNX graph: " + e.getMessage())
                    .provider(XttsIds.PROVIDER).cause(e).build();
        }
    }

    private static GraphMetadata metadata(OrtSession session, Path file, String role) throws OrtException {
        GraphMetadata meta = new GraphMetadata(file.getFileName().toString(), session.getMetadata().getCustomMetadata());
        meta.checkCommon(role);
        return meta;
    }

    private static void checkTokens(GraphMetadata meta, GptSpec spec, BpeTokenizer tokenizer, XttsManifest manifest) {
        checkTokenId(meta, tokenizer, BpeTokenizer.START, spec.startTextToken(), "start_text_token");
        checkTokenId(meta, tokenizer, BpeTokenizer.STOP, spec.stopTextToken(), "stop_text_token");
        for (String t : new String[] {BpeTokenizer.UNK, BpeTokenizer.SPACE}) {
            if (tokenizer.id(t).isEmpty()) throw ModelException.builder("the tokenizer has no " + t + " token")
                    .provider(XttsIds.PROVIDER).build();
        }
        if (spec.numTextTokens() < tokenizer.maxId() + 1) {
            throw meta.error("num_text_tokens " + spec.numTextTokens() + " is smaller than the vocabulary (max id " + tokenizer.maxId() + ")");
        }
        for (String lang : manifest.languages()) {
            if (tokenizer.id("[" + lang + "]").isEmpty()) {
                throw ModelException.builder("manifest language '" + lang + "' has no [" + lang + "] token in the tokenizer")
                        .provider(XttsIds.PROVIDER).build();
            }
        }
    }

    private static void checkTokenId(GraphMetadata meta, BpeTokenizer tokenizer, String token, int expected, String key) {
        OptionalInt id = tokenizer.id(token);
        if (id.isEmpty()) throw ModelException.builder("the tokenizer has no " + token + " token")
                .provider(XttsIds.PROVIDER).build();
        if (id.getAsInt() != expected) {
            throw meta.error(key + " " + expected + " differs from the tokenizer's " + token + " id " + id.getAsInt());
        }
    }

    private static void checkInput(OrtSession s, String file, String name, OnnxJavaType type, long... dims) throws OrtException {
        check(s.getInputInfo(), file, "input", name, type, dims);
    }

    private static void checkOutput(OrtSession s, String file, String name, OnnxJavaType type, long... dims) throws OrtException {
        check(s.getOutputInfo(), file, "output", name, type, dims);
    }

    /** Name, element type, rank and every fixed dimension; -1 in {@code dims} accepts any size. */
    private static void check(Map<String, NodeInfo> infos, String file, String kind, String name, OnnxJavaType type, long... dims) {
        NodeInfo info = infos.get(name);
        if (info == null) throw ModelException.builder(file + ": " + kind + " '" + name + "' is missing")
                .provider(XttsIds.PROVIDER).build();
        if (!(info.getInfo() instanceof TensorInfo)) {
            throw ModelException.builder(file + ": " + kind + " '" + name + "' is not a tensor")
                    .provider(XttsIds.PROVIDER).build();
        }
        TensorInfo t = (TensorInfo) info.getInfo();
        if (t.type != type) {
            throw ModelException.builder(file + ": " + kind + " '" + name + "' has element type " + t.type + ", expected " + type)
                    .provider(XttsIds.PROVIDER).build();
        }
        long[] shape = t.getShape();
        if (shape.length != dims.length) {
            throw ModelException.builder(file + ": " + kind + " '" + name + "' has rank " + shape.length + ", expected " + dims.length)
                    .provider(XttsIds.PROVIDER).build();
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] >= 0 && shape[i] >= 0 && shape[i] != dims[i]) {
                throw ModelException.builder(file + ": " + kind + " '" + name + "' has size " + shape[i] + " in dimension " + i + ", expected " + dims[i])
                        .provider(XttsIds.PROVIDER).build();
            }
        }
    }

    private static void closeAll(List<OrtSession> sessions) {
        for (OrtSession s : sessions) {
            try {
                s.close();
            } catch (OrtException | RuntimeException e) {
                log.debug("closing a session failed", e);
            }
        }
    }

    public XttsManifest manifest() { return manifest; }

    public BpeTokenizer tokenizer() { return tokenizer; }

    public OrtEnvironment env() { return env; }

    public OrtSession conditioningSession() { return conditioning; }

    public OrtSession speakerSession() { return speaker; }

    public OrtSession gptSession() { return gpt; }

    public OrtSession decoderSession() { return decoder; }

    public MelSpec conditioningMel() { return conditioningMel; }

    public MelSpec speakerMel() { return speakerMel; }

    public int condLen() { return condLen; }

    public GptSpec gptSpec() { return gptSpec; }

    public DecoderSpec decoderSpec() { return decoderSpec; }

    public int speakerDim() { return decoderSpec.speakerDim(); }

    public BuiltinSpeakers speakers() { return speakers; }

    /** The GPT file in use (the fp32 graph or a variant). */
    public String gptFile() { return gptFile; }

    /** The per-voice GPT prefix KV cache. */
    public PrefixCache prefixes() { return prefixes; }

    /** Closes the prefix cache and the four sessions. Idempotent. */
    @Override
    public void close() {
        prefixes.close();
        closeAll(List.of(conditioning, speaker, gpt, decoder));
    }

    @Override
    public String toString() {
        return "XttsModel[" + manifest.model() + " " + manifest.modelVersion() + ", gpt=" + gptFile + "]";
    }
}
