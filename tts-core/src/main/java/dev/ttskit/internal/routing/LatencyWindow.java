package dev.ttskit.internal.routing;

import java.time.Duration;
import java.util.Arrays;

/** The latencies of a provider's last successful calls, for health and the hedging delay. */
final class LatencyWindow {
    private final long[] nanos;
    private int next;
    private int size;

    LatencyWindow(int capacity) {
        this.nanos = new long[capacity];
    }

    synchronized void record(long latencyNanos) {
        nanos[next] = latencyNanos;
        next = (next + 1) % nanos.length;
        if (size < nanos.length) size++;
    }

    synchronized int size() {
        return size;
    }

    /** The {@code q}-quantile (0..1) of the recorded latencies, zero before any. */
    Duration quantile(double q) {
        long[] copy;
        synchronized (this) {
            if (size == 0) return Duration.ZERO;
            copy = Arrays.copyOf(nanos, size);
        }
        Arrays.sort(copy);
        int index = (int) Math.ceil(q * copy.length) - 1;
        return Duration.ofNanos(copy[Math.max(0, Math.min(copy.length - 1, index))]);
    }
}
