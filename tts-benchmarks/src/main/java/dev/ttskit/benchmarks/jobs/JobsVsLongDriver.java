package dev.ttskit.benchmarks.jobs;

import java.util.Objects;
import com.google.errorprone.annotations.MustBeClosed;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ttskit.AudioStream;
import dev.ttskit.ProgressListener;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.Voice;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.jobs.JobId;
import dev.ttskit.jobs.JobRequest;
import dev.ttskit.jobs.JobState;
import dev.ttskit.jobs.JobStatus;
import dev.ttskit.jobs.SpeechJobs;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.testkit.MockAudio;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A 1,000-chunk job through {@link SpeechJobs} against {@link TtsClient#synthesizeLong} on the same
 * text with an instant in-memory provider, so what is measured is the cost of durability: the
 * database round trips and db-scheduler's claiming. Reports the wall-time ratio (jobs / synthesizeLong,
 * both measured in this run after warm-up rounds: best to best, and the median of each round's ratio,
 * rounds interleaved, each after a garbage collection; the baseline writes the same file a job writes), the CPU time each side used (the
 * steadier figure on a shared machine) and the database round trips per chunk (statements executed plus commits, counted at the
 * DataSource), on an H2 file and on an embedded PostgreSQL.
 *
 * <p>Run: {@code java -cp tts-benchmarks/target/benchmarks.jar dev.ttskit.benchmarks.jobs.JobsVsLongDriver}
 * (optional {@code -Djobs.bench.chunks=1000 -Djobs.bench.warmup=5 -Djobs.bench.rounds=5 -Djobs.bench.workers=4 -Djobs.bench.postgres=true
 * -Djobs.bench.oneByOne=false}; with oneByOne, each database also with every chunk stored on its own, for comparison).
 */
public final class JobsVsLongDriver {
    private static final AudioFormat FORMAT = AudioFormat.WAV_PCM16_24K;

    private JobsVsLongDriver() {
    }

    public static void main(String[] args) throws Exception {
        int chunks = Integer.getInteger("jobs.bench.chunks", 1000);
        int rounds = Integer.getInteger("jobs.bench.rounds", 5);
        int warmup = Integer.getInteger("jobs.bench.warmup", 5);
        int workers = Integer.getInteger("jobs.bench.workers", 4);
        boolean postgres = Boolean.parseBoolean(System.getProperty("jobs.bench.postgres", "true"));
        // Also each database with every chunk stored on its own (groupCommitLimit zero), as before group commits.
        boolean oneByOne = Boolean.parseBoolean(System.getProperty("jobs.bench.oneByOne", "false"));
        String text = text(chunks);
        Path dir = Files.createTempDirectory("ttskit-jobs-bench");
        try (TtsClient client = TtsClient.builder().provider(new Instant()).build();
             HikariDataSource h2 = pool("jdbc:h2:file:" + dir.resolve("jobs").toAbsolutePath() + ";QUERY_CACHE_SIZE=64", workers);
             HikariDataSource h2Single = oneByOne ? pool("jdbc:h2:file:" + dir.resolve("single").toAbsolutePath() + ";QUERY_CACHE_SIZE=64", workers)
                     : null;
             EmbeddedPostgres pg = postgres ? EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start() : null;
             HikariDataSource pgPool = pg == null ? null : pool(pg.getJdbcUrl("postgres", "postgres"), workers)) {
            SpeechRequest request = SpeechRequest.builder().text(text).format(FORMAT).build();
            int planned = client.chunks(request).size();
            System.out.printf(Locale.ROOT, "chunks: %d, rounds: %d, job workers: %d, synthesizeLong parallelism: default%n", planned, rounds, workers);
            List<Target> targets = new ArrayList<>();
            HikariDataSource pgSingle = null;
            try {
                Duration grouped = Duration.ofMillis(20);
                targets.add(new Target("H2 (file)", h2, client, workers, rounds, grouped));
                if (h2Single != null) targets.add(new Target("H2 (file), one commit a chunk", h2Single, client, workers, rounds, Duration.ZERO));
                if (pgPool != null) targets.add(new Target("PostgreSQL", pgPool, client, workers, rounds, grouped));
                if (pg != null && oneByOne) {
                    // A database of its own: instances sharing one database share their executions too.
                    try (java.sql.Connection c = Objects.requireNonNull(pgPool).getConnection(); java.sql.Statement st = c.createStatement()) {
                        st.execute("CREATE DATABASE single");
                    }
                    pgSingle = pool(pg.getJdbcUrl("postgres", "single"), workers);
                    targets.add(new Target("PostgreSQL, one commit a chunk", pgSingle, client, workers, rounds, Duration.ZERO));
                }
                // Unmeasured rounds first, so that both sides run compiled code (the database's too, a
                // large body of code the JIT takes several rounds over) and its tables and statements are warm.
                for (int w = 0; w < warmup; w++) {
                    baseline(client, request, dir);
                    for (Target t : targets) t.round(-1, text, dir);
                }
                // Rounds interleave the baseline and each database, so a busy moment on the machine
                // weighs on all of them alike; each round's ratio is against that round's baseline.
                long[] baseline = new long[rounds];
                long[] baselineCpu = new long[rounds];
                for (int r = 0; r < rounds; r++) {
                    settle();
                    long c0 = cpuNanos();
                    long t0 = System.nanoTime();
                    baseline(client, request, dir);
                    baseline[r] = System.nanoTime() - t0;
                    baselineCpu[r] = cpuNanos() - c0;
                    for (Target t : targets) t.round(r, text, dir);
                }
                System.out.printf(Locale.ROOT, "load average at the end: %.2f%n",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                System.out.printf(Locale.ROOT, "synthesizeLong + writing the file: best %.1f ms (rounds %s); CPU median %.0f ms (rounds %s)%n",
                        best(baseline) / 1e6, ms(baseline), median(baselineCpu) / 1e6, ms(baselineCpu));
                for (Target t : targets) t.report(baseline, baselineCpu, planned);
            } finally {
                for (Target t : targets) t.jobs.close();
                if (pgSingle != null) pgSingle.close();
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** One database: its jobs instance and what each round measured there. */
    private static final class Target {
        final String name;
        final CountingDataSource counting;
        final SpeechJobs jobs;
        final long[] times;
        final long[] cpu;
        final long[] trips;

        Target(String name, DataSource pool, TtsClient client, int workers, int rounds, Duration groupCommitLimit) {
            this.name = name;
            this.counting = new CountingDataSource(pool);
            this.jobs = SpeechJobs.builder().client(client).dataSource(counting).workers(workers).pollInterval(Duration.ofMillis(100))
                    .groupCommitLimit(groupCommitLimit).build();
            this.times = new long[rounds];
            this.cpu = new long[rounds];
            this.trips = new long[rounds];
        }

        void round(int r, String text, Path dir) {
            Path out = dir.resolve(name.replaceAll("[^A-Za-z0-9]", "") + "-" + r + ".wav");
            settle();
            long trips0 = counting.roundTrips();
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            JobId id = jobs.submit(JobRequest.builder().text(text).format(FORMAT).output(out).build());
            JobStatus s = jobs.await(id, Duration.ofMinutes(10));
            long elapsed = System.nanoTime() - t0;
            long used = cpuNanos() - c0;
            if (s.state() != JobState.SUCCEEDED) throw new IllegalStateException(name + ": job ended " + s);
            if (r < 0) return;
            times[r] = elapsed;
            cpu[r] = used;
            trips[r] = counting.roundTrips() - trips0;
        }

        void report(long[] baseline, long[] baselineCpu, int planned) {
            double[] ratios = new double[times.length];
            for (int r = 0; r < times.length; r++) ratios[r] = (double) times[r] / baseline[r];
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            long[] tripsSorted = trips.clone();
            Arrays.sort(tripsSorted);
            String perRound = Arrays.toString(Arrays.stream(ratios).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x)).toArray());
            System.out.printf(Locale.ROOT, "%s: best %.1f ms (rounds %s); best to best %.2fx; per-round ratios %s, median %.2fx; "
                            + "CPU median %.0f ms (rounds %s), %.2fx the baseline's; round trips per chunk %.2f (median; rounds %s)%n",
                    name, best(times) / 1e6, ms(times), (double) best(times) / best(baseline), perRound, sorted[sorted.length / 2],
                    median(cpu) / 1e6, ms(cpu), (double) median(cpu) / median(baselineCpu),
                    (double) tripsSorted[tripsSorted.length / 2] / planned, Arrays.toString(trips));
        }
    }

    private static HikariDataSource pool(String url, int workers) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setMaximumPoolSize(workers + 4);
        c.setPoolName("bench");
        return new HikariDataSource(c);
    }

    private static String text(int sentences) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sentences; i++) sb.append("Sentence ").append(i).append(" is here. ");
        return sb.toString();
    }

    /** What {@code synthesizeLong} must do to give the same result as a job: the whole text, written to a file. */
    private static void baseline(TtsClient client, SpeechRequest request, Path dir) throws IOException {
        Files.write(dir.resolve("long.wav"), client.synthesizeLong(request, ProgressListener.NONE).result().audioBytes());
    }

    /**
     * CPU time of the whole process (every thread, the database's and db-scheduler's included): on a
     * machine shared with other work, a steadier measure of cost than wall time.
     */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Collects the garbage the last measurement left and gives background work (a job's audio being
     * dropped after it succeeded) a moment, so that neither lands in the next measurement's time.
     */
    private static void settle() {
        System.gc();
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long best(long[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static String ms(long[] nanos) {
        return Arrays.toString(Arrays.stream(nanos).mapToObj(n -> String.format(Locale.ROOT, "%.0f", n / 1e6)).toArray());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.deleteIfExists(p);
        }
    }

    /**
     * Answers every chunk at once with the same 120 ms tone (long and loud enough for the client's
     * audio checks on a sentence of about 20 characters): one chunk per sentence (30-character limit).
     */
    private static final class Instant implements TtsProvider {
        private final byte[] audio = MockAudio.tone(FORMAT, Duration.ofMillis(120));

        @Override
        public String id() {
            return "instant";
        }

        @Override
        public ProviderCapabilities capabilities() {
            return ProviderCapabilities.builder().formats(FORMAT).maxChars(30).maxUtf8Bytes(120).maxConcurrentCalls(64).build();
        }

        @Override
        public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
            return SpeechResult.builder().audio(audio).format(FORMAT).provider(id()).build();
        }

        @MustBeClosed
        @Override
        public AudioStream stream(ProviderRequest request, CallContext ctx) {
            return TtsProvider.streamOf(synthesize(request, ctx));
        }

        @Override
        public List<Voice> voices(CallContext ctx) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
