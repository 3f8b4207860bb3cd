package dev.ttskit.xtts.internal;

/**
 * An in-place complex FFT: iterative radix-2 for powers of two, a direct DFT otherwise (the graphs
 * declare n_fft; real XTTS uses 2048 and 512). Immutable and thread-safe.
 */
final class Fft {
    private final int n;
    private final boolean radix2;
    private final double[] cos;
    private final double[] sin;
    private final int[] bitReverse;

    Fft(int n) {
        this.n = n;
        this.radix2 = Integer.bitCount(n) == 1;
        int tableSize = radix2 ? n / 2 : n;
        cos = new double[Math.max(tableSize, 1)];
        sin = new double[Math.max(tableSize, 1)];
        for (int i = 0; i < tableSize; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / n);
            sin[i] = Math.sin(2 * Math.PI * i / n);
        }
        bitReverse = new int[n];
        if (radix2) {
            int bits = Integer.numberOfTrailingZeros(n);
            for (int i = 0; i < n; i++) bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
    }

    /** Forward transform, X[k] = sum x[j] e^{-2 pi i jk/n}. */
    void transform(double[] re, double[] im) {
        if (!radix2) {
            dft(re, im);
            return;
        }
        for (int i = 0; i < n; i++) {
            int j = bitReverse[i];
            if (j > i) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        for (int size = 2; size <= n; size <<= 1) {
            int half = size >> 1;
            int step = n / size;
            for (int start = 0; start < n; start += size) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = -sin[k * step];
                    int a = start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    private void dft(double[] re, double[] im) {
        double[] or = new double[n];
        double[] oi = new double[n];
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < n; j++) {
                int idx = (int) ((long) j * k % n);
                sr += re[j] * cos[idx] + im[j] * sin[idx];
                si += im[j] * cos[idx] - re[j] * sin[idx];
            }
            or[k] = sr;
            oi[k] = si;
        }
        System.arraycopy(or, 0, re, 0, n);
        System.arraycopy(oi, 0, im, 0, n);
    }
}
