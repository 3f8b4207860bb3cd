package dev.ttskit.benchmarks.elevenlabs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ElevenLabs load driver: the adapter against a raw OkHttp baseline on a loopback mock, in one
 * run, then a 1 GB stream through the adapter in a child JVM under {@code -Xmx64m}. Prints each
 * figure and a results table with the targets; exits 1 if one is missed. Bounded in requests and
 * time; talks to 127.0.0.1 only.
 *
 * <pre>java -cp tts-benchmarks/target/benchmarks.jar dev.ttskit.benchmarks.elevenlabs.LoadDriver [--pairs N]
 *     [--requests-per-caller N] [--warmup-rounds N] [--first-byte-samples N] [--large-bytes N]</pre>
 */
public final class LoadDriver {
    private static final double THROUGHPUT_TARGET = 0.9;
    private static final double FIRST_BYTE_SLACK_MICROS = 1_000;
    private static final long LARGE_LIMIT_MINUTES = 8;
    private static final long WHOLE_RUN_LIMIT_MINUTES = 20;
    /** Canned audio of about two seconds of 128 kbit/s MP3: the size of a short sentence's answer. */
    private static final int AUDIO_BYTES = 32 * 1024;

    private LoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Long> options = options(args);
        int pairs = options.getOrDefault("pairs", 30L).intValue();
        int perCaller = options.getOrDefault("requests-per-caller", 8L).intValue();
        int warmupRounds = options.getOrDefault("warmup-rounds", 30L).intValue();
        int firstByteSamples = options.getOrDefault("first-byte-samples", 400L).intValue();
        long largeBytes = options.getOrDefault("large-bytes", 1L << 30);
        startWatchdog();

        byte[] audio = new byte[AUDIO_BYTES];
        for (int i = 0; i < audio.length; i++) audio[i] = LoopbackServer.largeStreamByte(i);
        List<String[]> rows = new ArrayList<>();
        boolean allMet = true;
        try (LoopbackServer server = LoopbackServer.start(audio, largeBytes)) {
            System.out.println("loopback mock at " + server.baseUrl() + "; " + Runtime.getRuntime().availableProcessors() + " cores");
            try (Contender adapter = new AdapterContender(server.baseUrl());
                 Contender raw = new RawOkHttpContender(server.baseUrl())) {
                System.out.printf("throughput: %d in flight, %d requests per round, %d pairs of rounds%n",
                        LoadSettings.CONCURRENCY, LoadSettings.CONCURRENCY * perCaller, pairs);
                ThroughputComparison.Result t = new ThroughputComparison(perCaller, pairs, warmupRounds).run(adapter, raw);
                System.out.printf("  peak requests in flight: %d%n", t.peakInFlight());
                double ratio = Stats.median(t.ratios());
                boolean met = ratio >= THROUGHPUT_TARGET;
                allMet &= met;
                rows.add(new String[] {"throughput, 256 in flight (median req/s)",
                        fmt("%.0f", Stats.median(t.adapterPerSecond())), fmt("%.0f", Stats.median(t.rawPerSecond())),
                        fmt("ratio %.3f (pairs %.3f..%.3f)", ratio, Stats.quantile(t.ratios(), 0), Stats.quantile(t.ratios(), 1)),
                        ">= 0.900", met ? "met" : "MISSED"});
                rows.add(new String[] {"CPU per request, 256 in flight (median us)", fmt("%.1f", t.adapterCpuMicros()),
                        fmt("%.1f", t.rawCpuMicros()), fmt("throughput ratio by CPU %.3f", Stats.median(t.cpuRatios())), "-", "-"});

                System.out.printf("first byte: %d streamed calls each, one at a time%n", firstByteSamples);
                FirstByteComparison.Result f = new FirstByteComparison(firstByteSamples, 100).run(adapter, raw);
                double diff = f.adapterMedian() - f.rawMedian();
                met = diff <= FIRST_BYTE_SLACK_MICROS;
                allMet &= met;
                rows.add(new String[] {"first streamed byte (median us)", fmt("%.0f", f.adapterMedian()), fmt("%.0f", f.rawMedian()),
                        fmt("%+.0f us", diff), "<= raw + 1000 us", met ? "met" : "MISSED"});
                rows.add(new String[] {"first streamed byte (p90 us)", fmt("%.0f", Stats.quantile(f.adapterMicros(), 0.9)),
                        fmt("%.0f", Stats.quantile(f.rawMicros(), 0.9)),
                        fmt("%+.0f us", Stats.quantile(f.adapterMicros(), 0.9) - Stats.quantile(f.rawMicros(), 0.9)), "-", "-"});
            }
            System.out.printf("large stream: %d bytes through the adapter into a file, child JVM with -Xmx64m%n", largeBytes);
            Map<String, Long> large = runLargeStream(server.baseUrl(), largeBytes);
            long expectedCrc = LoopbackServer.largeStreamChecksum(largeBytes);
            boolean intact = large.get("bytes") == largeBytes && large.get("onDisk") == largeBytes && large.get("crc") == expectedCrc;
            boolean underLimit = large.get("maxHeap") <= LargeStreamRun.MAX_HEAP;
            double seconds = large.get("nanos") / 1e9;
            allMet &= intact && underLimit;
            rows.add(new String[] {"1 GB stream to a file, -Xmx64m", fmt("%.1f s, %.0f MB/s", seconds, largeBytes / 1e6 / seconds), "-",
                    fmt("%d bytes, CRC %s, heap limit %d MiB", large.get("onDisk"), large.get("crc") == expectedCrc ? "ok" : "WRONG",
                            large.get("maxHeap") >> 20),
                    "all bytes, heap <= 64 MiB", intact && underLimit ? "met" : "MISSED"});
            System.out.printf("loopback mock: %d requests over %d connections%n", server.requestsServed(), server.connectionsAccepted());
        }
        printTable(rows);
        System.exit(allMet ? 0 : 1);
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
        System.out.printf("  child: %d bytes in %.1f s, heap limit %d MiB, heap pools' peaks summed %d MiB%n", result.get("bytes"),
                result.get("nanos") / 1e9, result.get("maxHeap") >> 20, result.get("peakHeap") >> 20);
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
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            long value = Long.parseLong(args[i + 1]);
            if (value < 1) throw new IllegalArgumentException(args[i] + " must be >= 1, was " + value);
            options.put(args[i].substring(2), value);
            i++;
        }
        return options;
    }

    private static void printTable(List<String[]> rows) {
        String[] header = {"measure", "adapter", "raw OkHttp", "comparison", "target", "result"};
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
}
