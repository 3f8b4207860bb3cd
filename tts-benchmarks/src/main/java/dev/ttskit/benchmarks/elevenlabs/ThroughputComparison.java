package dev.ttskit.benchmarks.elevenlabs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;

/**
 * {@link LoadSettings#CONCURRENCY} callers at once, each sending a few requests back to back, for
 * the adapter and the baseline in alternating rounds (the order flips every pair) so that noise from
 * the shared machine falls on both alike. Each pair gives one ratio; the median ratio is the result.
 */
final class ThroughputComparison {
    private static final long ROUND_LIMIT_SECONDS = 120;

    private final int requestsPerCaller;
    private final int pairs;
    private final int warmupRounds;

    /**
     * @param requestsPerCaller sequential requests each of the 256 callers sends per round
     * @param pairs             measured rounds per contender
     * @param warmupRounds      unmeasured rounds per contender first (JIT, connection pool)
     */
    ThroughputComparison(int requestsPerCaller, int pairs, int warmupRounds) {
        this.requestsPerCaller = requestsPerCaller;
        this.pairs = pairs;
        this.warmupRounds = warmupRounds;
    }

    /** The measured rounds: requests per second of each contender per pair, in run order. */
    record Result(int requestsPerRound, double[] adapterPerSecond, double[] rawPerSecond) {
        double[] ratios() {
            double[] r = new double[adapterPerSecond.length];
            for (int i = 0; i < r.length; i++) r[i] = adapterPerSecond[i] / rawPerSecond[i];
            return r;
        }
    }

    Result run(Contender adapter, Contender raw) throws IOException, InterruptedException {
        ExecutorService callers = Executors.newFixedThreadPool(LoadSettings.CONCURRENCY, r -> {
            Thread t = new Thread(r, "load-caller");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < warmupRounds; i++) {
                round(adapter, callers);
                round(raw, callers);
            }
            double[] adapterRate = new double[pairs];
            double[] rawRate = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                if (i % 2 == 0) {
                    adapterRate[i] = round(adapter, callers);
                    rawRate[i] = round(raw, callers);
                } else {
                    rawRate[i] = round(raw, callers);
                    adapterRate[i] = round(adapter, callers);
                }
                System.out.printf("  throughput pair %d: adapter %.0f req/s, raw %.0f req/s, ratio %.3f%n",
                        i + 1, adapterRate[i], rawRate[i], adapterRate[i] / rawRate[i]);
            }
            return new Result(requestsPerRound(), adapterRate, rawRate);
        } finally {
            callers.shutdownNow();
        }
    }

    private int requestsPerRound() {
        return LoadSettings.CONCURRENCY * requestsPerCaller;
    }

    /** One round: all callers released together; requests per second from release to the last answer. */
    private double round(Contender contender, ExecutorService callers) throws IOException, InterruptedException {
        CountDownLatch ready = new CountDownLatch(LoadSettings.CONCURRENCY);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> done = new ArrayList<>(LoadSettings.CONCURRENCY);
        for (int c = 0; c < LoadSettings.CONCURRENCY; c++) {
            done.add(callers.submit(() -> {
                ready.countDown();
                go.await();
                long bytes = 0;
                for (int r = 0; r < requestsPerCaller; r++) bytes += contender.synthesize();
                return bytes;
            }));
        }
        if (!ready.await(ROUND_LIMIT_SECONDS, TimeUnit.SECONDS)) throw new IOException("callers did not start");
        long start = System.nanoTime();
        go.countDown();
        long deadline = start + TimeUnit.SECONDS.toNanos(ROUND_LIMIT_SECONDS);
        for (Future<Long> f : done) {
            try {
                long bytes = f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (bytes == 0) throw new IOException(contender.name() + " read no audio");
            } catch (ExecutionException e) {
                throw new IOException(contender.name() + " failed a request", e.getCause());
            } catch (TimeoutException e) {
                throw new IOException(contender.name() + " round ran past " + ROUND_LIMIT_SECONDS + " s", e);
            }
        }
        long elapsed = System.nanoTime() - start;
        return requestsPerRound() / (elapsed / 1e9);
    }
}
