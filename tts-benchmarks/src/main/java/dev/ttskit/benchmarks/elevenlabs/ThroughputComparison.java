package dev.ttskit.benchmarks.elevenlabs;

import com.sun.management.OperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutionException;

/**
 * {@link LoadSettings#CONCURRENCY} callers at once, each sending a few requests back to back, for
 * the adapter and the baseline in alternating rounds (the order flips every pair) so that noise from
 * the shared machine falls on both alike. Each pair gives one ratio; the median ratio is the result.
 */
public final class ThroughputComparison {
    private static final long ROUND_LIMIT_SECONDS = 120;
    private static final OperatingSystemMXBean CPU = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final int requestsPerCaller;
    private final int pairs;
    private final int warmupRounds;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    /**
     * @param requestsPerCaller sequential requests each of the 256 callers sends per round
     * @param pairs             measured rounds per contender
     * @param warmupRounds      unmeasured rounds per contender first (JIT, connection pool)
     */
    public ThroughputComparison(int requestsPerCaller, int pairs, int warmupRounds) {
        this.requestsPerCaller = requestsPerCaller;
        this.pairs = pairs;
        this.warmupRounds = warmupRounds;
    }

    /** One measured round: requests per second, and this process's CPU time per request (client and mock together). */
    public record Round(double perSecond, double cpuMicrosPerRequest) {
    }

    /** The measured rounds of each contender, pair by pair in run order. */
    public record Result(int requestsPerRound, int peakInFlight, List<Round> adapter, List<Round> raw) {
        public double[] adapterPerSecond() { return adapter.stream().mapToDouble(Round::perSecond).toArray(); }

        public double[] rawPerSecond() { return raw.stream().mapToDouble(Round::perSecond).toArray(); }

        /** Adapter over baseline requests per second, per pair. */
        public double[] ratios() {
            double[] r = new double[adapter.size()];
            for (int i = 0; i < r.length; i++) r[i] = adapter.get(i).perSecond() / raw.get(i).perSecond();
            return r;
        }

        /**
         * Baseline over adapter CPU time per request, per pair: the throughput ratio on a saturated
         * machine, and blind to CPU that other processes take, which the wall-clock ratio is not.
         */
        public double[] cpuRatios() {
            double[] r = new double[adapter.size()];
            for (int i = 0; i < r.length; i++) r[i] = raw.get(i).cpuMicrosPerRequest() / adapter.get(i).cpuMicrosPerRequest();
            return r;
        }

        public double adapterCpuMicros() { return Stats.median(adapter.stream().mapToDouble(Round::cpuMicrosPerRequest).toArray()); }

        public double rawCpuMicros() { return Stats.median(raw.stream().mapToDouble(Round::cpuMicrosPerRequest).toArray()); }
    }

    public Result run(Contender adapter, Contender raw) throws IOException, InterruptedException {
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
            List<Round> adapterRounds = new ArrayList<>();
            List<Round> rawRounds = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                Round a;
                Round r;
                if (i % 2 == 0) {
                    a = round(adapter, callers);
                    r = round(raw, callers);
                } else {
                    r = round(raw, callers);
                    a = round(adapter, callers);
                }
                adapterRounds.add(a);
                rawRounds.add(r);
                System.out.printf(Locale.ROOT, "  pair %2d: adapter %6.0f req/s %5.1f us CPU/req | raw %6.0f req/s %5.1f us CPU/req"
                                + " | ratio %.3f, by CPU %.3f%n", i + 1, a.perSecond(), a.cpuMicrosPerRequest(), r.perSecond(),
                        r.cpuMicrosPerRequest(), a.perSecond() / r.perSecond(), r.cpuMicrosPerRequest() / a.cpuMicrosPerRequest());
            }
            return new Result(requestsPerRound(), peakInFlight.get(), adapterRounds, rawRounds);
        } finally {
            callers.shutdownNow();
        }
    }

    private int requestsPerRound() {
        return LoadSettings.CONCURRENCY * requestsPerCaller;
    }

    /** One round: all callers released together; requests per second from release to the last answer. */
    private Round round(Contender contender, ExecutorService callers) throws IOException, InterruptedException {
        CountDownLatch ready = new CountDownLatch(LoadSettings.CONCURRENCY);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> done = new ArrayList<>(LoadSettings.CONCURRENCY);
        for (int c = 0; c < LoadSettings.CONCURRENCY; c++) {
            done.add(callers.submit(() -> {
                ready.countDown();
                go.await();
                long bytes = 0;
                for (int r = 0; r < requestsPerCaller; r++) {
                    peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        bytes += contender.synthesize();
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }
                return bytes;
            }));
        }
        if (!ready.await(ROUND_LIMIT_SECONDS, TimeUnit.SECONDS)) throw new IOException("callers did not start");
        long cpuStart = CPU.getProcessCpuTime();
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
        long cpu = CPU.getProcessCpuTime() - cpuStart;
        return new Round(requestsPerRound() / (elapsed / 1e9), cpu / 1e3 / requestsPerRound());
    }
}
