package dev.ttskit.xtts.internal;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The windowed streaming vocoder against a one-pass decode of the same latents. */
class StreamingVocoderTest {
    private static XttsModel model;

    @BeforeAll
    static void load() {
        model = TinyModel.load();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static ClonedVoice voice() {
        return new ClonedVoice(TinyModel.f32("voice_cond.f32"), model.condLen(), model.gptSpec().dModel(), TinyModel.f32("voice_speaker.f32"));
    }

    private static int[] text() {
        com.fasterxml.jackson.databind.JsonNode n = TinyModel.golden().get("greedy_text_ids");
        int[] out = new int[n.size()];
        for (int i = 0; i < out.length; i++) out[i] = n.get(i).asInt();
        return out;
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

    /** Returns the GPT steps done when the first chunk arrived. */
    private static int check(double speed, XttsManifest.StreamDefaults settings, double tolerance) {
        XttsSynthesizer synth = new XttsSynthesizer(model);
        SamplingParams greedy = new SamplingParams(0.75, 50, 0.85, 5.0, false);
        List<float[]> whole = new ArrayList<>();
        synth.run(new XttsSynthesizer.Job(List.of(text()), voice(), greedy, new SplittableRandom(1), 1000, speed, false, settings, () -> { }),
                whole::add);
        AtomicInteger steps = new AtomicInteger();
        List<float[]> chunks = new ArrayList<>();
        List<Integer> stepsAtChunk = new ArrayList<>();
        synth.run(new XttsSynthesizer.Job(List.of(text()), voice(), greedy, new SplittableRandom(1), 1000, speed, true, settings,
                steps::incrementAndGet), c -> {
                    chunks.add(c);
                    stepsAtChunk.add(steps.get());
                });
        float[] one = concat(whole);
        float[] streamed = concat(chunks);
        assertEquals(one.length, streamed.length, "same sample count at speed " + speed);
        TinyModel.assertClose(one, streamed, tolerance, "stream vs one pass at speed " + speed);
        assertTrue(chunks.size() > 2, "several chunks: " + chunks.size());
        return stepsAtChunk.get(0);
    }

    @Test
    void concatenatedStreamEqualsOnePassWithTheManifestSettings() {
        int firstAt = check(1.0, model.manifest().streamDefaults(), 1e-5);
        // The first chunk comes right after first_chunk_codes codes, long before the 51 codes end.
        assertTrue(firstAt <= model.manifest().streamDefaults().firstChunkCodes() + 2, "first chunk after " + firstAt + " steps");
    }

    @Test
    void concatenatedStreamEqualsOnePassAtOtherSpeedsAndChunkSizes() {
        check(1.3, new XttsManifest.StreamDefaults(4, 7, 16, 12), 1e-5);
        check(0.8, new XttsManifest.StreamDefaults(5, 3, 20, 14), 1e-5);
    }
}
