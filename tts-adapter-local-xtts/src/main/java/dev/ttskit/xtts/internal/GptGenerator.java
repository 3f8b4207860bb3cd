package dev.ttskit.xtts.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.ttskit.ModelException;

import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The GPT prefill and decode loop (spec section 7.6) over a static KV cache (section 6.3): the
 * generation owns one {@link KvCache}, every call reads it in place and the loop writes each call's
 * new keys and values into it at the current position, so a step's cost does not grow with copies
 * of the positions before it. The voice's prefix comes from the model's {@link PrefixCache}.
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
    private final int cacheHeadroom;

    /** A generator that prefills from the model's per-voice prefix cache. */
    public GptGenerator(XttsModel model) {
        this(model, true);
    }

    /** @param usePrefixCache false feeds the conditioning latents in every prefill instead */
    public GptGenerator(XttsModel model, boolean usePrefixCache) {
        this(model, usePrefixCache, KvCache.HEADROOM);
    }

    /** @param cacheHeadroom cache positions made beyond the prefill before the first growth (tests make it grow early) */
    GptGenerator(XttsModel model, boolean usePrefixCache, int cacheHeadroom) {
        if (cacheHeadroom < 1) throw new IllegalArgumentException("cache headroom must be >= 1, was " + cacheHeadroom);
        this.model = model;
        this.usePrefixCache = usePrefixCache;
        this.cacheHeadroom = cacheHeadroom;
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
        int limit = Math.max(1, Math.min(maxCodes, spec.maxGenMelTokens()));
        long[] text = new long[textIds.length];
        for (int i = 0; i < text.length; i++) text[i] = textIds[i];
        boolean[] seen = new boolean[spec.numAudioTokens()];
        seen[1] = true;
        seen[spec.startAudioToken()] = true;
        List<float[]> latents = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        boolean stopped = false;
        PrefixKv prefix = usePrefixCache ? model.prefixes().get(voice) : null;
        int prefill = (prefix == null ? voice.condLen() : 0) + text.length + 1;
        int firstCall = (prefix == null ? 0 : prefix.positions()) + prefill;
        // Every position this generation can write: prefix, prefill, then one per fed code (the last code is never fed).
        int maxPositions = firstCall + limit - 1;
        LongBuffer idBuffer = Tensors.directLongs(1);
        LongBuffer posBuffer = Tensors.directLongs(1);
        try (OnnxTensor cond = Tensors.floats(env, voice.condLatentsView(), 1, voice.condLen(), voice.dModel());
             OnnxTensor textTensor = Tensors.longs(env, text, 1, text.length);
             OnnxTensor startId = Tensors.longs(env, new long[] {spec.startAudioToken()}, 1, 1);
             OnnxTensor startPos = Tensors.longs(env, new long[] {0}, 1, 1);
             OnnxTensor noCond = Tensors.emptyFloats(env, 1, 0, spec.dModel());
             OnnxTensor noText = Tensors.emptyLongs(env, 1, 0);
             OnnxTensor id = OnnxTensor.createTensor(env, idBuffer, new long[] {1, 1});
             OnnxTensor pos = OnnxTensor.createTensor(env, posBuffer, new long[] {1, 1});
             KvCache cache = KvCache.create(env, spec, firstCall, cacheHeadroom, maxPositions)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("cond_latents", prefix == null ? cond : noCond);
            inputs.put("text_ids", textTensor);
            inputs.put("audio_ids", startId);
            inputs.put("audio_pos", startPos);
            if (prefix != null) cache.append(prefix);
            cache.putInputs(inputs);
            OrtSession.Result out = gpt.run(inputs);
            try {
                cache.append(out, prefill);
                latents.add(Tensors.read(out, "latent"));
                listener.onStep(latents, 0);
                // Every later call feeds one code: its id and position change in place, the cache grows in place.
                inputs.put("cond_latents", noCond);
                inputs.put("text_ids", noText);
                inputs.put("audio_ids", id);
                inputs.put("audio_pos", pos);
                while (true) {
                    int c = Sampler.next(Tensors.read(out, "logits"), seen, params, rng);
                    if (c == spec.stopAudioToken()) {
                        stopped = true;
                        break;
                    }
                    codes.add(c);
                    seen[c] = true;
                    if (codes.size() >= limit) break;
                    idBuffer.put(0, c);
                    posBuffer.put(0, codes.size());
                    cache.reserve(1);
                    cache.putInputs(inputs);
                    OrtSession.Result next = gpt.run(inputs);
                    out.close();
                    out = next;
                    cache.append(out, 1);
                    latents.add(Tensors.read(out, "latent"));
                    listener.onStep(latents, codes.size());
                }
            } finally {
                out.close();
            }
        } catch (OrtException e) {
            throw ModelException.builder("GPT step failed: " + e.getMessage()).provider(XttsIds.PROVIDER).cause(e).build();
        }
        int[] codeArray = codes.stream().mapToInt(Integer::intValue).toArray();
        return new Generation(codeArray, latents.toArray(new float[0][]), stopped);
    }
}
