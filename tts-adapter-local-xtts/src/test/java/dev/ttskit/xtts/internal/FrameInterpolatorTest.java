package dev.ttskit.xtts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameInterpolatorTest {
    private static final DecoderSpec SPEC = new DecoderSpec(16, 22050, 24000, 1024, 256, 256);
    private static final double[] ONE = FrameInterpolator.stages(1.0, SPEC);

    @Test
    void lengthsMatchTorchIncludingTheIdentityShortcut() {
        JsonNode lengths = TinyModel.golden().get("interp_lengths");
        for (Iterator<Map.Entry<String, JsonNode>> it = lengths.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int n = Integer.parseInt(e.getKey());
            assertEquals(e.getValue().asInt(), FrameInterpolator.frameCount(n, ONE), "frames for " + n + " latents");
            float[][] x = new float[1][n];
            assertEquals(e.getValue().asInt(), FrameInterpolator.frames(new float[n][1], ONE)[0].length);
            assertEquals(n, x[0].length);
        }
        assertEquals(108, FrameInterpolator.frameCount(25, ONE));
    }

    @Test
    void identityShortcutReturnsTheInput() {
        float[][] x = {{1f, 2f, 3f}};
        assertSame(x, FrameInterpolator.interp(x, 1.2));
    }

    @Test
    void linearInterpolationUsesTheGivenScale() {
        float[][] y = FrameInterpolator.interp(new float[][] {{0f, 4f}}, 2.0);
        // src = (i + 0.5) / 2 - 0.5 -> 0 (clamped), 0.25, 0.75, 1.25 -> i0 clamped to last
        assertArrayEquals(new float[] {0f, 1f, 3f, 4f}, y[0], 1e-6f);
    }

    @Test
    void settledFramesFollowTheSpecExamplesAndNeverChangeLater() {
        assertEquals(41, FrameInterpolator.settled(10, ONE));
        assertEquals(106, FrameInterpolator.settled(25, ONE));
        assertEquals(171, FrameInterpolator.settled(40, ONE));
        for (double speed : new double[] {0.5, 0.8, 1.0, 1.3, 2.0}) {
            double[] st = FrameInterpolator.stages(speed, SPEC);
            float[][] latents = new float[80][1];
            for (int i = 0; i < latents.length; i++) latents[i][0] = (float) Math.sin(i * 0.7);
            float[][] full = FrameInterpolator.frames(latents, st);
            for (int n = 2; n <= 60; n++) {
                float[][] part = FrameInterpolator.frames(java.util.Arrays.copyOf(latents, n), st);
                int s = FrameInterpolator.settled(n, st);
                assertTrue(s <= part[0].length);
                for (int i = 0; i < s; i++) assertEquals(full[0][i], part[0][i], 1e-6f, "speed " + speed + " n " + n + " frame " + i);
            }
        }
    }

    @Test
    void aWindowOfFramesEqualsThatSliceOfAllFramesExactly() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (double speed : new double[] {1.0, 0.8, 1.3, 2.0, 0.5}) {
            double[] stages = speed == 1.0 ? new double[] {4.0, 24000.0 / 22050} : new double[] {1 / speed, 4.0, 24000.0 / 22050};
            for (int n : new int[] {1, 2, 5, 11, 12, 40, 97}) {
                float[][] latents = new float[n][3];
                for (float[] l : latents) for (int c = 0; c < 3; c++) l[c] = (float) random.nextGaussian();
                float[][] all = FrameInterpolator.frames(latents, stages);
                int total = all[0].length;
                assertEquals(FrameInterpolator.frameCount(n, stages), total);
                for (int[] w : new int[][] {{0, total}, {0, Math.min(1, total)}, {total / 3, total / 2}, {Math.max(0, total - 7), total},
                        {total, total}}) {
                    float[][] window = FrameInterpolator.frameWindow(java.util.Arrays.asList(latents), n, stages, w[0], w[1]);
                    for (int c = 0; c < 3; c++) {
                        assertArrayEquals(java.util.Arrays.copyOfRange(all[c], w[0], w[1]), window[c],
                                "speed " + speed + ", n " + n + ", window " + w[0] + ".." + w[1] + ", channel " + c);
                    }
                }
            }
        }
    }
}
