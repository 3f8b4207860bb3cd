package dev.ttskit.audio;

import java.util.Objects;

/**
 * Band-limited sample-rate conversion with a Kaiser-windowed sinc filter.
 *
 * <p>The filter spans {@value #ZERO_CROSSINGS} zero crossings on each side (Kaiser beta
 * {@value #KAISER_BETA}, about 85 dB stop-band attenuation) with its cutoff at
 * {@value #ROLLOFF} of the lower of the two Nyquist frequencies, so downsampling removes what the
 * new rate cannot carry instead of folding it back as aliases. For a ratio {@code L/M} in lowest terms
 * the filter is precomputed for each of the {@code L} phases; when that table would be too large (rates
 * with a tiny common divisor) the coefficients are interpolated per output frame from a finely sampled
 * kernel instead. Samples before the start and after the end count as silence.
 */
public final class Resampler {

    /** Zero crossings of the sinc on each side of the centre. */
    static final int ZERO_CROSSINGS = 32;
    /** Kaiser window shape. */
    static final double KAISER_BETA = 8.6;
    /** Cutoff as a fraction of the lower Nyquist frequency; the transition band ends near Nyquist. */
    static final double ROLLOFF = 0.92;
    /** Largest per-phase table, in coefficients, before falling back to interpolated coefficients. */
    private static final int MAX_TABLE = 1 << 21;
    /** Most filter taps per output frame: bounds memory and time for absurd ratios such as 768 kHz to 1 Hz. */
    private static final int MAX_TAPS = 1 << 18;
    /** Kernel samples per zero crossing for the interpolated fallback. */
    private static final int KERNEL_OVERSAMPLING = 1024;

    private Resampler() {
    }

    /**
     * {@code in} at {@code targetRate}: {@code round(frames * targetRate / sampleRate)} frames, every channel
     * filtered separately. Returns {@code in} itself when the rate already matches.
     *
     * @param in         the audio
     * @param targetRate frames per second wanted
     * @return the resampled audio, or {@code in}
     * @throws IllegalArgumentException when {@code targetRate} is outside 1..768000, or the rates are more than
     *                                  about 3700 times apart
     */
    public static PcmAudio resample(PcmAudio in, int targetRate) {
        Objects.requireNonNull(in, "in");
        PcmAudio.checkLayout(targetRate, in.channels());
        int sourceRate = in.sampleRate();
        if (sourceRate == targetRate) {
            return in;
        }
        int g = gcd(sourceRate, targetRate);
        int up = targetRate / g;     // L: output frames per step
        int down = sourceRate / g;   // M: input frames per step
        // Cutoff in cycles per input sample times two (1.0 = input Nyquist).
        double cutoff = ROLLOFF * Math.min(1.0, (double) up / down);
        double halfWidth = ZERO_CROSSINGS / cutoff;
        int reach = (int) Math.ceil(halfWidth);
        if (reach > MAX_TAPS / 2) {
            throw new IllegalArgumentException("cannot resample from " + sourceRate + " Hz to " + targetRate
                    + " Hz: the rates are too far apart");
        }
        int taps = 2 * reach;
        long outFramesLong = (in.frames() * (long) up + down / 2) / down;
        int channels = in.channels();
        if (outFramesLong * channels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampled audio too long: " + outFramesLong + " frames");
        }
        int outFrames = (int) outFramesLong;
        float[] out = new float[outFrames * channels];
        if (outFrames == 0) {
            return PcmAudio.wrap(out, targetRate, channels);
        }
        Kernel kernel = new Kernel(cutoff, halfWidth, taps);
        float[] src = in.samplesView();
        int inFrames = in.frames();
        if ((long) up * taps <= MAX_TABLE) {
            float[] table = new float[up * taps];
            for (int phase = 0; phase < up; phase++) {
                kernel.weights((double) phase / up, reach, table, phase * taps);
            }
            for (int n = 0; n < outFrames; n++) {
                long pos = (long) n * down;
                int centre = (int) (pos / up);
                int phase = (int) (pos % up);
                convolve(src, inFrames, channels, centre, reach, table, phase * taps, out, n * channels);
            }
        } else {
            float[] weights = new float[taps];
            for (int n = 0; n < outFrames; n++) {
                long pos = (long) n * down;
                int centre = (int) (pos / up);
                kernel.weights((double) (pos % up) / up, reach, weights, 0);
                convolve(src, inFrames, channels, centre, reach, weights, 0, out, n * channels);
            }
        }
        return PcmAudio.wrap(out, targetRate, channels);
    }

    /**
     * One output frame: input frames {@code centre - reach + 1 .. centre + reach} weighted by
     * {@code w[wOff ..]}, frames outside the input counting as zero.
     */
    private static void convolve(float[] src, int inFrames, int channels, int centre, int reach,
                                 float[] w, int wOff, float[] out, int outOff) {
        int first = centre - reach + 1;
        int from = Math.max(0, first);
        int to = Math.min(inFrames - 1, centre + reach);
        for (int c = 0; c < channels; c++) {
            double acc = 0;
            for (int j = from, k = wOff + (from - first); j <= to; j++, k++) {
                acc += src[j * channels + c] * w[k];
            }
            out[outOff + c] = (float) acc;
        }
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** The windowed sinc for one conversion: its cutoff and extent, over a shared finely sampled table. */
    private static final class Kernel {
        /** Window times sinc at KERNEL_OVERSAMPLING points per zero crossing, from the centre outwards. */
        private static final double[] FINE = tabulate();

        private final double cutoff;
        private final double halfWidth;
        private final double[] scratch;

        Kernel(double cutoff, double halfWidth, int taps) {
            this.cutoff = cutoff;
            this.halfWidth = halfWidth;
            this.scratch = new double[taps];
        }

        /**
         * Coefficients for an output frame at input position {@code centre + frac} (0 &lt;= frac &lt; 1)
         * into {@code dst[off .. off + taps)}, normalised to unit gain at DC.
         */
        void weights(double frac, int reach, float[] dst, int off) {
            double sum = 0;
            for (int k = -reach + 1, i = 0; k <= reach; k++, i++) {
                double t = Math.abs(frac - k);
                double v = t >= halfWidth ? 0 : value(t * cutoff * KERNEL_OVERSAMPLING);
                scratch[i] = v;
                sum += v;
            }
            for (int i = 0; i < 2 * reach; i++) {
                dst[off + i] = (float) (scratch[i] / sum);
            }
        }

        private static double value(double index) {
            int i = (int) index;
            if (i >= FINE.length - 1) {
                return 0;
            }
            return FINE[i] + (FINE[i + 1] - FINE[i]) * (index - i);
        }

        private static double[] tabulate() {
            int n = ZERO_CROSSINGS * KERNEL_OVERSAMPLING;
            double[] fine = new double[n + 1];
            double i0Beta = besselI0(KAISER_BETA);
            for (int i = 0; i <= n; i++) {
                double x = (double) i / KERNEL_OVERSAMPLING;   // in zero crossings
                double r = x / ZERO_CROSSINGS;                // 0..1 across the half window
                double window = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
                double sinc = i == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
                fine[i] = sinc * window;
            }
            return fine;
        }

        private static double besselI0(double x) {
            double sum = 1;
            double term = 1;
            double half = x / 2;
            for (int k = 1; k < 200; k++) {
                term *= (half / k) * (half / k);
                sum += term;
                if (term < sum * 1e-17) {
                    break;
                }
            }
            return sum;
        }
    }
}
