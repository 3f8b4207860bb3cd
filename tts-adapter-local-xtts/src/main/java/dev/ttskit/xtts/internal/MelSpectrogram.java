package dev.ttskit.xtts.internal;

/**
 * A mel spectrogram with torchaudio's conventions (spec section 7.4): periodic window zero-padded
 * centrally to n_fft, reflect padding by n_fft/2, power spectrum, HTK mel scale with optional Slaney
 * normalisation, optional pre-emphasis before and natural log after. Computed in double precision.
 * Immutable and thread-safe.
 */
public final class MelSpectrogram {
    private final MelSpec spec;
    private final double[] window;
    /** [n_mels][n_fft/2 + 1] */
    private final double[][] filters;
    private final int[] filterStart;
    private final int[] filterEnd;
    private final Fft fft;

    public MelSpectrogram(MelSpec spec) {
        this.spec = spec;
        this.window = window(spec);
        this.filters = filterbank(spec);
        int bins = spec.nFft() / 2 + 1;
        this.filterStart = new int[spec.nMels()];
        this.filterEnd = new int[spec.nMels()];
        for (int m = 0; m < spec.nMels(); m++) {
            int s = 0;
            while (s < bins && filters[m][s] == 0) s++;
            int e = bins;
            while (e > s && filters[m][e - 1] == 0) e--;
            filterStart[m] = s;
            filterEnd[m] = e;
        }
        this.fft = new Fft(spec.nFft());
    }

    public MelSpec spec() {
        return spec;
    }

    /** Frames for a signal of {@code length} samples: 1 + floor(length / hop). */
    public int frames(int length) {
        return 1 + length / spec.hopLength();
    }

    /**
     * The mel spectrogram of a signal, row-major [n_mels][frames] as float32, the graph's input layout.
     *
     * @throws IllegalArgumentException when the signal is not longer than n_fft/2 (reflect padding needs it)
     */
    public float[] compute(float[] signal) {
        int n = signal.length;
        int half = spec.nFft() / 2;
        if (n <= half) throw new IllegalArgumentException("signal of " + n + " samples is too short for n_fft " + spec.nFft());
        double[] x = new double[n];
        if (spec.preemphasis() > 0) {
            double c = spec.preemphasis();
            x[0] = signal[0] - c * (n > 1 ? signal[1] : 0);
            for (int i = 1; i < n; i++) x[i] = signal[i] - c * signal[i - 1];
        } else {
            for (int i = 0; i < n; i++) x[i] = signal[i];
        }
        double[] padded = new double[n + 2 * half];
        for (int i = 0; i < half; i++) padded[i] = x[half - i];
        System.arraycopy(x, 0, padded, half, n);
        for (int i = 0; i < half; i++) padded[half + n + i] = x[n - 2 - i];

        int frames = frames(n);
        int nMels = spec.nMels();
        int bins = half + 1;
        float[] out = new float[nMels * frames];
        double[] re = new double[spec.nFft()];
        double[] im = new double[spec.nFft()];
        double[] power = new double[bins];
        for (int t = 0; t < frames; t++) {
            int off = t * spec.hopLength();
            for (int i = 0; i < re.length; i++) {
                re[i] = padded[off + i] * window[i];
                im[i] = 0;
            }
            fft.transform(re, im);
            for (int k = 0; k < bins; k++) {
                double p = re[k] * re[k] + im[k] * im[k];
                power[k] = spec.power() == 2 ? p : Math.sqrt(p);
            }
            for (int m = 0; m < nMels; m++) {
                double sum = 0;
                double[] f = filters[m];
                for (int k = filterStart[m]; k < filterEnd[m]; k++) sum += f[k] * power[k];
                if (spec.logClampMin() > 0) sum = Math.log(Math.max(sum, spec.logClampMin()));
                out[m * frames + t] = (float) sum;
            }
        }
        return out;
    }

    static double[] window(MelSpec spec) {
        int nFft = spec.nFft();
        int win = spec.winLength();
        double[] w = new double[nFft];
        int left = (nFft - win) / 2;
        for (int i = 0; i < win; i++) {
            double c = Math.cos(2 * Math.PI * i / win);
            w[left + i] = spec.window() == MelSpec.Window.HANN ? 0.5 - 0.5 * c : 0.54 - 0.46 * c;
        }
        return w;
    }

    private static double hzToMel(double f) {
        return 2595.0 * Math.log10(1.0 + f / 700.0);
    }

    private static double melToHz(double m) {
        return 700.0 * (Math.pow(10.0, m / 2595.0) - 1.0);
    }

    static double[][] filterbank(MelSpec spec) {
        int bins = spec.nFft() / 2 + 1;
        int nMels = spec.nMels();
        double[] freqs = new double[bins];
        double nyquist = Math.floorDiv(spec.sampleRate(), 2);  // integer division, as torchaudio
        for (int k = 0; k < bins; k++) freqs[k] = k * nyquist / (bins - 1);
        double mMin = hzToMel(spec.fMin());
        double mMax = hzToMel(spec.fMax());
        double[] pts = new double[nMels + 2];
        for (int i = 0; i < pts.length; i++) pts[i] = melToHz(mMin + (mMax - mMin) * i / (nMels + 1));
        double[][] fb = new double[nMels][bins];
        for (int m = 0; m < nMels; m++) {
            double lo = pts[m];
            double mid = pts[m + 1];
            double hi = pts[m + 2];
            double norm = spec.slaneyNorm() ? 2.0 / (hi - lo) : 1.0;
            for (int k = 0; k < bins; k++) {
                double down = (freqs[k] - lo) / (mid - lo);
                double up = (hi - freqs[k]) / (hi - mid);
                fb[m][k] = Math.max(0, Math.min(down, up)) * norm;
            }
        }
        return fb;
    }
}
