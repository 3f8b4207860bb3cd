package dev.ttskit.xtts.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KvCacheTest {
    private static final int LAYERS = 2;
    private static final int HEADS = 2;
    private static final int HEAD_DIM = 3;
    private static final GptSpec SPEC = new GptSpec(LAYERS, HEADS, HEAD_DIM, HEADS * HEAD_DIM, 1026, 1024, 1025, 100, 8, 0, 402,
            602, 608, 4, 1024);

    /** Positions [from, from + n) with a value naming layer, kind, head, position and dim, in the new_* layouts. */
    private static PrefixKv block(int from, int n) {
        float[][] k = new float[LAYERS][HEADS * HEAD_DIM * n];
        float[][] v = new float[LAYERS][HEADS * HEAD_DIM * n];
        for (int l = 0; l < LAYERS; l++) {
            for (int h = 0; h < HEADS; h++) {
                for (int t = 0; t < n; t++) {
                    for (int e = 0; e < HEAD_DIM; e++) {
                        k[l][(h * HEAD_DIM + e) * n + t] = value(l, 0, h, from + t, e);
                        v[l][(h * n + t) * HEAD_DIM + e] = value(l, 1, h, from + t, e);
                    }
                }
            }
        }
        return new PrefixKv(n, k, v);
    }

    private static float value(int layer, int kind, int head, int position, int dim) {
        return layer * 100_000 + kind * 10_000 + head * 1_000 + position * 10 + dim;
    }

    @Test
    void positionsWrittenAcrossDoublingsReadBackInPlace() throws OrtException {
        try (KvCache cache = KvCache.create(OrtEnvironment.getEnvironment(), SPEC, 3, 1, 40)) {
            assertEquals(4, cache.capacity());
            cache.append(block(0, 3));
            cache.reserve(1);
            cache.append(block(3, 1));
            cache.reserve(5);                       // 9 positions needed: doubling gives 9, not 8
            assertEquals(9, cache.capacity());
            cache.append(block(4, 5));
            cache.reserve(1);
            assertEquals(18, cache.capacity());
            cache.append(block(9, 1));
            assertEquals(10, cache.length());
            PrefixKv all = cache.snapshot();
            PrefixKv expected = block(0, 10);
            for (int l = 0; l < LAYERS; l++) {
                assertArrayEquals(expected.keys(l), all.keys(l), "keys of layer " + l);
                assertArrayEquals(expected.values(l), all.values(l), "values of layer " + l);
            }
        }
    }

    @Test
    void theInputsAreTheCacheTensorsWithItsLength() throws OrtException {
        try (KvCache cache = KvCache.create(OrtEnvironment.getEnvironment(), SPEC, 2, 0, 2)) {
            cache.append(block(0, 2));
            Map<String, OnnxTensor> in = new HashMap<>();
            cache.putInputs(in);
            assertEquals(1 + 2 * LAYERS, in.size());
            assertEquals(2L, in.get("past_len").getLongBuffer().get(0));
            assertArrayEquals(new long[] {1, HEADS, HEAD_DIM, 2}, in.get("cache_key.1").getInfo().getShape());
            assertArrayEquals(new long[] {1, HEADS, 2, HEAD_DIM}, in.get("cache_value.0").getInfo().getShape());
            float[] keys = new float[HEADS * HEAD_DIM * 2];
            in.get("cache_key.1").getFloatBuffer().get(keys);
            assertArrayEquals(block(0, 2).keys(1), keys);
        }
    }

    @Test
    void growingPastTheGenerationsMaximumIsRefused() throws OrtException {
        try (KvCache cache = KvCache.create(OrtEnvironment.getEnvironment(), SPEC, 2, 1, 3)) {
            cache.append(block(0, 2));
            cache.reserve(1);
            assertThrows(IllegalStateException.class, () -> cache.reserve(2));
            assertThrows(IllegalStateException.class, () -> cache.append(block(2, 2)));
            assertThrows(IllegalArgumentException.class, () -> KvCache.create(OrtEnvironment.getEnvironment(), SPEC, 5, 1, 4));
        }
    }
}
