package dev.ttskit.jobs;

import dev.ttskit.TtsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PostgreSQL stopped under running workers, and at submission, then started again on the same data. */
class DatabaseOutageTest {
    @TempDir
    Path dir;

    /** A server of this class's own: the tests stop it. */
    private static Postgres pg;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        pg = Postgres.start();
    }

    @AfterAll
    static void stopServer() {
        pg.stop();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    @Test
    void workersWaitForTheDatabaseAndCarryOnWhenItReturns() throws Exception {
        String url = pg.newDatabase();
        Path log = dir.resolve("calls.log");
        TtsClient client = keep(TtsClient.builder().provider(new LoggedProvider(log, 60)).build());
        CountDownLatch someDone = new CountDownLatch(5);
        // The outage and the restart must stay well within the dead-worker time, or an execution running
        // through it would be revived and its chunks spoken twice: that is not what this test is about.
        SpeechJobs jobs = keep(SpeechJobs.builder().client(client).jdbcUrl(url, null, null).workers(2)
                .pollInterval(Duration.ofMillis(100)).deadWorkerAfter(Duration.ofSeconds(60)).connectTimeout(Duration.ofMillis(500))
                .listener((id, p, done, total) -> someDone.countDown()).build());
        String text = LoggedProvider.text(40);
        List<String> chunks = Expected.chunks(client, text);
        Path out = dir.resolve("outage.wav");
        JobId id = jobs.submit(JobRequest.builder().text(text).format(LoggedProvider.FORMAT).output(out).build());
        assertTrue(someDone.await(30, TimeUnit.SECONDS));

        pg.stop();
        assertThrows(JobsUnavailableException.class, () -> jobs.status(id));
        Thread.sleep(1500);   // workers finish their chunks and hold the audio, backing off
        pg.startServer();

        JobStatus done = jobs.await(id, Duration.ofSeconds(90));
        assertEquals(JobState.SUCCEEDED, done.state(), done.toString());
        assertArrayEquals(Expected.output(chunks, 120, Set.of()), Files.readAllBytes(out), "nothing lost");
        Map<String, Integer> counts = LoggedProvider.counts(log);
        assertEquals(new HashSet<>(chunks), counts.keySet());
        assertTrue(counts.values().stream().allMatch(n -> n == 1), "no chunk paid twice: " + counts.values());
    }

    @Test
    void anUnreachableDatabaseAtSubmitIsATypedErrorAndStoresNothing() throws Exception {
        String url = pg.newDatabase();
        TtsClient client = keep(TtsClient.builder().provider(new LoggedProvider(dir.resolve("calls.log"), 0)).build());
        SpeechJobs jobs = keep(SpeechJobs.builder().client(client).jdbcUrl(url, null, null).workers(0)
                .connectTimeout(Duration.ofMillis(500)).build());
        pg.stop();
        JobsUnavailableException e = assertThrows(JobsUnavailableException.class,
                () -> jobs.submit(JobRequest.builder().text(LoggedProvider.text(3)).build()));
        assertTrue(e.retryable());
        pg.startServer();
        // Pooled connections that died with the server fail once more, as the same typed, retryable
        // error; a caller retries, as this loop does, until the pool has fresh ones.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                assertEquals(0, jobs.list(JobFilter.ALL).size());
                break;
            } catch (JobsUnavailableException stale) {
                assertTrue(stale.retryable());
                if (System.nanoTime() > until) throw stale;
                Thread.sleep(100);
            }
        }
    }
}
