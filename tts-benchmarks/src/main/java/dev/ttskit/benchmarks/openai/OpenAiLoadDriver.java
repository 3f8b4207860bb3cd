package dev.ttskit.benchmarks.openai;

import dev.ttskit.benchmarks.elevenlabs.Contender;
import dev.ttskit.benchmarks.elevenlabs.FirstByteComparison;
import dev.ttskit.benchmarks.elevenlabs.LoopbackServer;
import dev.ttskit.benchmarks.elevenlabs.Stats;
import dev.ttskit.benchmarks.elevenlabs.ThroughputComparison;
import dev.ttskit.openai.OpenAiProvider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The OpenAI load driver: {@code POST /v1/audio/speech} through the adapter, and through a whole
 * {@link dev.ttskit.TtsClient} (with the adapter's default bulkhead and with one as wide as the load),
 * each against a raw OkHttp baseline in the same run, on the loopback mock. Prints each figure and a
 * results table; exits 1 if a target is missed. Bounded; talks to 127.0.0.1 only.
 *
 * <pre>java -cp tts-benchmarks/target/benchmarks.jar dev.ttskit.benchmarks.openai.OpenAiLoadDriver [--pairs N]
 *     [--requests-per-caller N] [--warmup-rounds N] [--first-byte-samples N]</pre>
 */
public final class OpenAiLoadDriver {
    private static final double THROUGHPUT_TARGET = 0.9;
    private static final double FIRST_BYTE_SLACK_MICROS = 1_000;
    private static final long WHOLE_RUN_LIMIT_MINUTES = 15;
    private static final int AUDIO_BYTES = 32 * 1024;

    private OpenAiLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Long> options = options(args);
        int pairs = options.getOrDefault("pairs", 30L).intValue();
        int perCaller = options.getOrDefault("requests-per-caller", 8L).intValue();
        int warmupRounds = options.getOrDefault("warmup-rounds", 30L).intValue();
        int firstByteSamples = options.getOrDefault("first-byte-samples", 400L).intValue();
        startWatchdog();

        byte[] audio = mp3Frames(AUDIO_BYTES);
        List<String[]> rows = new ArrayList<>();
        boolean allMet = true;
        try (LoopbackServer server = LoopbackServer.start(audio, 0)) {
            System.out.println("loopback mock at " + server.baseUrl() + "; " + Runtime.getRuntime().availableProcessors() + " cores");
            try (Contender raw = new RawOkHttpContender(server.baseUrl())) {
                try (Contender adapter = new AdapterContender(server.baseUrl())) {
                    allMet &= throughput("adapter", adapter, raw, perCaller, pairs, warmupRounds, rows, true);
                    allMet &= firstByte("adapter", adapter, raw, firstByteSamples, rows, true);
                }
                int bulkhead = OpenAiProvider.DEFAULT_MAX_CONCURRENT_CALLS;
                try (Contender client = new ClientContender(server.baseUrl(), bulkhead)) {
                    throughput("TtsClient, bulkhead " + bulkhead + " (default)", client, raw, perCaller, pairs, warmupRounds, rows, false);
                    firstByte("TtsClient", client, raw, firstByteSamples, rows, false);
                }
                try (Contender client = new ClientContender(server.baseUrl(), OpenAiLoad.CONCURRENCY)) {
                    throughput("TtsClient, bulkhead " + OpenAiLoad.CONCURRENCY, client, raw, perCaller, pairs, warmupRounds, rows, false);
                }
            }
            System.out.printf("loopback mock: %d requests over %d connections%n", server.requestsServed(), server.connectionsAccepted());
        }
        printTable(rows);
        System.exit(allMet ? 0 : 1);
    }

    private static boolean throughput(String what, Contender contender, Contender raw, int perCaller, int pairs, int warmup,
                                      List<String[]> rows, boolean target) throws Exception {
        System.out.printf("throughput, %s: %d in flight, %d requests per round, %d pairs%n", what, OpenAiLoad.CONCURRENCY,
                OpenAiLoad.CONCURRENCY * perCaller, pairs);
        ThroughputComparison.Result t = new ThroughputComparison(perCaller, pairs, warmup).run(contender, raw);
        double ratio = Stats.median(t.ratios());
        boolean met = ratio >= THROUGHPUT_TARGET;
        rows.add(new String[] {"throughput, " + what + " (median req/s)", fmt("%.0f", Stats.median(t.adapterPerSecond())),
                fmt("%.0f", Stats.median(t.rawPerSecond())),
                fmt("ratio %.3f (pairs %.3f..%.3f), by CPU %.3f", ratio, Stats.quantile(t.ratios(), 0), Stats.quantile(t.ratios(), 1),
                        Stats.median(t.cpuRatios())),
                target ? ">= 0.900" : "reported", target ? (met ? "met" : "MISSED") : "-"});
        return met || !target;
    }

    private static boolean firstByte(String what, Contender contender, Contender raw, int samples, List<String[]> rows, boolean target)
            throws Exception {
        System.out.printf("first byte, %s: %d streamed calls each, one at a time%n", what, samples);
        FirstByteComparison.Result f = new FirstByteComparison(samples, 100).run(contender, raw);
        double diff = f.adapterMedian() - f.rawMedian();
        boolean met = diff <= FIRST_BYTE_SLACK_MICROS;
        rows.add(new String[] {"first streamed byte, " + what + " (median us)", fmt("%.0f", f.adapterMedian()), fmt("%.0f", f.rawMedian()),
                fmt("%+.0f us (p90 %+.0f us)", diff, Stats.quantile(f.adapterMicros(), 0.9) - Stats.quantile(f.rawMicros(), 0.9)),
                target ? "<= raw + 1000 us" : "reported", target ? (met ? "met" : "MISSED") : "-"});
        return met || !target;
    }

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
            if (value < 1) throw new IllegalArgumentException(args[i] + " must be >= 1, was " + value);
            options.put(args[i].substring(2), value);
        }
        return options;
    }

    private static void printTable(List<String[]> rows) {
        String[] header = {"measure", "ttskit", "raw OkHttp", "comparison", "target", "result"};
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

    /**
     * Silent MPEG-2 Layer III frames (24 kHz, 160 kbit/s, mono: OpenAI's MP3) filling {@code bytes}:
     * through a whole client the router's audio checks read the frame headers, so the canned answer
     * must be real MP3, as OpenAI's is.
     */
    private static byte[] mp3Frames(int bytes) {
        int frameLength = 72 * 160_000 / 24_000;   // 480 bytes, no padding
        byte[] audio = new byte[bytes / frameLength * frameLength];
        for (int at = 0; at < audio.length; at += frameLength) {
            audio[at] = (byte) 0xFF;
            audio[at + 1] = (byte) 0xF3;   // MPEG-2, Layer III, no CRC
            audio[at + 2] = (byte) 0xE4;   // 160 kbit/s, 24 kHz, no padding
            audio[at + 3] = (byte) 0xC4;   // mono
        }
        return audio;
    }
}
