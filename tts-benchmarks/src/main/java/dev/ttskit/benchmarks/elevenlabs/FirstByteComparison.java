package dev.ttskit.benchmarks.elevenlabs;

import java.io.IOException;
import java.io.InputStream;

/**
 * Time from asking for a stream to holding its first byte, one call at a time, adapter and baseline
 * alternating call by call. The rest of each body is read to its end so connections are reused and
 * neither side pays for a new one.
 */
public final class FirstByteComparison {
    private final int samples;
    private final int warmup;

    public FirstByteComparison(int samples, int warmup) {
        this.samples = samples;
        this.warmup = warmup;
    }

    /** Microseconds to the first byte, per call. */
    public record Result(double[] adapterMicros, double[] rawMicros) {
        public double adapterMedian() { return Stats.median(adapterMicros); }

        public double rawMedian() { return Stats.median(rawMicros); }
    }

    public Result run(Contender adapter, Contender raw) throws IOException {
        byte[] buffer = new byte[LoopbackServer.CHUNK];
        for (int i = 0; i < warmup; i++) {
            firstByte(adapter, buffer);
            firstByte(raw, buffer);
        }
        double[] a = new double[samples];
        double[] r = new double[samples];
        for (int i = 0; i < samples; i++) {
            if (i % 2 == 0) {
                a[i] = firstByte(adapter, buffer);
                r[i] = firstByte(raw, buffer);
            } else {
                r[i] = firstByte(raw, buffer);
                a[i] = firstByte(adapter, buffer);
            }
        }
        return new Result(a, r);
    }

    private static double firstByte(Contender contender, byte[] buffer) throws IOException {
        long start = System.nanoTime();
        try (InputStream in = contender.stream(LoadSettings.VOICE_ID)) {
            int n = in.read(buffer);
            long elapsed = System.nanoTime() - start;
            if (n <= 0) throw new IOException(contender.name() + " stream ended before its first byte");
            while (in.read(buffer) >= 0) {
                // read to the end: the connection goes back to the pool
            }
            return elapsed / 1e3;
        }
    }
}
