package dev.ttskit.jobs;

import dev.ttskit.ErrorCategory;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.TtsClient;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One instance on an H2 file: the whole life of a job, its failures and every bad input. */
class SpeechJobsH2Test {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path log;
    private String url;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void setUp() {
        log = dir.resolve("calls.log");
        url = "jdbc:h2:file:" + dir.resolve("jobs").toAbsolutePath();
    }

    @AfterEach
    void tearDown() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) c.close();
    }

    private TtsClient client(long delayMillis, Predicate<String> failing) {
        TtsClient c = TtsClient.builder().provider(new LoggedProvider(log, delayMillis, 60, failing))
                .voice("narrator", v -> v.on("logged", "narrator")).build();
        open.add(c);
        return c;
    }

    private SpeechJobs jobs(TtsClient client, Consumer<SpeechJobs.Builder> tune) {
        SpeechJobs.Builder b = SpeechJobs.builder().client(client).jdbcUrl(url, null, null).workers(2)
                .pollInterval(Duration.ofMillis(50)).retryBackoff(Duration.ofMillis(50));
        tune.accept(b);
        SpeechJobs j = b.build();
        open.add(j);
        return j;
    }

    @Test
    void statusShowsAsRunningTheChunksAPickedExecutionCoversAndNoOthers() throws Exception {
        TtsClient client = client(150, t -> false);
        SpeechJobs jobs = jobs(client, b -> b.workers(1).chunksPerExecution(4));
        JobId id = jobs.submit(JobRequest.builder().text(LoggedProvider.text(8)).format(LoggedProvider.FORMAT)
                .output(dir.resolve("running.wav")).build());
        long until = System.nanoTime() + WAIT.toNanos();
        List<Integer> running = List.of();
        JobStatus s = jobs.status(id);
        while (running.isEmpty() && System.nanoTime() < until) {
            s = jobs.status(id);
            running = s.chunks().stream().filter(c -> c.state() == ChunkState.RUNNING).map(ChunkStatus::index).toList();
        }
        assertFalse(running.isEmpty(), "a chunk shows as running while it is spoken: " + s.chunks());
        // One worker, four chunks an execution: what runs lies in one execution's range, everything unfinished beyond it waits.
        int first = running.get(0) / 4 * 4;
        for (ChunkStatus c : s.chunks()) {
            boolean inRange = c.index() >= first && c.index() < first + 4;
            if (c.state() == ChunkState.RUNNING) assertTrue(inRange, "running outside the picked range: " + s.chunks());
            if (inRange) assertTrue(c.state() == ChunkState.RUNNING || c.state() == ChunkState.DONE, "in the picked range: " + s.chunks());
            else if (c.index() >= first + 4) assertEquals(ChunkState.PENDING, c.state(), "beyond the picked range: " + s.chunks());
        }
        JobStatus done = jobs.await(id, WAIT);
        assertEquals(JobState.SUCCEEDED, done.state());
        assertTrue(done.chunks().stream().allMatch(c -> c.state() == ChunkState.DONE), done.chunks().toString());
    }

    @Test
    void anAssemblyThatFailsWhereTheLastChunkWasStoredIsLeftToItsExecutionAndFinishesLater() throws Exception {
        TtsClient client = client(100, t -> false);
        // Far beyond the wait below: what finishes the job is the failed execution tried again, not one revived as dead.
        SpeechJobs jobs = jobs(client, b -> b.workers(1).deadWorkerAfter(Duration.ofMinutes(10)));
        Path folder = Files.createDirectories(dir.resolve("out"));
        Path out = folder.resolve("later.wav");
        String text = LoggedProvider.text(3);
        JobId id = jobs.submit(JobRequest.builder().text(text).format(LoggedProvider.FORMAT).output(out).build());
        // The output's folder turns into a file while the chunks are spoken: writing the output fails.
        Files.delete(folder);
        Files.write(folder, new byte[] {1});

        long until = System.nanoTime() + WAIT.toNanos();
        JobStatus s = jobs.status(id);
        while (s.chunksDone() < s.chunksTotal() && System.nanoTime() < until) {
            Thread.sleep(20);
            s = jobs.status(id);
        }
        assertEquals(s.chunksTotal(), s.chunksDone(), "every chunk stored");
        Thread.sleep(300);
        assertEquals(JobState.RUNNING, jobs.status(id).state(), "not finished while its output cannot be written");

        Files.delete(folder);
        Files.createDirectories(folder);
        JobStatus done = jobs.await(id, WAIT);
        assertEquals(JobState.SUCCEEDED, done.state(), done.toString());
        List<String> chunks = Expected.chunks(client, text);
        assertArrayEquals(Expected.output(chunks, 120, Set.of()), Files.readAllBytes(out));
        assertTrue(LoggedProvider.counts(log).values().stream().allMatch(n -> n == 1), "no chunk spoken again");
    }

    @Test
    void aJobIsSpokenOnceChunkByChunkAndAssembledIntoTheOutput() throws Exception {
        TtsClient client = client(0, t -> false);
        List<Integer> progress = Collections.synchronizedList(new ArrayList<>());
        SpeechJobs jobs = jobs(client, b -> b.listener((id, percent, done, total) -> progress.add(percent)));
        String text = LoggedProvider.text(40);
        Path out = dir.resolve("book.wav");

        JobId id = jobs.submit(JobRequest.builder().text(text).voice("narrator").format(LoggedProvider.FORMAT).output(out).build());
        JobStatus s = jobs.await(id, WAIT);

        List<String> chunks = Expected.chunks(client, text);
        assertEquals(JobState.SUCCEEDED, s.state());
        assertEquals(100, s.progress());
        assertEquals(chunks.size(), s.chunksTotal());
        assertEquals(chunks.size(), s.chunksDone());
        assertTrue(chunks.size() >= 20, "a long text makes many chunks: " + chunks.size());
        assertTrue(s.chunks().stream().allMatch(c -> c.state() == ChunkState.DONE && c.provider().equals(java.util.Optional.of("logged"))));
        assertArrayEquals(Expected.output(chunks, 120, Set.of()), Files.readAllBytes(out));
        Map<String, Integer> counts = LoggedProvider.counts(log);
        assertEquals(chunks.size(), counts.size());
        assertTrue(counts.values().stream().allMatch(n -> n == 1), "every chunk spoken exactly once: " + counts.values());
        // Progress only grows, and 100 comes once, last.
        List<Integer> seen = List.copyOf(progress);
        for (int i = 1; i < seen.size(); i++) assertTrue(seen.get(i) >= seen.get(i - 1), "monotonic: " + seen);
        assertEquals(1, seen.stream().filter(p -> p == 100).count(), "100 exactly once: " + seen);
        assertEquals(100, seen.get(seen.size() - 1));
        assertTrue(seen.stream().filter(p -> p < 100).allMatch(p -> p <= 99));
        try (ByteArrayOutputStream copy = new ByteArrayOutputStream()) {
            jobs.transferAudio(id, copy);
            assertArrayEquals(Files.readAllBytes(out), copy.toByteArray());
        }
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file left");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Path plain = Files.write(dir.resolve("plain.bin"), new byte[] {1});
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(out),
                    "the output has the permissions any new file gets here, not a temporary file's owner-only ones");
        }
    }

    @Test
    void withoutAnOutputFileTheAudioStaysInTheDatabaseAndStreamsOut() throws Exception {
        TtsClient client = client(0, t -> false);
        SpeechJobs jobs = jobs(client, b -> b.gap(Duration.ZERO));
        String text = LoggedProvider.text(9);
        JobId id = jobs.submit(JobRequest.builder().text(text).format(LoggedProvider.FORMAT).build());
        assertEquals(JobState.SUCCEEDED, jobs.await(id, WAIT).state());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        jobs.transferAudio(id, out);
        assertArrayEquals(Expected.output(Expected.chunks(client, text), 0, Set.of()), out.toByteArray());
    }

    @Test
    void aDirectoryStoreGivesTheSameOutput() throws Exception {
        TtsClient client = client(0, t -> false);
        Path store = dir.resolve("chunks");
        SpeechJobs jobs = jobs(client, b -> b.chunkStorage(ChunkStorage.directory(store)));
        String text = LoggedProvider.text(12);
        Path out = dir.resolve("dir.wav");
        JobId id = jobs.submit(JobRequest.builder().text(text).format(LoggedProvider.FORMAT).output(out).build());
        assertEquals(JobState.SUCCEEDED, jobs.await(id, WAIT).state());
        assertArrayEquals(Expected.output(Expected.chunks(client, text), 120, Set.of()), Files.readAllBytes(out));
        // Dropped after the job has SUCCEEDED, by an execution of its own.
        long until = System.nanoTime() + WAIT.toNanos();
        while (Files.exists(store.resolve(id.value())) && System.nanoTime() < until) Thread.sleep(20);
        assertFalse(Files.exists(store.resolve(id.value())), "chunk files are dropped once the output is written");
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameJob() {
        TtsClient client = client(0, t -> false);
        SpeechJobs jobs = jobs(client, b -> b.workers(0));
        JobRequest request = JobRequest.builder().text(LoggedProvider.text(4)).idempotencyKey("brief-2026-12-02").build();
        JobId first = jobs.submit(request);
        JobId second = jobs.submit(request.toBuilder().text("A different text, same key.").build());
        assertEquals(first, second);
        assertEquals(1, jobs.list(JobFilter.ALL).size());
        assertEquals(JobState.QUEUED, jobs.status(first).state());
    }

    @Test
    void aChunkThatFailsForGoodFailsTheJobWithItsTypedErrorAndTheJobCanBeResumed() throws Exception {
        AtomicBoolean outage = new AtomicBoolean(true);
        TtsClient client = client(0, t -> outage.get() && t.contains("sentence 7 "));
        SpeechJobs jobs = jobs(client, b -> b.chunkAttempts(2));
        String text = LoggedProvider.text(12);
        Path out = dir.resolve("failed.wav");
        JobId id = jobs.submit(JobRequest.builder().text(text).format(LoggedProvider.FORMAT).output(out).build());

        JobStatus failed = jobs.await(id, WAIT);
        List<String> chunks = Expected.chunks(client, text);
        int bad = indexOf(chunks, "sentence 7 ");
        assertEquals(JobState.FAILED, failed.state());
        assertInstanceOf(ProviderUnavailableException.class, failed.error().orElseThrow());
        assertEquals(ErrorCategory.UNAVAILABLE, failed.error().get().category());
        assertEquals("logged", failed.error().get().provider().orElseThrow());
        assertEquals(bad, failed.failedChunk().orElseThrow());
        assertEquals(ChunkState.FAILED, failed.chunks().get(bad).state());
        assertTrue(failed.progress() < 100);
        assertFalse(Files.exists(out));
        Map<String, Integer> before = LoggedProvider.counts(log);

        outage.set(false);
        JobStatus resumed = jobs.resume(id);
        assertTrue(resumed.error().isEmpty());
        JobStatus done = jobs.await(id, WAIT);
        assertEquals(JobState.SUCCEEDED, done.state());
        assertArrayEquals(Expected.output(chunks, 120, Set.of()), Files.readAllBytes(out));
        Map<String, Integer> after = LoggedProvider.counts(log);
        for (int i = 0; i < chunks.size(); i++) {
            if (failed.chunks().get(i).state() == ChunkState.DONE) {
                assertEquals(before.get(chunks.get(i)), after.get(chunks.get(i)), "chunk " + i + " was done before the resume");
            }
        }
    }

    @Test
    void whenAChunkFailsTheJobTheJobsOtherExecutionStopsAfterItsChunkInFlight() throws Exception {
        TtsClient client = client(150, t -> t.contains("sentence 1 "));
        SpeechJobs jobs = jobs(client, b -> b.chunkAttempts(1).chunksPerExecution(20));
        String text = LoggedProvider.text(40);
        List<String> chunks = Expected.chunks(client, text);
        JobId id = jobs.submit(JobRequest.builder().text(text).format(LoggedProvider.FORMAT).build());

        assertEquals(JobState.FAILED, jobs.await(id, WAIT).state());
        // Two executions of 20 chunks run side by side; the second needs three seconds for all of its
        // chunks, and stops after the one in flight when the first fails the job on its second chunk.
        Thread.sleep(500);
        Map<String, Integer> settled = LoggedProvider.counts(log);
        long second = chunks.subList(20, 40).stream().filter(settled::containsKey).count();
        assertTrue(second < 20, "the other execution stopped early: " + second + " of its 20 chunks spoken");
        Thread.sleep(500);
        assertEquals(settled, LoggedProvider.counts(log), "nothing more is spoken for a failed job");
        JobStatus s = jobs.status(id);
        assertTrue(s.chunks().stream().noneMatch(c -> c.state() == ChunkState.DONE && c.index() >= 20 + second),
                "no chunk after the stop is done");
    }

    @Test
    void byPolicyAChunkThatFailsForGoodIsReplacedBySilenceAndReported() throws Exception {
        TtsClient client = client(0, t -> t.contains("sentence 3 "));
        SpeechJobs jobs = jobs(client, b -> b.chunkAttempts(2).silenceFailedChunks(true));
        String text = LoggedProvider.text(8);
        Path out = dir.resolve("silenced.wav");
        JobId id = jobs.submit(JobRequest.builder().text(text).format(LoggedProvider.FORMAT).output(out).build());
        JobStatus s = jobs.await(id, WAIT);
        List<String> chunks = Expected.chunks(client, text);
        int bad = indexOf(chunks, "sentence 3 ");
        assertEquals(JobState.SUCCEEDED, s.state());
        assertEquals(List.of(bad), s.silencedChunks());
        assertEquals(2, s.chunks().get(bad).attempts());
        assertEquals(ErrorCategory.UNAVAILABLE, s.chunks().get(bad).error().orElseThrow());
        assertArrayEquals(Expected.output(chunks, 120, Set.of(bad)), Files.readAllBytes(out));
    }

    @Test
    void cancellingMidJobStopsTheWorkAndResumeFinishesIt() throws Exception {
        TtsClient client = client(150, t -> false);
        CountDownLatch someDone = new CountDownLatch(3);
        SpeechJobs jobs = jobs(client, b -> b.listener((id, p, done, total) -> someDone.countDown()));
        String text = LoggedProvider.text(30);
        Path out = dir.resolve("cancelled.wav");
        JobId id = jobs.submit(JobRequest.builder().text(text).format(LoggedProvider.FORMAT).output(out).build());
        assertTrue(someDone.await(30, TimeUnit.SECONDS));

        JobStatus cancelled = jobs.cancel(id);
        assertEquals(JobState.CANCELLED, cancelled.state());
        int calls = LoggedProvider.counts(log).values().stream().mapToInt(Integer::intValue).sum();
        List<String> chunks = Expected.chunks(client, text);
        assertTrue(calls < chunks.size(), "cancelled before the end: " + calls + " of " + chunks.size());
        // Nothing more is spoken: the waiting chunks were dropped, the running ones stopped. A worker that
        // had claimed its chunk just before the cancel may still reach the provider once (two workers).
        // (await returns at once for a cancelled job, so the settling is waited for here: the count stays put
        // for 600 ms, four chunks' time, or keeps rising until the 12 s are up when the cancel did not hold.)
        int settled = LoggedProvider.counts(log).values().stream().mapToInt(Integer::intValue).sum();
        for (int i = 0, before = -1; i < 20 && settled != before; i++) {
            before = settled;
            Thread.sleep(600);
            settled = LoggedProvider.counts(log).values().stream().mapToInt(Integer::intValue).sum();
        }
        assertEquals(JobState.CANCELLED, jobs.status(id).state());
        assertTrue(settled - calls <= 2, "at most the two claimed chunks after the cancel: " + calls + " then " + settled);
        Thread.sleep(600);
        assertEquals(settled, LoggedProvider.counts(log).values().stream().mapToInt(Integer::intValue).sum(),
                "nothing is spoken once the cancel has settled");
        assertEquals(0, waitingExecutions(id));
        assertFalse(Files.exists(out));

        jobs.resume(id);
        JobStatus done = jobs.await(id, WAIT);
        assertEquals(JobState.SUCCEEDED, done.state());
        assertArrayEquals(Expected.output(chunks, 120, Set.of()), Files.readAllBytes(out));
        Map<String, Integer> counts = LoggedProvider.counts(log);
        for (int i = 0; i < chunks.size(); i++) {
            if (cancelled.chunks().get(i).state() == ChunkState.DONE) assertEquals(1, counts.get(chunks.get(i)), "chunk " + i);
        }
    }

    @Test
    void badInputIsATypedErrorAtSubmitAndNothingIsStored() throws Exception {
        TtsClient client = client(0, t -> false);
        SpeechJobs jobs = jobs(client, b -> b.workers(0));
        Path out = dir.resolve("ok.wav");
        assertThrows(ValidationException.class, () -> jobs.submit(JobRequest.builder().text("").output(out).build()));
        assertThrows(ValidationException.class, () -> jobs.submit(JobRequest.builder().text(" \n\t  ").output(out).build()));
        assertThrows(UnsupportedRequestException.class,
                () -> jobs.submit(JobRequest.builder().text("Hello there.").voice("nobody-has-this-voice").output(out).build()));
        assertThrows(UnsupportedRequestException.class,
                () -> jobs.submit(JobRequest.builder().text("Hello there.").format(AudioFormat.MP3_44K_128).output(out).build()));
        assertThrows(UnsupportedRequestException.class,
                () -> jobs.submit(JobRequest.builder().text("Hello there.").format(AudioFormat.OPUS_48K_64).output(out).build()));
        assertThrows(ValidationException.class,
                () -> jobs.submit(JobRequest.builder().text("Hello there.").output(dir.resolve("missing/dir/out.wav")).build()));
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThrows(ValidationException.class,
                () -> jobs.submit(JobRequest.builder().text("Hello there.").output(file.resolve("out.wav")).build()));
        assertThrows(ValidationException.class, () -> jobs.submit(JobRequest.builder().text("Hello there.").output(dir).build()));
        assertThrows(ValidationException.class, () -> jobs.submit(JobRequest.builder().file(dir.resolve("no-such.txt")).output(out).build()));
        Path latin1 = Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '.'});
        assertThrows(ValidationException.class, () -> jobs.submit(JobRequest.builder().file(latin1).output(out).build()));
        assertThrows(ValidationException.class, () -> jobs.status(JobId.of("00000000-0000-0000-0000-000000000000")));

        assertEquals(0, jobs.list(JobFilter.ALL).size());
        assertEquals(0, count("SELECT COUNT(*) FROM ttskit_scheduled_tasks"));
        assertEquals(0, count("SELECT COUNT(*) FROM ttskit_job_text"));
        assertEquals(0, count("SELECT COUNT(*) FROM ttskit_job_chunk"));
        assertFalse(Files.exists(out));
        assertEquals(0, LoggedProvider.counts(log).size(), "no provider was paid for bad input");
    }

    @Test
    void aTextFileIsReadAtSubmission() throws Exception {
        TtsClient client = client(0, t -> false);
        SpeechJobs jobs = jobs(client, b -> { });
        String text = LoggedProvider.text(5);
        Path in = Files.writeString(dir.resolve("in.txt"), text);
        Path out = dir.resolve("file.wav");
        JobId id = jobs.submit(JobRequest.builder().file(in).format(LoggedProvider.FORMAT).output(out).build());
        assertEquals(JobState.SUCCEEDED, jobs.await(id, WAIT).state());
        assertArrayEquals(Expected.output(Expected.chunks(client, text), 120, Set.of()), Files.readAllBytes(out));
    }

    @Test
    void anUnreachableDatabaseIsATypedErrorWhenBuilding() {
        TtsClient client = client(0, t -> false);
        JobsUnavailableException e = assertThrows(JobsUnavailableException.class, () -> SpeechJobs.builder().client(client)
                .jdbcUrl("jdbc:postgresql://127.0.0.1:9/none", "u", "secret-password").connectTimeout(Duration.ofMillis(300)).build());
        assertEquals(ErrorCategory.UNAVAILABLE, e.category());
        assertTrue(e.retryable());
        assertFalse(e.getMessage().contains("secret-password"));
    }

    @Test
    void listFiltersByStateNewestFirst() {
        TtsClient client = client(0, t -> false);
        SpeechJobs jobs = jobs(client, b -> b.workers(0));
        JobId a = jobs.submit(JobRequest.builder().text("First job here.").build());
        JobId b = jobs.submit(JobRequest.builder().text("Second job here.").build());
        jobs.cancel(a);
        assertEquals(List.of(b, a), jobs.list(JobFilter.ALL).stream().map(JobStatus::id).toList());
        assertEquals(List.of(a), jobs.list(JobFilter.builder().state(JobState.CANCELLED).build()).stream().map(JobStatus::id).toList());
        assertEquals(List.of(b), jobs.list(JobFilter.builder().state(JobState.QUEUED).limit(5).build()).stream().map(JobStatus::id).toList());
    }

    private static int indexOf(List<String> chunks, String marker) {
        for (int i = 0; i < chunks.size(); i++) if (chunks.get(i).contains(marker)) return i;
        throw new AssertionError("no chunk has " + marker);
    }

    private long waitingExecutions(JobId id) throws Exception {
        return count("SELECT COUNT(*) FROM ttskit_scheduled_tasks WHERE task_instance LIKE '" + id.value() + ":%' AND picked = FALSE");
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
