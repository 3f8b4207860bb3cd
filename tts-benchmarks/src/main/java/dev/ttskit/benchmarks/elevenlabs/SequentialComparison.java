package dev.ttskit.benchmarks.elevenlabs;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * One caller, one whole-file call at a time, contender and baseline alternating call by call (the
 * order flipping every pair): each call's latency, and the bytes the JVM allocated per call on every
 * thread but the loopback server's (the client's own threads, its workers and the HTTP client's),
 * read from the per-thread allocation counters around each block of calls.
 */
public final class SequentialComparison {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final int samples;
    private final int warmup;

    public SequentialComparison(int samples, int warmup) {
        this.samples = samples;
        this.warmup = warmup;
    }

    /** Microseconds per call, and bytes allocated per call outside the server. */
    public record Result(double[] contenderMicros, double[] rawMicros, double contenderBytesPerCall, double rawBytesPerCall) {
        public double contenderMedian() { return Stats.median(contenderMicros); }

        public double rawMedian() { return Stats.median(rawMicros); }
    }

    public Result run(Contender contender, Contender raw) throws IOException {
        for (int i = 0; i < warmup; i++) {
            contender.synthesize();
            raw.synthesize();
        }
        double[] c = new double[samples];
        double[] r = new double[samples];
        for (int i = 0; i < samples; i++) {
            if (i % 2 == 0) {
                c[i] = timed(contender);
                r[i] = timed(raw);
            } else {
                r[i] = timed(raw);
                c[i] = timed(contender);
            }
        }
        // Allocation in blocks of its own, so the counters' reading cost is spread over many calls.
        double contenderBytes = bytesPerCall(contender, samples);
        double rawBytes = bytesPerCall(raw, samples);
        return new Result(c, r, contenderBytes, rawBytes);
    }

    private static double timed(Contender contender) throws IOException {
        long start = System.nanoTime();
        if (contender.synthesize() <= 0) throw new IOException(contender.name() + " read no audio");
        return (System.nanoTime() - start) / 1e3;
    }

    private static double bytesPerCall(Contender contender, int calls) throws IOException {
        long before = allocatedOutsideServer();
        for (int i = 0; i < calls; i++) contender.synthesize();
        return (allocatedOutsideServer() - before) / (double) calls;
    }

    /** Bytes allocated so far by live threads not serving the loopback mock. */
    static long allocatedOutsideServer() {
        long[] ids = Arrays.stream(THREADS.getThreadInfo(THREADS.getAllThreadIds()))
                .filter(t -> t != null && !t.getThreadName().startsWith("loopback-"))
                .mapToLong(java.lang.management.ThreadInfo::getThreadId).toArray();
        long total = 0;
        for (long b : THREADS.getThreadAllocatedBytes(ids)) if (b > 0) total += b;
        return total;
    }
}
