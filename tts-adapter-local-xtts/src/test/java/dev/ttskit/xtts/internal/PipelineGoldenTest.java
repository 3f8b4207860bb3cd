package dev.ttskit.xtts.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graph outputs, cloning, greedy generation, frames and waveform against the PyTorch goldens. */
class PipelineGoldenTest {
    private static XttsModel model;
    private static JsonNode golden;

    @BeforeAll
    static void load() {
        model = TinyModel.load();
        golden = TinyModel.golden();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static int[] ints(JsonNode n) {
        int[] out = new int[n.size()];
        for (int i = 0; i < out.length; i++) out[i] = n.get(i).asInt();
        return out;
    }

    private static ClonedVoice goldenVoice() {
        return new ClonedVoice(TinyModel.f32("voice_cond.f32"), model.condLen(), model.gptSpec().dModel(),
                TinyModel.f32("voice_speaker.f32"));
    }

    @Test
    void encoderGraphsMatchPyTorch() {
        VoiceCloner cloner = new VoiceCloner(model);
        int[] cs = ints(golden.get("cond_in_shape"));
        float[] cond = cloner.run(model.conditioningSession(), TinyModel.f32("cond_in.f32"), cs[1], cs[2], "cond_latents");
        TinyModel.assertClose(TinyModel.f32("cond_out.f32"), cond, 1e-5, "cond_latents");
        int[] ss = ints(golden.get("spk_in_shape"));
        float[] spk = cloner.run(model.speakerSession(), TinyModel.f32("spk_in.f32"), ss[1], ss[2], "speaker_embedding");
        TinyModel.assertClose(TinyModel.f32("spk_out.f32"), spk, 1e-5, "speaker_embedding");
    }

    @Test
    void cloningFromTheSignalMatchesPyTorch() {
        VoiceCloner cloner = new VoiceCloner(model);
        float[] s22 = cloner.prepare(TinyModel.f32("signal_44k.f32"), 44100);
        ClonedVoice v = cloner.clone(List.of(s22));
        TinyModel.assertClose(TinyModel.f32("voice_cond.f32"), v.condLatents(), 1e-5, "cloned cond latents");
        TinyModel.assertClose(TinyModel.f32("voice_speaker.f32"), v.speakerEmbedding(), 1e-5, "cloned speaker embedding");
        // From audio to waveform: the cloned voice, not the golden one, drives generation and decoding.
        SamplingParams greedy = new SamplingParams(0.75, 50, 0.85, 5.0, false);
        GptGenerator.Generation g = new GptGenerator(model).generate(ints(golden.get("greedy_text_ids")), v, greedy,
                new SplittableRandom(1), Integer.MAX_VALUE, (latents, codes) -> { });
        assertArrayEquals(ints(golden.get("greedy_codes")), g.codes());
        float[] wav = new XttsSynthesizer(model).decode(g.latents(), FrameInterpolator.stages(1.0, model.decoderSpec()),
                v.speakerEmbedding());
        TinyModel.assertClose(TinyModel.f32("waveform.f32"), wav, 1e-4, "waveform from the cloned voice");
    }

    @Test
    void prefillLogitsMatchPyTorch() throws OrtException {
        GptSpec spec = model.gptSpec();
        OrtEnvironment env = model.env();
        int[] ids = ints(golden.get("greedy_text_ids"));
        long[] text = new long[ids.length];
        for (int i = 0; i < ids.length; i++) text[i] = ids[i];
        ClonedVoice voice = goldenVoice();
        try (OnnxTensor cond = Tensors.floats(env, voice.condLatents(), 1, voice.condLen(), voice.dModel());
             OnnxTensor textIds = Tensors.longs(env, text, 1, text.length);
             OnnxTensor start = Tensors.longs(env, new long[] {spec.startAudioToken()}, 1, 1);
             OnnxTensor pos = Tensors.longs(env, new long[] {0}, 1, 1);
             KvCache cache = KvCache.create(env, spec, voice.condLen() + text.length + 1, voice.condLen() + text.length + 1)) {
            Map<String, OnnxTensor> in = new HashMap<>();
            in.put("cond_latents", cond);
            in.put("text_ids", textIds);
            in.put("audio_ids", start);
            in.put("audio_pos", pos);
            cache.putInputs(in);
            try (OrtSession.Result out = model.gptSession().run(in)) {
                TinyModel.assertClose(TinyModel.f32("first_logits.f32"), Tensors.read(out, "logits"), 1e-4, "prefill logits");
            }
        }
    }

    @Test
    void greedyCodesAreIdenticalAndLatentsFramesAndWaveformMatch() {
        SamplingParams greedy = new SamplingParams(0.75, 50, 0.85, 5.0, false);
        List<Integer> steps = new ArrayList<>();
        GptGenerator.Generation g = new GptGenerator(model).generate(ints(golden.get("greedy_text_ids")), goldenVoice(), greedy,
                new SplittableRandom(1), Integer.MAX_VALUE, (latents, codes) -> steps.add(codes));
        assertArrayEquals(ints(golden.get("greedy_codes")), g.codes());
        assertTrue(g.stopped());
        assertEquals(g.codes().length + 1, g.latents().length);
        assertEquals(g.latents().length, steps.size());
        float[] flat = new float[g.latents().length * model.gptSpec().dModel()];
        for (int i = 0; i < g.latents().length; i++) System.arraycopy(g.latents()[i], 0, flat, i * g.latents()[i].length, g.latents()[i].length);
        TinyModel.assertClose(TinyModel.f32("latents.f32"), flat, 1e-5, "latents");

        double[] stages = FrameInterpolator.stages(1.0, model.decoderSpec());
        float[][] frames = FrameInterpolator.frames(g.latents(), stages);
        assertEquals(golden.get("frames_shape").get(2).asInt(), frames[0].length);
        float[] ff = new float[frames.length * frames[0].length];
        for (int c = 0; c < frames.length; c++) System.arraycopy(frames[c], 0, ff, c * frames[0].length, frames[0].length);
        TinyModel.assertClose(TinyModel.f32("frames.f32"), ff, 1e-5, "frames");

        float[] wav = new XttsSynthesizer(model).decode(g.latents(), stages, TinyModel.f32("voice_speaker.f32"));
        assertEquals(golden.get("waveform_samples").asInt(), wav.length);
        TinyModel.assertClose(TinyModel.f32("waveform.f32"), wav, 1e-4, "waveform");
        double sum = 0;
        for (float w : wav) sum += Math.abs(w);
        assertEquals(golden.get("waveform_abs_sum").asDouble(), sum, 1e-2);
    }

    @Test
    void speedChangesTheFrameCountAsTorch() {
        int n = golden.get("latents_shape").get(0).asInt();
        assertEquals(golden.get("frames_speed_1_5").asInt(), FrameInterpolator.frameCount(n, FrameInterpolator.stages(1.5, model.decoderSpec())));
    }

    @Test
    void lengthLimitStopsWithoutTheStopToken() {
        SamplingParams greedy = new SamplingParams(0.75, 50, 0.85, 5.0, false);
        GptGenerator.Generation g = new GptGenerator(model).generate(ints(golden.get("greedy_text_ids")), goldenVoice(), greedy,
                new SplittableRandom(1), 5, (latents, codes) -> { });
        assertEquals(5, g.codes().length);
        assertEquals(5, g.latents().length);
        assertFalse(g.stopped());
        int[] expected = new int[5];
        System.arraycopy(ints(golden.get("greedy_codes")), 0, expected, 0, 5);
        assertArrayEquals(expected, g.codes());
    }

    @Test
    void seededSamplingIsReproducibleAndDiffersFromGreedy() {
        SamplingParams sample = new SamplingParams(0.75, 50, 0.85, 5.0, true);
        int[] text = ints(golden.get("greedy_text_ids"));
        GptGenerator gen = new GptGenerator(model);
        int[] a = gen.generate(text, goldenVoice(), sample, new SplittableRandom(42), 40, (l, c) -> { }).codes();
        int[] b = gen.generate(text, goldenVoice(), sample, new SplittableRandom(42), 40, (l, c) -> { }).codes();
        int[] c = gen.generate(text, goldenVoice(), sample, new SplittableRandom(7), 40, (l, x) -> { }).codes();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c), "another seed gives other codes");
    }

    @Test
    void prefillWithoutThePrefixCacheGivesTheSameCodesAndLatents() {
        SamplingParams greedy = new SamplingParams(0.75, 50, 0.85, 5.0, false);
        GptGenerator.Generation full = new GptGenerator(model, false).generate(ints(golden.get("greedy_text_ids")), goldenVoice(), greedy,
                new SplittableRandom(1), Integer.MAX_VALUE, (l, c) -> { });
        assertArrayEquals(ints(golden.get("greedy_codes")), full.codes());
        ClonedVoice voice = goldenVoice();
        GptGenerator.Generation cached = new GptGenerator(model, true).generate(ints(golden.get("greedy_text_ids")), voice, greedy,
                new SplittableRandom(1), Integer.MAX_VALUE, (l, c) -> { });
        assertArrayEquals(full.codes(), cached.codes());
        for (int i = 0; i < full.latents().length; i++) {
            TinyModel.assertClose(full.latents()[i], cached.latents()[i], 1e-6, "latent " + i);
        }
    }

    @Test
    void evictedPrefixesStayUsableAndTheCacheKeepsItsBound() {
        try (PrefixCache cache = new PrefixCache(model, 1)) {
            ClonedVoice a = goldenVoice();
            ClonedVoice b = goldenVoice();
            PrefixKv pa = cache.get(a);
            assertSame(pa, cache.get(a), "a hit returns the held prefix");
            PrefixKv pb = cache.get(b);
            assertEquals(1, cache.size());
            // a was evicted, but what a generation already holds is immutable and still equals b's (same latents)
            assertEquals(model.condLen(), pa.positions());
            assertArrayEquals(pa.keys(0), pb.keys(0));
            assertArrayEquals(pa.values(1), pb.values(1));
            assertNotSame(pa, cache.get(a), "a is computed again after eviction");
            assertEquals(1, cache.size());
        }
    }

    @Test
    void cacheGrowthKeepsTheCodesAndLatents() {
        // With one position of headroom the cache doubles twice during the golden generation; the codes must not notice.
        SamplingParams greedy = new SamplingParams(0.75, 50, 0.85, 5.0, false);
        int[] text = ints(golden.get("greedy_text_ids"));
        GptGenerator.Generation g = new GptGenerator(model, true, 1).generate(text, goldenVoice(), greedy, new SplittableRandom(1),
                Integer.MAX_VALUE, (l, c) -> { });
        GptGenerator.Generation reference = new GptGenerator(model).generate(text, goldenVoice(), greedy,
                new SplittableRandom(1), Integer.MAX_VALUE, (l, c) -> { });
        assertArrayEquals(ints(golden.get("greedy_codes")), g.codes());
        assertArrayEquals(reference.codes(), g.codes());
        for (int i = 0; i < g.latents().length; i++) {
            TinyModel.assertClose(reference.latents()[i], g.latents()[i], 1e-5, "latent " + i);
        }
    }
}
