package dev.ttskit.benchmarks.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how late this process gets the CPU: a thread asks to sleep 10 ms again and again and
 * records how much longer each sleep took. On a loaded machine a request that ends late may only have
 * waited for a core, like this thread; a stall here at the same moment tells the two apart.
 */
final class Stalls {
    private static final long SLEEP_NANOS = 10_000_000;
    private static final long REPORTED_NANOS = 500_000_000;

    private final long origin;
    private final List<String> overHalfSecond = new ArrayList<>();
    private volatile boolean running = true;
    private long worstNanos;
    private long samples;
    private final Thread thread = new Thread(this::measure, "chaos-stalls");

    Stalls(long origin) {
        this.origin = origin;
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }

    private void measure() {
        while (running) {
            long before = System.nanoTime();
            LockSupport.parkNanos(SLEEP_NANOS);
            long late = System.nanoTime() - before - SLEEP_NANOS;
            synchronized (this) {
                samples++;
                worstNanos = Math.max(worstNanos, late);
                if (late > REPORTED_NANOS) overHalfSecond.add(String.format("%.1f s: %d ms", (before - origin) / 1e9, late / 1_000_000));
            }
        }
    }

    synchronized String report() {
        return String.format("scheduling stalls of a 10 ms sleeper: worst %d ms over %d sleeps; over 500 ms: %d%s", worstNanos / 1_000_000,
                samples, overHalfSecond.size(), overHalfSecond.isEmpty() ? "" : " " + overHalfSecond.subList(0, Math.min(20, overHalfSecond.size())));
    }
}
