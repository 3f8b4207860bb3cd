package dev.ttskit.jobs;

import dev.ttskit.TtsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workers in other JVMs: one killed in the middle of a job and another finishing it; two sharing
 * fifty jobs on one PostgreSQL. The provider's call log (a file every JVM appends to) says what was
 * paid for.
 */
class CrashAndShareTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    private String url(String database) {
        return database.equals("h2") ? "jdbc:h2:file:" + dir.resolve("jobs").toAbsolutePath() + ";AUTO_SERVER=TRUE"
                : Postgres.shared().newDatabase();
    }

    /**
     * This JVM submits and reads; it speaks nothing (workers 0). Its jobs give each execution four
     * chunks, so a worker holds several chunks when it is killed and only the one it is speaking may
     * be paid again.
     */
    private SpeechJobs observer(String url, TtsClient client) {
        // A generous connect timeout: on a loaded machine opening the shared H2 file can take seconds.
        SpeechJobs jobs = SpeechJobs.builder().client(client).jdbcUrl(url, null, null).workers(0).chunksPerExecution(4)
                .pollInterval(Duration.ofMillis(100)).connectTimeout(Duration.ofSeconds(30)).build();
        open.add(jobs);
        return jobs;
    }

    private TtsClient client() {
        TtsClient c = TtsClient.builder().provider(new LoggedProvider(dir.resolve("observer.log"), 0)).build();
        open.add(c);
        return c;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aKilledWorkerCostsOnlyItsChunksInFlightAndAnotherJvmFinishesTheJob(String database) throws Exception {
        String url = url(database);
        TtsClient client = client();
        SpeechJobs jobs = observer(url, client);
        Path log = dir.resolve("calls.log");
        String text = LoggedProvider.text(40);
        List<String> chunks = Expected.chunks(client, text);
        assertEquals(40, chunks.size(), "the text makes a 40-chunk job");
        Path out = dir.resolve("crash.wav");

        Jvm first = Jvm.worker(url, log, 120, 2, 2000, dir.resolve("first.out"));
        open.add(first);
        JobId id = jobs.submit(JobRequest.builder().text(text).format(LoggedProvider.FORMAT).output(out).build());
        JobStatus s = jobs.status(id);
        while (s.chunksDone() < 12) {
            Thread.sleep(20);
            s = jobs.status(id);
        }
        first.kill();
        JobStatus atKill = jobs.status(id);
        Set<Integer> doneAtKill = new HashSet<>();
        atKill.chunks().stream().filter(c -> c.state() == ChunkState.DONE).forEach(c -> doneAtKill.add(c.index()));
        assertTrue(doneAtKill.size() < chunks.size(), "killed in the middle: " + doneAtKill.size());
        Map<String, Integer> paidBeforeKill = LoggedProvider.counts(log);

        Jvm second = Jvm.worker(url, log, 10, 2, 2000, dir.resolve("second.out"));
        open.add(second);
        JobStatus done = jobs.await(id, WAIT);
        assertEquals(JobState.SUCCEEDED, done.state(), done.toString());

        Map<String, Integer> counts = LoggedProvider.counts(log);
        int repeated = 0;
        for (int i = 0; i < chunks.size(); i++) {
            int n = counts.getOrDefault(chunks.get(i), 0);
            assertTrue(n >= 1, "chunk " + i + " was spoken");
            if (doneAtKill.contains(i)) assertEquals(1, n, "chunk " + i + " was done before the kill and is never spoken again");
            if (n > 1) {
                repeated++;
                assertEquals(1, paidBeforeKill.getOrDefault(chunks.get(i), 0), "chunk " + i + " repeated only because it was in flight");
                assertEquals(2, n);
            }
        }
        assertTrue(repeated <= 2, "at most the killed worker's two chunks in flight are repeated: " + repeated);
        assertArrayEquals(Expected.output(chunks, 120, Set.of()), Files.readAllBytes(out), "same bytes as an uninterrupted run");
    }

    @Test
    void twoJvmsShareFiftyJobsAndSpeakEveryChunkExactlyOnce() throws Exception {
        String url = url("postgresql");
        TtsClient client = client();
        SpeechJobs jobs = observer(url, client);
        Path logA = dir.resolve("a.log");
        Path logB = dir.resolve("b.log");
        // Nobody dies here: a dead-worker time far above any stall a loaded machine gives a heartbeat,
        // so "exactly once" is about sharing, not about an execution revived from a live worker.
        open.add(Jvm.worker(url, logA, 5, 3, 30_000, dir.resolve("a.out")));
        open.add(Jvm.worker(url, logB, 5, 3, 30_000, dir.resolve("b.out")));

        List<JobId> ids = new ArrayList<>();
        Set<String> allChunks = new HashSet<>();
        for (int j = 0; j < 50; j++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 6; k++) sb.append("Job ").append(j).append(" says line ").append(k).append(" now. ");
            String text = sb.toString();
            allChunks.addAll(Expected.chunks(client, text));
            ids.add(jobs.submit(JobRequest.builder().text(text).format(LoggedProvider.FORMAT).build()));
        }
        for (JobId id : ids) assertEquals(JobState.SUCCEEDED, jobs.await(id, WAIT).state(), id.toString());

        Map<String, Integer> a = LoggedProvider.counts(logA);
        Map<String, Integer> b = LoggedProvider.counts(logB);
        assertTrue(!a.isEmpty() && !b.isEmpty(), "both JVMs worked: " + a.size() + " and " + b.size());
        for (String chunk : allChunks) {
            int n = a.getOrDefault(chunk, 0) + b.getOrDefault(chunk, 0);
            assertEquals(1, n, "spoken exactly once across both JVMs: " + chunk);
        }
        assertEquals(allChunks.size(), a.values().stream().mapToInt(Integer::intValue).sum() + b.values().stream().mapToInt(Integer::intValue).sum());
    }
}
