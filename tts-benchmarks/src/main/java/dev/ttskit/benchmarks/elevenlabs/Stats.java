package dev.ttskit.benchmarks.elevenlabs;

import java.util.Arrays;

/** Order statistics of a handful of measurements. */
public final class Stats {
    private Stats() {
    }

    /** The value at quantile {@code q} (0..1) by nearest rank; the median of an even count is the mean of the middle two. */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) throw new IllegalArgumentException("no values");
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (q == 0.5 && sorted.length % 2 == 0) {
            return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    public static double median(double[] values) {
        return quantile(values, 0.5);
    }
}
