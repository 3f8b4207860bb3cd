package dev.ttskit.internal.routing;

import dev.ttskit.audio.AudioAnalysis;

/**
 * The levels the audio checks judge, overall RMS and the share of 20 ms frames above a floor,
 * measured frame by frame from decoded floats or from 16-bit PCM read where it lies, and measured
 * only as far as needed: both sums only grow as frames are added, so once the part read already
 * clears both bounds the whole will too, and the rest is not read. A passing answer is usually
 * settled within its first few frames; a failing one is always read to its end, so its message
 * reports the real figures. Sums are taken in sample order with the same arithmetic as reading
 * everything, so the verdict is the same.
 */
final class SampleLevels {
    /** Reads one sample as a float in [-1, 1]. */
    @FunctionalInterface
    interface Samples {
        float at(int index);
    }

    /** Overall RMS in dBFS: final when {@link #complete}, else a lower bound that already clears the check. */
    final double rmsDbfs;
    /** The fraction of frames above the floor: final when {@link #complete}, else a lower bound. */
    final double activeFraction;
    /** Whether every sample was read. */
    final boolean complete;
    /** How many samples were read (all channels). */
    final int read;

    private SampleLevels(double rmsDbfs, double activeFraction, boolean complete, int read) {
        this.rmsDbfs = rmsDbfs;
        this.activeFraction = activeFraction;
        this.complete = complete;
        this.read = read;
    }

    static Samples floats(float[] samples) {
        return i -> samples[i];
    }

    /** 16-bit little-endian samples starting at {@code offset}, full scale 32768 as the decoder reads them. */
    static Samples pcm16(byte[] bytes, int offset) {
        return i -> {
            int p = offset + 2 * i;
            return (short) ((bytes[p] & 0xFF) | (bytes[p + 1] << 8)) / 32768f;
        };
    }

    /**
     * Measures {@code count} interleaved samples, stopping as soon as the RMS reaches
     * {@code minRmsDbfs} and the active fraction reaches {@code minActiveFraction}.
     */
    static SampleLevels measure(Samples s, int count, int sampleRate, int channels, double floorDbfs,
                                double minRmsDbfs, double minActiveFraction) {
        int perFrame = Math.max(1, sampleRate * AudioCheck.FRAME_MILLIS / 1000) * channels;
        int frames = (int) ((count + (long) perFrame - 1) / perFrame);
        double floor = Math.pow(10, floorDbfs / 20);
        double floorSquared = floor * floor;
        double sum = 0;
        int active = 0;
        boolean loudEnough = false;
        boolean activeEnough = false;
        for (int start = 0; start < count; start += perFrame) {
            int end = Math.min(count, start + perFrame);
            double frameSum = 0;
            for (int i = start; i < end; i++) {
                float v = s.at(i);
                double square = (double) v * v;
                sum += square;
                frameSum += square;
            }
            if (frameSum / (end - start) > floorSquared) active++;
            if (!loudEnough) loudEnough = dbfs(sum, count) >= minRmsDbfs;
            if (!activeEnough) activeEnough = (double) active / frames >= minActiveFraction;
            if (loudEnough && activeEnough && end < count) return new SampleLevels(dbfs(sum, count), (double) active / frames, false, end);
        }
        return new SampleLevels(dbfs(sum, count), frames == 0 ? 0 : (double) active / frames, true, count);
    }

    /** Whether some frame rises above the floor; stops at the first one that does. */
    static boolean anyFrameAbove(Samples s, int count, int sampleRate, int channels, double floorDbfs) {
        // Needing a positive fraction of active frames and no level: the first active frame settles it.
        return measure(s, count, sampleRate, channels, floorDbfs, Double.NEGATIVE_INFINITY, Double.MIN_VALUE).activeFraction > 0;
    }

    private static double dbfs(double sum, int count) {
        return count == 0 ? AudioAnalysis.toDbfs(0) : AudioAnalysis.toDbfs(Math.sqrt(sum / count));
    }
}
