package dev.ttskit.benchmarks.chaos;

import dev.ttskit.spi.ResourceManager;
import dev.ttskit.ApiKey;
import dev.ttskit.AudioStream;
import dev.ttskit.BreakerPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.elevenlabs.ElevenLabsProvider;
import dev.ttskit.testkit.MockAudio;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A chaos soak through the real ElevenLabs adapter against a loopback {@link FaultServer}, with a
 * healthy fallback: half {@code synthesize}, half {@code stream}, under a seeded mix of ok, 500,
 * 503 + Retry-After, both 429 shapes, hang, slow drip, reset mid-body, truncated body, empty 200 and
 * silent audio. Then a full outage of the primary and its recovery. Prints outcomes by provider and
 * category, requests that ended later than deadline + 1 s, p50/p99 per outcome, upstream requests per
 * logical request during the outage, the time from recovery until the breaker lets traffic through,
 * what is left after close, exceptions that are not TtsExceptions and delivered audio that differs
 * from what was sent. Loopback only; bounded in count and time.
 *
 * <p>Run: {@code java -cp tts-benchmarks/target/benchmarks.jar dev.ttskit.benchmarks.chaos.ChaosSoak
 * [requests=10000] [concurrency=200] [seed=42]}
 */
public final class ChaosSoak {
    private static final AudioFormat PCM = AudioFormat.PCM16_24K;
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final Duration BREAKER_WAIT = Duration.ofSeconds(2);

    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
    private final AtomicInteger late = new AtomicInteger();
    private final AtomicInteger untyped = new AtomicInteger();
    private final AtomicInteger wrongAudio = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> untypedSamples = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> unnamed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> lateSamples = new ConcurrentLinkedQueue<>();
    private final long runStart = System.nanoTime();
    private final Stalls stalls = new Stalls(runStart);
    private byte[] primaryAudio = new byte[0];
    private byte[] fallbackAudio = new byte[0];

    private ChaosSoak() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        new ChaosSoak().run(requests, concurrency, seed);
    }

    private void run(int requests, int concurrency, long seed) throws Exception {
        primaryAudio = MockAudio.tone(PCM, Duration.ofSeconds(1));
        fallbackAudio = MockAudio.tone(PCM.withSampleRate(24_000), Duration.ofMillis(800));
        Leaks before = Leaks.now();
        stalls.start();
        long soakStart = System.nanoTime();
        long outageRequests;
        long outageUpstream;
        Duration recovery;
        try (FaultServer server = new FaultServer(primaryAudio, seed)) {
            MockTtsProvider fallback = MockTtsProvider.builder("fallback")
                    .otherwise(MockOutcome.bytes(fallbackAudio, PCM)).build();
            try (TtsClient tts = TtsClient.builder()
                    .provider(ElevenLabsProvider.builder().apiKey(ApiKey.of("sk_chaos_0123456789abcdef")).baseUrl(server.baseUrl()).build())
                    .provider(fallback)
                    .timeout(DEADLINE)
                    // Tolerant enough that the mix's faults (about 40 % of answers) keep reaching the primary
                    // instead of an open breaker; a full outage still opens it within its window.
                    .breaker(BreakerPolicy.builder().window(100, 50).failureRateThreshold(80).openDuration(BREAKER_WAIT).build())
                    .build()) {
                System.out.printf("chaos: %d requests, %d concurrent, deadline %s, seed %d%n", requests, concurrency, DEADLINE, seed);
                drive(tts, requests, concurrency, 0);
                long mixUpstream = server.requests.get();
                System.out.printf("mix phase: %d logical requests, %d upstream requests to the primary%n", requests, mixUpstream);

                // A full outage of the primary: every answer a 503.
                server.outage(true);
                long upstreamBefore = server.requests.get();
                outageRequests = Math.max(200, requests / 10);
                drive(tts, (int) outageRequests, Math.min(concurrency, 50), requests);
                outageUpstream = server.requests.get() - upstreamBefore;

                // Recovery: how long until the breaker lets the primary's traffic through again.
                server.recovered();
                long recoveredAt = System.nanoTime();
                recovery = null;
                for (int i = 0; recovery == null && System.nanoTime() - recoveredAt < TimeUnit.SECONDS.toNanos(30); i++) {
                    try {
                        SpeechResult r = tts.synthesize(request(1_000_000 + i));
                        if (r.provider().equals("elevenlabs")) recovery = Duration.ofNanos(System.nanoTime() - recoveredAt);
                    } catch (TtsException e) {
                        // keep asking
                    }
                    Thread.sleep(20);
                }
            }
            System.out.printf("fault mix served: %s%n", new TreeMap<>(server.served));
        }
        Duration total = Duration.ofNanos(System.nanoTime() - soakStart);
        stalls.stop();
        Leaks after = Leaks.settled(before);

        System.out.println();
        System.out.println("outcomes by provider and category:");
        new TreeMap<>(outcomes).forEach((k, v) -> System.out.printf("  %-32s %6d%n", k, v.get()));
        System.out.println("latency per outcome (ms):");
        new TreeMap<>(latencies).forEach((k, v) -> {
            long[] sorted = v.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("  %-32s p50 %7.1f  p99 %7.1f  (n=%d)%n", k, pct(sorted, 0.50) / 1e6, pct(sorted, 0.99) / 1e6, sorted.length);
        });
        System.out.printf("requests ended later than deadline + 1 s: %d (goal 0)%n", late.get());
        lateSamples.stream().limit(20).forEach(l -> System.out.printf("  late: %s%n", l));
        System.out.printf("upstream requests per logical request during the primary's outage: %.3f (%d / %d; goal <= 1.1)%n",
                (double) outageUpstream / outageRequests, outageUpstream, outageRequests);
        System.out.printf("time from recovery until the breaker let traffic through: %s (breaker wait %s; goal <= wait + 1 s)%n",
                recovery == null ? "never within 30 s" : recovery.toMillis() + " ms", BREAKER_WAIT);
        System.out.printf("left after close: %s (goal 0 each)%n", after.minus(before));
        Leaks.openDescriptors().stream().filter(d -> !before.descriptors.contains(d))
                .forEach(d -> System.out.printf("  descriptor opened during the run and still open: %s%n", d));
        System.out.println(stalls.report());
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("OkHttp"))
                .forEach(t -> System.out.printf("  still alive: %s%n", t.getName()));
        System.out.printf("exceptions that are not TtsException: %d (goal 0)%s%n", untyped.get(),
                untypedSamples.isEmpty() ? "" : " e.g. " + untypedSamples.peek());
        if (!unnamed.isEmpty()) System.out.printf("failures naming no provider: %d, e.g. %s%n", unnamed.size(), unnamed.peek());
        System.out.printf("delivered audio that differs from what was sent: %d (goal 0)%n", wrongAudio.get());
        System.out.printf("total time: %.1f s%n", total.toMillis() / 1000.0);
    }

    private static SpeechRequest request(int i) {
        return SpeechRequest.builder().text("Chaos request number " + i + " speaks a short sentence.").format(PCM).build();
    }

    private void drive(TtsClient tts, int count, int concurrency, int offset) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int n = offset + i;
                futures.add(pool.submit(() -> one(tts, n)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get(2, TimeUnit.MINUTES);
                } catch (Exception e) {
                    untyped.incrementAndGet();
                    untypedSamples.add("driver: " + e);
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private void one(TtsClient tts, int n) {
        long start = System.nanoTime();
        long opened = 0;
        String key;
        String why = "";
        boolean stream = n % 2 == 1;
        try {
            String provider;
            byte[] audio;
            if (stream) {
                try (AudioStream s = tts.stream(request(n))) {
                    opened = System.nanoTime();
                    provider = s.provider();
                    audio = s.readAllBytes();
                }
            } else {
                SpeechResult r = tts.synthesize(request(n));
                provider = r.provider();
                audio = r.audioBytes();
            }
            byte[] expected = provider.equals("elevenlabs") ? primaryAudio : fallbackAudio;
            if (!Arrays.equals(expected, audio)) wrongAudio.incrementAndGet();
            key = provider + " ok";
        } catch (TtsException e) {
            why = e.getMessage();
            key = e.provider().orElse("-") + " " + e.category();
            if (e.provider().isEmpty()) unnamed.add(e.toString());
        } catch (IOException e) {
            TtsException t = e.getCause() instanceof TtsException x ? x : null;
            if (t == null) {
                untyped.incrementAndGet();
                untypedSamples.add(e.toString());
                key = "- IOException";
            } else {
                key = t.provider().orElse("-") + " " + t.category();
            }
        } catch (RuntimeException | Error e) {
            untyped.incrementAndGet();
            untypedSamples.add(e.toString());
            key = "- " + e.getClass().getSimpleName();
        }
        long nanos = System.nanoTime() - start;
        String label = (stream ? "stream " : "synthesize ") + key;
        if (nanos > DEADLINE.plusSeconds(1).toNanos()) {
            late.incrementAndGet();
            lateSamples.add(String.format("#%d %s after %d ms, started %.1f s into the run%s%s", n, label, nanos / 1_000_000,
                    (start - runStart) / 1e9, opened == 0 ? "" : " (stream opened at " + (opened - start) / 1_000_000 + " ms)",
                    why.isEmpty() ? "" : ": " + why));
        }
        outcomes.computeIfAbsent(label, k -> new AtomicInteger()).incrementAndGet();
        latencies.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(nanos);
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }

    /** Threads, descriptors, sockets and temp files of this process. */
    private record Leaks(long ttskitThreads, long okhttpThreads, long fds, long sockets, long tempFiles, List<String> descriptors) {
        /** What each open descriptor points at ("socket:[inode]", a path), to tell them apart. */
        static List<String> openDescriptors() {
            List<String> out = new ArrayList<>();
            File[] entries = new File("/proc/self/fd").listFiles();
            if (entries == null) return out;
            for (File f : entries) {
                try {
                    out.add(Files.readSymbolicLink(f.toPath()).toString());
                } catch (IOException | UnsupportedOperationException e) {
                    // gone while listing
                }
            }
            return out;
        }

        static Leaks now() {
            // NoLeaks' own test: ttskit's thread prefix, and the breaker timer resilience4j would start.
            long ttskit = Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive()
                    && (t.getName().startsWith(ResourceManager.THREAD_PREFIX) || t.getName().startsWith("CircuitBreakerAutoTransitionThread"))).count();
            long okhttp = Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("OkHttp")).count();
            long fds = 0;
            long sockets = 0;
            File[] entries = new File("/proc/self/fd").listFiles();
            if (entries != null) {
                for (File f : entries) {
                    fds++;
                    try {
                        if (Files.readSymbolicLink(f.toPath()).toString().startsWith("socket:")) sockets++;
                    } catch (IOException | UnsupportedOperationException e) {
                        // gone while listing
                    }
                }
            }
            long temp;
            try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                temp = files.filter(p -> p.getFileName().toString().startsWith("ttskit")).count();
            } catch (IOException e) {
                temp = -1;
            }
            return new Leaks(ttskit, okhttp, fds, sockets, temp, openDescriptors());
        }

        /** Waits up to 10 s for threads and descriptors to settle back to {@code before}. */
        static Leaks settled(Leaks before) throws InterruptedException {
            Leaks now = now();
            for (int i = 0; i < 100 && !now.minus(before).isZero(); i++) {
                Thread.sleep(100);
                now = now();
            }
            return now;
        }

        Leaks minus(Leaks o) {
            return new Leaks(ttskitThreads - o.ttskitThreads, okhttpThreads - o.okhttpThreads, fds - o.fds, sockets - o.sockets,
                    tempFiles - o.tempFiles, List.of());
        }

        boolean isZero() {
            return ttskitThreads <= 0 && okhttpThreads <= 0 && fds <= 0 && sockets <= 0 && tempFiles <= 0;
        }

        @Override
        public String toString() {
            return "ttskit threads " + ttskitThreads + ", OkHttp threads " + okhttpThreads + ", file descriptors " + fds + ", sockets "
                    + sockets + ", temp files " + tempFiles;
        }
    }
}
