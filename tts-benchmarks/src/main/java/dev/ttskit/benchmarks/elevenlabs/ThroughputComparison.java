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
 * A number of callers at once ({@link LoadSettings#CONCURRENCY} unless given), each sending a few
 * requests back to back, for the contender and the baseline in alternating rounds (the order flips
 * every pair) so that noise from the shared machine falls on both alike. Each pair gives one ratio
 * of throughput and one of p99 latency; the medians are the result.
 */
public final class ThroughputComparison {
    private static final long ROUND_LIMIT_SECONDS = 120;
    private static final OperatingSystemMXBean CPU = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final int callers;
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
        this(LoadSettings.CONCURRENCY, requestsPerCaller, pairs, warmupRounds);
    }

    /**
     * @param callers           callers sending at once
     * @param requestsPerCaller sequential requests each caller sends per round
     * @param pairs             measured rounds per contender
     * @param warmupRounds      unmeasured rounds per contender first (JIT, connection pool)
     */
    public ThroughputComparison(int callers, int requestsPerCaller, int pairs, int warmupRounds) {
        if (callers < 1) throw new IllegalArgumentException("callers must be >= 1, was " + callers);
        this.callers = callers;
        this.requestsPerCaller = requestsPerCaller;
        this.pairs = pairs;
        this.warmupRounds = warmupRounds;
    }

    /**
     * One measured round: requests per second, this process's CPU time per request (client and mock
     * together), and the 99th percentile of one request's latency in microseconds.
     */
    public record Round(double perSecond, double cpuMicrosPerRequest, double p99Micros) {
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

        /** Contender over baseline p99 latency, per pair. */
        public double[] p99Ratios() {
            double[] r = new double[adapter.size()];
            for (int i = 0; i < r.length; i++) r[i] = adapter.get(i).p99Micros() / raw.get(i).p99Micros();
            return r;
        }

        public double adapterP99Micros() { return Stats.median(adapter.stream().mapToDouble(Round::p99Micros).toArray()); }

        public double rawP99Micros() { return Stats.median(raw.stream().mapToDouble(Round::p99Micros).toArray()); }

        public double adapterCpuMicros() { return Stats.median(adapter.stream().mapToDouble(Round::cpuMicrosPerRequest).toArray()); }

        public double rawCpuMicros() { return Stats.median(raw.stream().mapToDouble(Round::cpuMicrosPerRequest).toArray()); }
    }

    public Result run(Contender adapter, Contender raw) throws IOException, InterruptedException {
        ExecutorService callers = Executors.newFixedThreadPool(this.callers, r -> {
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
                System.out.printf(Locale.ROOT, "  pair %2d: %s %6.0f req/s %5.1f us CPU/req p99 %7.0f us | raw %6.0f req/s %5.1f us CPU/req"
                                + " p99 %7.0f us | ratio %.3f, by CPU %.3f, p99 %.3f%n", i + 1, adapter.name(), a.perSecond(),
                        a.cpuMicrosPerRequest(), a.p99Micros(), r.perSecond(), r.cpuMicrosPerRequest(), r.p99Micros(),
                        a.perSecond() / r.perSecond(), r.cpuMicrosPerRequest() / a.cpuMicrosPerRequest(), a.p99Micros() / r.p99Micros());
            }
            return new Result(requestsPerRound(), peakInFlight.get(), adapterRounds, rawRounds);
        } finally {
            callers.shutdownNow();
        }
    }

    private int requestsPerRound() {
        return callers * requestsPerCaller;
    }

    /** One round: all callers released together; requests per second from release to the last answer. */
    private Round round(Contender contender, ExecutorService callers) throws IOException, InterruptedException {
        CountDownLatch ready = new CountDownLatch(this.callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> done = new ArrayList<>(this.callers);
        double[] latencies = new double[requestsPerRound()];
        for (int c = 0; c < this.callers; c++) {
            int first = c * requestsPerCaller;
            done.add(callers.submit(() -> {
                ready.countDown();
                go.await();
                long bytes = 0;
                for (int r = 0; r < requestsPerCaller; r++) {
                    peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    long sent = System.nanoTime();
                    try {
                        bytes += contender.synthesize();
                    } finally {
                        latencies[first + r] = (System.nanoTime() - sent) / 1e3;
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
        return new Round(requestsPerRound() / (elapsed / 1e9), cpu / 1e3 / requestsPerRound(), Stats.quantile(latencies, 0.99));
    }
}
