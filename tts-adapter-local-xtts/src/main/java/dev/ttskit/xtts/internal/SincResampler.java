package dev.ttskit.xtts.internal;

/**
 * torchaudio's default resampler ({@code sinc_interp_hann}, lowpass_filter_width 6, rolloff 0.99),
 * as specified in section 7.3 of the contract, in double precision. The conditioning front end needs
 * torchaudio's exact kernel for parity with the reference, so it does not use the general-purpose
 * {@code dev.ttskit.audio.Resampler}.
 */
public final class SincResampler {
    private static final int WIDTH = 6;
    private static final double ROLLOFF = 0.99;

    private SincResampler() {
    }

    public static float[] resample(float[] in, int from, int to) {
        if (from <= 0 || to <= 0) throw new IllegalArgumentException("sample rates must be positive: " + from + " -> " + to);
        int g = gcd(from, to);
        int o = from / g;
        int n = to / g;
        if (o == n) return in.clone();
        double base = Math.min(o, n) * ROLLOFF;
        int w = (int) Math.ceil(WIDTH * o / base);
        int taps = 2 * w + o;
        double[][] kernel = new double[n][taps];
        for (int p = 0; p < n; p++) {
            for (int j = 0; j < taps; j++) {
                int k = j - w;
                double t = ((double) k / o - (double) p / n) * base;
                t = Math.max(-WIDTH, Math.min(WIDTH, t));
                double window = Math.cos(Math.PI * t / WIDTH / 2);
                window *= window;
                double x = Math.PI * t;
                double sinc = x == 0 ? 1.0 : Math.sin(x) / x;
                kernel[p][j] = sinc * window * base / o;
            }
        }
        int len = in.length;
        double[] padded = new double[len + 2 * w + o];
        for (int i = 0; i < len; i++) padded[w + i] = in[i];
        long outLen = ((long) n * len + o - 1) / o;
        float[] out = new float[(int) outLen];
        int blocks = (int) ((outLen + n - 1) / n);
        for (int b = 0; b < blocks; b++) {
            int start = b * o;
            for (int p = 0; p < n; p++) {
                int idx = b * n + p;
                if (idx >= outLen) break;
                double sum = 0;
                double[] kp = kernel[p];
                for (int j = 0; j < taps; j++) {
                    int at = start + j;
                    if (at < padded.length) sum += kp[j] * padded[at];
                }
                out[idx] = (float) sum;
            }
        }
        return out;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
