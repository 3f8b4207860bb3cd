package dev.ttskit.benchmarks.elevenlabs;

import dev.ttskit.TtsClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ElevenLabs load driver: a {@link TtsClient} as an application builds it (every default kept)
 * against a raw OkHttp baseline on a loopback mock of ElevenLabs that states the account's
 * {@code maximum-concurrent-requests} on every answer, in one run:
 * <ul>
 *   <li>throughput and p99 latency at 64 and at 256 callers, the account allowing 300, each answer
 *       after 20 ms;</li>
 *   <li>one caller: the median latency and the bytes allocated per call, answers at once;</li>
 *   <li>the first streamed byte, one stream at a time;</li>
 *   <li>an account allowing 5 that refuses more with a concurrency 429: the most calls the client has
 *       at the server after its first answer, and whether every call succeeds within its deadline;</li>
 *   <li>optionally a large stream through the adapter in a child JVM under {@code -Xmx64m}.</li>
 * </ul>
 * Whole-file answers are 96 kB of MP3 frames. Prints each figure and a table of ratios and targets;
 * exits 1 if one is missed. Bounded in requests and time; talks to 127.0.0.1 only.
 *
 * <pre>java -cp tts-benchmarks/target/benchmarks.jar dev.ttskit.benchmarks.elevenlabs.LoadDriver [--pairs N]
 *     [--requests-per-caller N] [--warmup-rounds N] [--sequential-samples N] [--first-byte-samples N]
 *     [--large-bytes N (0: skip)]</pre>
 */
public final class LoadDriver {
    private static final double THROUGHPUT_TARGET = 0.9;
    private static final double P99_TARGET = 1.5;
    private static final double SEQUENTIAL_TARGET = 1.10;
    private static final double BYTES_TARGET = 1.3;
    private static final double FIRST_BYTE_SLACK_MICROS = 500;
    private static final long LARGE_LIMIT_MINUTES = 8;
    private static final long WHOLE_RUN_LIMIT_MINUTES = 40;
    /** About six seconds of 128 kbit/s MP3: a long sentence's answer. */
    static final int AUDIO_BYTES = 96 * 1024;
    private static final int LARGE_ACCOUNT = 300;
    private static final int SMALL_ACCOUNT = 5;
    private static final Duration LATENCY = Duration.ofMillis(20);
    private static final Duration ACCOUNT_RUN_DEADLINE = Duration.ofSeconds(60);

    private LoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Long> options = options(args);
        int pairs = options.getOrDefault("pairs", 10L).intValue();
        int perCaller = options.getOrDefault("requests-per-caller", 8L).intValue();
        int warmupRounds = options.getOrDefault("warmup-rounds", 5L).intValue();
        int sequentialSamples = options.getOrDefault("sequential-samples", 2000L).intValue();
        int firstByteSamples = options.getOrDefault("first-byte-samples", 400L).intValue();
        long largeBytes = options.getOrDefault("large-bytes", 0L);
        startWatchdog();

        byte[] audio = mp3Frames(AUDIO_BYTES);
        List<String[]> rows = new ArrayList<>();
        boolean allMet = true;
        try (LoopbackServer server = LoopbackServer.start(audio, largeBytes)) {
            System.out.println("loopback mock at " + server.baseUrl() + "; " + Runtime.getRuntime().availableProcessors() + " cores");
            try (Contender client = new ClientContender(server.baseUrl());
                 Contender raw = new RawOkHttpContender(server.baseUrl())) {
                server.account(LARGE_ACCOUNT, false);
                server.latency(LATENCY);
                for (int callers : new int[] {64, LoadSettings.CONCURRENCY}) {
                    System.out.printf("throughput: %d callers, %d requests per round, %d pairs, account allows %d, answers after %s%n",
                            callers, callers * perCaller, pairs, LARGE_ACCOUNT, LATENCY);
                    ThroughputComparison.Result t = new ThroughputComparison(callers, perCaller, pairs, warmupRounds).run(client, raw);
                    double ratio = Stats.median(t.ratios());
                    double p99 = Stats.median(t.p99Ratios());
                    boolean met = ratio >= THROUGHPUT_TARGET && p99 <= P99_TARGET;
                    allMet &= met;
                    rows.add(new String[] {callers + " callers, req/s (median of pairs)", fmt("%.0f", Stats.median(t.adapterPerSecond())),
                            fmt("%.0f", Stats.median(t.rawPerSecond())),
                            fmt("ratio %.3f (pairs %.3f..%.3f), by CPU %.3f", ratio, Stats.quantile(t.ratios(), 0),
                                    Stats.quantile(t.ratios(), 1), Stats.median(t.cpuRatios())),
                            ">= 0.900", ratio >= THROUGHPUT_TARGET ? "met" : "MISSED"});
                    rows.add(new String[] {callers + " callers, p99 latency (us)", fmt("%.0f", t.adapterP99Micros()), fmt("%.0f", t.rawP99Micros()),
                            fmt("ratio %.3f (pairs %.3f..%.3f)", p99, Stats.quantile(t.p99Ratios(), 0), Stats.quantile(t.p99Ratios(), 1)),
                            "<= 1.500", p99 <= P99_TARGET ? "met" : "MISSED"});
                    rows.add(new String[] {callers + " callers, CPU per call (us)", fmt("%.1f", t.adapterCpuMicros()),
                            fmt("%.1f", t.rawCpuMicros()), fmt("ratio %.3f", t.adapterCpuMicros() / t.rawCpuMicros()), "-", "-"});
                }

                server.latency(Duration.ZERO);
                System.out.printf("sequential: %d calls each, one at a time, alternating%n", sequentialSamples);
                SequentialComparison.Result q = new SequentialComparison(sequentialSamples, sequentialSamples / 4).run(client, raw);
                double medianRatio = q.contenderMedian() / q.rawMedian();
                double bytesRatio = q.contenderBytesPerCall() / q.rawBytesPerCall();
                allMet &= medianRatio <= SEQUENTIAL_TARGET && bytesRatio <= BYTES_TARGET;
                rows.add(new String[] {"sequential, median latency (us)", fmt("%.0f", q.contenderMedian()), fmt("%.0f", q.rawMedian()),
                        fmt("ratio %.3f", medianRatio), "<= 1.100", medianRatio <= SEQUENTIAL_TARGET ? "met" : "MISSED"});
                rows.add(new String[] {"sequential, bytes allocated per call", fmt("%.0f", q.contenderBytesPerCall()),
                        fmt("%.0f", q.rawBytesPerCall()), fmt("ratio %.3f", bytesRatio), "<= 1.300", bytesRatio <= BYTES_TARGET ? "met" : "MISSED"});

                System.out.printf("first byte: %d streamed calls each, one at a time%n", firstByteSamples);
                FirstByteComparison.Result f = new FirstByteComparison(firstByteSamples, 100).run(client, raw);
                double diff = f.adapterMedian() - f.rawMedian();
                allMet &= diff <= FIRST_BYTE_SLACK_MICROS;
                rows.add(new String[] {"first streamed byte, p50 (us)", fmt("%.0f", f.adapterMedian()), fmt("%.0f", f.rawMedian()),
                        fmt("%+.0f us", diff), "<= raw + 500 us", diff <= FIRST_BYTE_SLACK_MICROS ? "met" : "MISSED"});
                rows.add(new String[] {"first streamed byte, p90 (us)", fmt("%.0f", Stats.quantile(f.adapterMicros(), 0.9)),
                        fmt("%.0f", Stats.quantile(f.rawMicros(), 0.9)),
                        fmt("%+.0f us", Stats.quantile(f.adapterMicros(), 0.9) - Stats.quantile(f.rawMicros(), 0.9)), "-", "-"});
            }

            allMet &= smallAccount(server, rows);

            if (largeBytes > 0) {
                System.out.printf("large stream: %d bytes through the adapter into a file, child JVM with -Xmx64m%n", largeBytes);
                Map<String, Long> large = runLargeStream(server.baseUrl(), largeBytes);
                long expectedCrc = LoopbackServer.largeStreamChecksum(largeBytes);
                boolean intact = value(large, "bytes") == largeBytes && value(large, "onDisk") == largeBytes && value(large, "crc") == expectedCrc;
                boolean underLimit = value(large, "maxHeap") <= LargeStreamRun.MAX_HEAP;
                double seconds = value(large, "nanos") / 1e9;
                allMet &= intact && underLimit;
                rows.add(new String[] {"large stream to a file, -Xmx64m", fmt("%.1f s, %.0f MB/s", seconds, largeBytes / 1e6 / seconds), "-",
                        fmt("%d bytes, CRC %s, heap limit %d MiB", value(large, "onDisk"), value(large, "crc") == expectedCrc ? "ok" : "WRONG",
                                value(large, "maxHeap") >> 20),
                        "all bytes, heap <= 64 MiB", intact && underLimit ? "met" : "MISSED"});
            }
            System.out.printf("loopback mock: %d requests over %d connections%n", server.requestsServed(), server.connectionsAccepted());
        }
        printTable(rows);
        System.exit(allMet ? 0 : 1);
    }

    /**
     * A fresh client at its defaults against an account allowing {@link #SMALL_ACCOUNT}, refusing more
     * with a concurrency 429: 64 callers, 8 calls each, answers after 20 ms.
     */
    private static boolean smallAccount(LoopbackServer server, List<String[]> rows) throws InterruptedException {
        server.account(SMALL_ACCOUNT, true);
        server.latency(LATENCY);
        int callers = 64;
        int perCaller = 8;
        System.out.printf("small account: allows %d and refuses more; %d callers, %d calls each, deadline %s%n", SMALL_ACCOUNT, callers,
                perCaller, ACCOUNT_RUN_DEADLINE);
        AtomicInteger failed = new AtomicInteger();
        long started = System.nanoTime();
        try (ClientContender client = new ClientContender(server.baseUrl())) {
            Thread[] threads = new Thread[callers];
            for (int c = 0; c < callers; c++) {
                threads[c] = new Thread(() -> {
                    for (int i = 0; i < perCaller; i++) {
                        try {
                            client.synthesize();
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                            System.out.println("  call failed: " + e);
                        }
                    }
                }, "small-account-caller");
                threads[c].start();
            }
            for (Thread t : threads) t.join(ACCOUNT_RUN_DEADLINE.toMillis());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int peak = server.peakInFlightAfterFirstAnswer();
        boolean met = peak <= SMALL_ACCOUNT && failed.get() == 0;
        rows.add(new String[] {"account allows " + SMALL_ACCOUNT + ": peak in flight after first answer", Integer.toString(peak), "-",
                fmt("%d calls, %d failed, %d refused with 429, %.1f s", callers * perCaller, failed.get(), server.refused(), seconds),
                "<= " + SMALL_ACCOUNT + ", none failed", met ? "met" : "MISSED"});
        server.account(0, false);
        return met;
    }

    /** MPEG-1 Layer III frames, 128 kbit/s, 44.1 kHz, mono, unpadded (417 bytes each): what the audio checks accept as MP3. */
    static byte[] mp3Frames(int bytes) {
        int frameLength = 144 * 128_000 / 44_100;
        byte[] audio = new byte[bytes / frameLength * frameLength];
        for (int at = 0; at < audio.length; at += frameLength) {
            audio[at] = (byte) 0xFF;
            audio[at + 1] = (byte) 0xFB;   // MPEG-1, Layer III, no CRC
            audio[at + 2] = (byte) 0x90;   // 128 kbit/s, 44.1 kHz, no padding
            audio[at + 3] = (byte) 0xC4;   // mono
            for (int i = 4; i < frameLength; i++) audio[at + i] = LoopbackServer.largeStreamByte(at + i);
        }
        return audio;
    }

    /** Runs {@link LargeStreamRun} in a child JVM with a 64 MiB heap and reads its RESULT line. */
    private static Map<String, Long> runLargeStream(String baseUrl, long bytes) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LargeStreamRun.class.getName(), baseUrl, Long.toString(bytes))
                .redirectErrorStream(true).start();
        Map<String, Long> result = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.startsWith("RESULT ")) {
                    System.out.println("  child: " + line);
                    continue;
                }
                for (String pair : line.substring("RESULT ".length()).split(" ")) {
                    String[] kv = pair.split("=", 2);
                    result.put(kv[0], Long.parseLong(kv[1]));
                }
            }
        }
        if (!child.waitFor(LARGE_LIMIT_MINUTES, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new IOException("the large-stream child ran past " + LARGE_LIMIT_MINUTES + " minutes");
        }
        if (!result.containsKey("nanos")) throw new IOException("the large-stream child exited " + child.exitValue() + " without a result");
        System.out.printf("  child: %d bytes in %.1f s, heap limit %d MiB, heap pools' peaks summed %d MiB%n", value(result, "bytes"),
                value(result, "nanos") / 1e9, value(result, "maxHeap") >> 20, value(result, "peakHeap") >> 20);
        return result;
    }

    /** Ends the process if a phase hangs, so the driver always stops by itself. */
    private static void startWatchdog() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(WHOLE_RUN_LIMIT_MINUTES));
                System.err.println("load driver ran past " + WHOLE_RUN_LIMIT_MINUTES + " minutes; stopping");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "load-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static Map<String, Long> options(String[] args) {
        Map<String, Long> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            long value = Long.parseLong(args[i + 1]);
            long least = args[i].equals("--large-bytes") ? 0 : 1;
            if (value < least) throw new IllegalArgumentException(args[i] + " must be >= " + least + ", was " + value);
            options.put(args[i].substring(2), value);
        }
        return options;
    }

    private static void printTable(List<String[]> rows) {
        String[] header = {"measure", "ttskit (TtsClient)", "raw OkHttp", "comparison", "target", "result"};
        int[] width = new int[header.length];
        for (int c = 0; c < header.length; c++) width[c] = header[c].length();
        for (String[] row : rows) for (int c = 0; c < row.length; c++) width[c] = Math.max(width[c], row[c].length());
        System.out.println();
        printRow(header, width);
        String[] rule = new String[header.length];
        for (int c = 0; c < rule.length; c++) rule[c] = "-".repeat(width[c]);
        printRow(rule, width);
        for (String[] row : rows) printRow(row, width);
    }

    private static void printRow(String[] cells, int[] width) {
        StringBuilder line = new StringBuilder("|");
        for (int c = 0; c < cells.length; c++) line.append(' ').append(String.format("%-" + width[c] + "s", cells[c])).append(" |");
        System.out.println(line);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** A figure the large-stream child reported (its absence is already an error when the result is read). */
    private static long value(Map<String, Long> figures, String name) {
        return Objects.requireNonNull(figures.get(name), name);
    }
}
