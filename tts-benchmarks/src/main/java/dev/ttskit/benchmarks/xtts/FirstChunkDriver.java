package dev.ttskit.benchmarks.xtts;

import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The first-chunk measurement of {@link FirstChunkBenchmark} (from {@code TtsClient.stream} to the
 * first byte the caller reads, one sentence against about 2,000 characters) as a plain driver that
 * reads two clocks: wall time, and the CPU time of this whole process over the same interval (the
 * reading thread, the generating thread and ONNX Runtime's threads, from Linux's per-thread
 * schedstat; blind to other processes on a shared machine, which only ever add wall time). Short and long alternate, the order flipping
 * every pair; after each call the stopped generation is given time to finish its step before the
 * next call starts.
 *
 * <p>Run: {@code java -Dxtts.bench.modelDir=/tmp/xtts-bench-model -cp tts-benchmarks/target/benchmarks.jar
 * dev.ttskit.benchmarks.xtts.FirstChunkDriver} (optional {@code -Dxtts.bench.pairs=30},
 * {@code -Dxtts.bench.warmup=10}).
 */
public final class FirstChunkDriver {
    private static final Path TASKS = Path.of("/proc/self/task");

    private FirstChunkDriver() {
    }

    public static void main(String[] args) throws InterruptedException {
        int pairs = Integer.getInteger("xtts.bench.pairs", 30);
        int warmup = Integer.getInteger("xtts.bench.warmup", 10);
        if (pairs < 1 || warmup < 0) throw new IllegalArgumentException("pairs must be >= 1 and warmup >= 0");
        try (TtsClient client = FirstChunkBenchmark.client(BenchModel.dir(null))) {
            SpeechRequest shortText = FirstChunkBenchmark.request("short");
            SpeechRequest longText = FirstChunkBenchmark.request("long");
            System.out.printf(Locale.ROOT, "first audio byte at the caller: %d characters against %d, %d warm-up and %d measured pairs,"
                    + " GPT threads %d%n", longText.text().length(), shortText.text().length(), warmup, pairs, BenchModel.threads());
            for (int i = 0; i < warmup; i++) {
                time(client, shortText);
                time(client, longText);
            }
            long[][] shortTimes = new long[2][pairs];
            long[][] longTimes = new long[2][pairs];
            for (int i = 0; i < pairs; i++) {
                boolean shortFirst = i % 2 == 0;
                long[] a = time(client, shortFirst ? shortText : longText);
                long[] b = time(client, shortFirst ? longText : shortText);
                long[] s = shortFirst ? a : b;
                long[] l = shortFirst ? b : a;
                for (int c = 0; c < 2; c++) {
                    shortTimes[c][i] = s[c];
                    longTimes[c][i] = l[c];
                }
            }
            String[] clocks = {"wall", "process cpu"};
            for (int c = 0; c < 2; c++) {
                double sMin = min(shortTimes[c]);
                double lMin = min(longTimes[c]);
                double sMed = median(shortTimes[c]);
                double lMed = median(longTimes[c]);
                System.out.printf(Locale.ROOT, "[%s] one sentence: min %.1f ms, median %.1f ms | 2,000 characters: min %.1f ms,"
                                + " median %.1f ms | long / short: min %.3f, median %.3f (target <= 1.1)%n", clocks[c], sMin / 1e6,
                        sMed / 1e6, lMin / 1e6, lMed / 1e6, lMin / sMin, lMed / sMed);
            }
        }
    }

    /** Wall and process CPU nanoseconds from {@code stream} to the first byte read. */
    private static long[] time(TtsClient client, SpeechRequest request) throws InterruptedException {
        long t0 = System.nanoTime();
        long c0 = processCpuNanos();
        FirstChunkBenchmark.firstByte(client, request);
        long t1 = System.nanoTime();
        long c1 = processCpuNanos();
        Thread.sleep(FirstChunkBenchmark.SETTLE_MILLIS);
        return new long[] {t1 - t0, c1 - c0};
    }

    /**
     * The CPU time of every thread of this process, ONNX Runtime's native threads included, in
     * nanoseconds: the sum of the first field of each {@code /proc/self/task/N/schedstat} (Linux). The
     * JVM's own process CPU time counts in 10 ms ticks here, too coarse for a few hundred milliseconds.
     */
    private static long processCpuNanos() {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("schedstat"));
                    total += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while the directory was read: its time is not counted at either end
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("this driver reads per-thread CPU time from /proc (Linux only)", e);
        }
        return total;
    }

    private static double min(long[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }
}
