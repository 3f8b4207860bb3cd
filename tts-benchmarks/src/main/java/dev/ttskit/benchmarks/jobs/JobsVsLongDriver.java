package dev.ttskit.benchmarks.jobs;

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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A 1,000-chunk job through {@link SpeechJobs} against {@link TtsClient#synthesizeLong} on the same
 * text with an instant in-memory provider, so what is measured is the cost of durability: the
 * database round trips and db-scheduler's claiming. Reports the wall-time ratio (jobs / synthesizeLong,
 * both measured in this run, best of the rounds) and the database round trips per chunk (statements
 * executed plus commits, counted at the DataSource), on an H2 file and on an embedded PostgreSQL.
 *
 * <p>Run: {@code java -cp tts-benchmarks/target/benchmarks.jar dev.ttskit.benchmarks.jobs.JobsVsLongDriver}
 * (optional {@code -Djobs.bench.chunks=1000 -Djobs.bench.rounds=3 -Djobs.bench.workers=4 -Djobs.bench.postgres=true}).
 */
public final class JobsVsLongDriver {
    private static final AudioFormat FORMAT = AudioFormat.WAV_PCM16_24K;

    private JobsVsLongDriver() {
    }

    public static void main(String[] args) throws Exception {
        int chunks = Integer.getInteger("jobs.bench.chunks", 1000);
        int rounds = Integer.getInteger("jobs.bench.rounds", 3);
        int workers = Integer.getInteger("jobs.bench.workers", 4);
        boolean postgres = Boolean.parseBoolean(System.getProperty("jobs.bench.postgres", "true"));
        String text = text(chunks);
        Path dir = Files.createTempDirectory("ttskit-jobs-bench");
        try (TtsClient client = TtsClient.builder().provider(new Instant()).build()) {
            SpeechRequest request = SpeechRequest.builder().text(text).format(FORMAT).build();
            int planned = client.chunks(request).size();
            System.out.printf(Locale.ROOT, "chunks: %d, rounds: %d, job workers: %d, synthesizeLong parallelism: default%n", planned, rounds, workers);

            long[] baseline = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                client.synthesizeLong(request, ProgressListener.NONE);
                baseline[r] = System.nanoTime() - t0;
            }
            long base = best(baseline);
            System.out.printf(Locale.ROOT, "synthesizeLong: best %.1f ms (rounds %s)%n", base / 1e6, ms(baseline));

            try (HikariDataSource h2 = pool("jdbc:h2:file:" + dir.resolve("jobs").toAbsolutePath() + ";QUERY_CACHE_SIZE=64", workers)) {
                run("H2 (file)", client, h2, text, planned, rounds, workers, base, dir);
            }
            if (postgres) {
                try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
                     HikariDataSource ds = pool(pg.getJdbcUrl("postgres", "postgres"), workers)) {
                    run("PostgreSQL", client, ds, text, planned, rounds, workers, base, dir);
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void run(String name, TtsClient client, HikariDataSource pool, String text, int planned, int rounds, int workers,
                            long base, Path dir) {
        CountingDataSource counting = new CountingDataSource(pool);
        long[] times = new long[rounds];
        long[] trips = new long[rounds];
        try (SpeechJobs jobs = SpeechJobs.builder().client(client).dataSource(counting).workers(workers)
                .pollInterval(Duration.ofMillis(100)).build()) {
            for (int r = 0; r < rounds; r++) {
                Path out = dir.resolve(name.charAt(0) + "-" + r + ".wav");
                long trips0 = counting.roundTrips();
                long t0 = System.nanoTime();
                JobId id = jobs.submit(JobRequest.builder().text(text).format(FORMAT).output(out).build());
                JobStatus s = jobs.await(id, Duration.ofMinutes(10));
                times[r] = System.nanoTime() - t0;
                trips[r] = counting.roundTrips() - trips0;
                if (s.state() != JobState.SUCCEEDED) throw new IllegalStateException(name + ": job ended " + s);
            }
        }
        long best = best(times);
        int bestRound = indexOf(times, best);
        System.out.printf(Locale.ROOT, "%s: best %.1f ms (rounds %s); ratio to synthesizeLong %.2fx; round trips per chunk %.2f (rounds %s)%n",
                name, best / 1e6, ms(times), (double) best / base, (double) trips[bestRound] / planned, Arrays.toString(trips));
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

    private static long best(long[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static int indexOf(long[] values, long v) {
        for (int i = 0; i < values.length; i++) if (values[i] == v) return i;
        return 0;
    }

    private static String ms(long[] nanos) {
        return Arrays.toString(Arrays.stream(nanos).mapToObj(n -> String.format(Locale.ROOT, "%.0f", n / 1e6)).toArray());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.deleteIfExists(p);
        }
    }

    /** Answers every chunk at once with the same 20 ms tone: one chunk per sentence (30-character limit). */
    private static final class Instant implements TtsProvider {
        private final byte[] audio = MockAudio.tone(FORMAT, Duration.ofMillis(20));

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
