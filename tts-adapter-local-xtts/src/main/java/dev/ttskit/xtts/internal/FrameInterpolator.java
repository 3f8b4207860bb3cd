package dev.ttskit.xtts.internal;

import java.util.List;

/**
 * Latents to decoder frames with torch's {@code F.interpolate(mode="linear", align_corners=False)}
 * and an explicit scale (spec section 7.8), and the count of frames that can no longer change as
 * more latents arrive (section 7.9). Arrays are channel-major: [channels][length].
 */
public final class FrameInterpolator {
    private FrameInterpolator() {
    }

    /** One linear interpolation stage; returns the input itself when the length would not change. */
    public static float[][] interp(float[][] x, double scale) {
        int t = x.length == 0 ? 0 : x[0].length;
        int out = (int) Math.floor(t * scale);
        if (out == t) return x;
        float[][] y = new float[x.length][out];
        if (out == 0) return y;
        float inv = (float) (1.0 / scale);
        for (int i = 0; i < out; i++) {
            float src = Math.max(inv * (i + 0.5f) - 0.5f, 0f);
            int i0 = Math.min((int) src, t - 1);
            int i1 = i0 < t - 1 ? i0 + 1 : i0;
            float l1 = Math.min(Math.max(src - i0, 0f), 1f);
            float l0 = 1f - l1;
            for (int c = 0; c < x.length; c++) y[c][i] = l0 * x[c][i0] + l1 * x[c][i1];
        }
        return y;
    }

    /** The stage scales for a speed: optional 1/speed, then frames per latent, then the rate change. */
    public static double[] stages(double speed, DecoderSpec spec) {
        if (speed == 1.0) return new double[] {spec.framesPerLatent(), spec.rateScale()};
        return new double[] {1.0 / Math.max(speed, 0.05), spec.framesPerLatent(), spec.rateScale()};
    }

    /** Latents [n][d] to frames [d][F]. */
    public static float[][] frames(float[][] latents, double[] stages) {
        int n = latents.length;
        int d = n == 0 ? 0 : latents[0].length;
        float[][] x = new float[d][n];
        for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) x[c][i] = latents[i][c];
        for (double s : stages) x = interp(x, s);
        return x;
    }

    /**
     * Frames [from, to) of {@link #frames} for the first {@code n} latents, computed from only the latents
     * and intermediate values they depend on, with the same float arithmetic (so the values are identical).
     * A streaming vocoder call then costs the same at the 500th latent as at the 50th.
     *
     * @return [d][to - from]
     */
    public static float[][] frameWindow(List<float[]> latents, int n, double[] stages, int from, int to) {
        int k = stages.length;
        int[] len = new int[k + 1];
        len[0] = n;
        for (int s = 0; s < k; s++) len[s + 1] = (int) Math.floor(len[s] * stages[s]);
        if (from < 0 || to > len[k] || from > to) {
            throw new IllegalArgumentException("frames [" + from + ", " + to + ") of " + len[k]);
        }
        int d = n == 0 ? 0 : latents.get(0).length;
        if (from == to) return new float[d][0];
        // Backwards: the input range of every stage that the wanted output range reads.
        int[] lo = new int[k + 1];
        int[] hi = new int[k + 1];
        lo[k] = from;
        hi[k] = to;
        for (int s = k - 1; s >= 0; s--) {
            if (len[s + 1] == len[s]) {            // the identity shortcut: input = output
                lo[s] = lo[s + 1];
                hi[s] = hi[s + 1];
            } else {
                float inv = (float) (1.0 / stages[s]);
                lo[s] = sourceIndex(inv, lo[s + 1], len[s]);
                int last = sourceIndex(inv, hi[s + 1] - 1, len[s]);
                hi[s] = (last < len[s] - 1 ? last + 1 : last) + 1;
            }
        }
        // Forwards over those ranges only; x holds stage input indices [lo[s], hi[s]).
        float[][] x = new float[d][hi[0] - lo[0]];
        for (int i = lo[0]; i < hi[0]; i++) {
            float[] latent = latents.get(i);
            for (int c = 0; c < d; c++) x[c][i - lo[0]] = latent[c];
        }
        for (int s = 0; s < k; s++) {
            if (len[s + 1] == len[s]) continue;
            int t = len[s];
            float inv = (float) (1.0 / stages[s]);
            float[][] y = new float[d][hi[s + 1] - lo[s + 1]];
            for (int i = lo[s + 1]; i < hi[s + 1]; i++) {
                float src = Math.max(inv * (i + 0.5f) - 0.5f, 0f);
                int i0 = Math.min((int) src, t - 1);
                int i1 = i0 < t - 1 ? i0 + 1 : i0;
                float l1 = Math.min(Math.max(src - i0, 0f), 1f);
                float l0 = 1f - l1;
                int a = i0 - lo[s];
                int b = i1 - lo[s];
                int o = i - lo[s + 1];
                for (int c = 0; c < d; c++) y[c][o] = l0 * x[c][a] + l1 * x[c][b];
            }
            x = y;
        }
        return x;
    }

    /** The left source index of output i of a stage (as {@link #interp} computes it). */
    private static int sourceIndex(float inv, int i, int t) {
        float src = Math.max(inv * (i + 0.5f) - 0.5f, 0f);
        return Math.min((int) src, t - 1);
    }

    /** The frame count for n latents. */
    public static int frameCount(int n, double[] stages) {
        int t = n;
        for (double s : stages) {
            int out = (int) Math.floor(t * s);
            t = out;
        }
        return t;
    }

    /**
     * Frames that stay the same however many latents follow: per stage, 0 when the identity shortcut
     * fires (it stops firing as the input grows), else the leading outputs whose right neighbour
     * index is below the settled input count.
     */
    public static int settled(int n, double[] stages) {
        int t = n;
        int settledIn = n;
        for (double s : stages) {
            int out = (int) Math.floor(t * s);
            int settledOut;
            if (out == t) {
                settledOut = 0;
            } else {
                float inv = (float) (1.0 / s);
                settledOut = 0;
                for (int i = 0; i < out; i++) {
                    float src = Math.max(inv * (i + 0.5f) - 0.5f, 0f);
                    if ((int) src + 1 < settledIn) settledOut = i + 1;
                    else break;
                }
            }
            t = out;
            settledIn = settledOut;
        }
        return settledIn;
    }
}
