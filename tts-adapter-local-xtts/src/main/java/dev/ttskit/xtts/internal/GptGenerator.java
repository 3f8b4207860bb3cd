package dev.ttskit.xtts.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.ttskit.ModelException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The GPT prefill and decode loop (spec section 7.6). Each step feeds the previous step's
 * {@code present_*} tensors straight back as {@code past_*} (no copy) and closes the previous result
 * only after the next run has returned.
 */
public final class GptGenerator {
    /** Called after every step with all latents so far; may throw to stop generation. */
    @FunctionalInterface
    public interface StepListener {
        void onStep(List<float[]> latents, int codes);
    }

    /** Codes without the stop token, and one latent per fed position (start, c1 ... cn). */
    public record Generation(int[] codes, float[][] latents, boolean stopped) {
    }

    private final XttsModel model;
    private final boolean usePrefixCache;

    /** A generator that prefills from the model's per-voice prefix cache. */
    public GptGenerator(XttsModel model) {
        this(model, true);
    }

    /** @param usePrefixCache false feeds the conditioning latents in every prefill instead */
    public GptGenerator(XttsModel model, boolean usePrefixCache) {
        this.model = model;
        this.usePrefixCache = usePrefixCache;
    }

    /**
     * @param textIds  {@code [START] + ids + [STOP]}
     * @param voice    conditioning latents of the voice
     * @param maxCodes at most this many codes (capped by the model's max_gen_mel_tokens)
     * @param listener sees the latents after every step (streaming, cancellation checks)
     */
    public Generation generate(int[] textIds, ClonedVoice voice, SamplingParams params, RandomGenerator rng, int maxCodes,
                               StepListener listener) {
        GptSpec spec = model.gptSpec();
        OrtEnvironment env = model.env();
        OrtSession gpt = model.gptSession();
        int limit = Math.min(maxCodes, spec.maxGenMelTokens());
        long[] text = new long[textIds.length];
        for (int i = 0; i < text.length; i++) text[i] = textIds[i];
        boolean[] seen = new boolean[spec.numAudioTokens()];
        seen[1] = true;
        seen[spec.startAudioToken()] = true;
        List<float[]> latents = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        boolean stopped = false;
        try (OnnxTensor cond = Tensors.floats(env, voice.condLatentsView(), 1, voice.condLen(), voice.dModel());
             OnnxTensor textTensor = Tensors.longs(env, text, 1, text.length);
             OnnxTensor startId = Tensors.longs(env, new long[] {spec.startAudioToken()}, 1, 1);
             OnnxTensor startPos = Tensors.longs(env, new long[] {0}, 1, 1);
             OnnxTensor noCond = Tensors.emptyFloats(env, 1, 0, spec.dModel());
             OnnxTensor noText = Tensors.emptyLongs(env, 1, 0);
             OnnxTensor noPast = Tensors.emptyFloats(env, 1, spec.nHead(), 0, spec.headDim())) {
            OrtSession.Result out = prefill(cond, textTensor, startId, startPos, noCond, noPast, voice);
            try {
                latents.add(Tensors.read(out, "latent"));
                listener.onStep(latents, 0);
                while (true) {
                    int c = Sampler.next(Tensors.read(out, "logits"), seen, params, rng);
                    if (c == spec.stopAudioToken()) {
                        stopped = true;
                        break;
                    }
                    codes.add(c);
                    seen[c] = true;
                    if (codes.size() >= limit) break;
                    try (OnnxTensor id = Tensors.longs(env, new long[] {c}, 1, 1);
                         OnnxTensor pos = Tensors.longs(env, new long[] {codes.size()}, 1, 1)) {
                        Map<String, OnnxTensor> step = new HashMap<>();
                        step.put("cond_latents", noCond);
                        step.put("text_ids", noText);
                        step.put("audio_ids", id);
                        step.put("audio_pos", pos);
                        for (int i = 0; i < spec.nLayer(); i++) {
                            step.put("past_key." + i, Tensors.output(out, "present_key." + i));
                            step.put("past_value." + i, Tensors.output(out, "present_value." + i));
                        }
                        OrtSession.Result next = gpt.run(step);
                        out.close();
                        out = next;
                    }
                    latents.add(Tensors.read(out, "latent"));
                    listener.onStep(latents, codes.size());
                }
            } finally {
                out.close();
            }
        } catch (OrtException e) {
            throw ModelException.builder("GPT step failed: " + e.getMessage())
                    .provider(XttsIds.PROVIDER).cause(e).build();
        }
        int[] codeArray = codes.stream().mapToInt(Integer::intValue).toArray();
        return new Generation(codeArray, latents.toArray(new float[0][]), stopped);
    }

    /** The first call: conditioning latents from the prefix cache (or fed in full), then text and the start token. */
    private OrtSession.Result prefill(OnnxTensor cond, OnnxTensor text, OnnxTensor startId, OnnxTensor startPos,
                                      OnnxTensor noCond, OnnxTensor noPast, ClonedVoice voice) throws OrtException {
        int layers = model.gptSpec().nLayer();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        inputs.put("text_ids", text);
        inputs.put("audio_ids", startId);
        inputs.put("audio_pos", startPos);
        if (!usePrefixCache) {
            inputs.put("cond_latents", cond);
            for (int i = 0; i < layers; i++) {
                inputs.put("past_key." + i, noPast);
                inputs.put("past_value." + i, noPast);
            }
            return model.gptSession().run(inputs);
        }
        try (PrefixCache.Lease prefix = model.prefixes().acquire(voice)) {
            inputs.put("cond_latents", noCond);
            for (int i = 0; i < layers; i++) {
                inputs.put("past_key." + i, prefix.past("past_key." + i));
                inputs.put("past_value." + i, prefix.past("past_value." + i));
            }
            return model.gptSession().run(inputs);
        }
    }
}
