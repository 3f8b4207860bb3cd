package dev.ttskit.jobs;

import dev.ttskit.TtsClient;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.audio.WavInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Replicate-backed chunk whose worker JVM dies after the prediction was created: on resume the
 * prediction is fetched, never created again; and a cancelled job cancels the prediction it left.
 */
class ReplicateResumeTest {
    @TempDir
    Path dir;

    private ReplicateMock replicate;
    private String url;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        replicate = new ReplicateMock();
        url = "jdbc:h2:file:" + dir.resolve("jobs").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
        replicate.close();
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    /** Starts a worker JVM on Replicate, submits a one-chunk job and kills the worker once the prediction id is stored. */
    private JobId interruptedJob(SpeechJobs observer, Path out) throws Exception {
        Jvm worker = keep(Jvm.worker(url, dir.resolve("unused.log"), 0, 1, 2000, dir.resolve("worker.out"), replicate.base()));
        JobRequest.Builder b = JobRequest.builder().text("One short sentence for Replicate.").format(ReplicateMock.FORMAT);
        if (out != null) b.output(out);
        JobId id = observer.submit(b.build());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (checkpoint(id).isEmpty() || replicate.count("GET /v1/predictions/p1") == 0) {
            if (System.nanoTime() > deadline) throw new AssertionError("the worker never created its prediction: " + replicate.requests);
            Thread.sleep(20);
        }
        worker.kill();
        assertEquals("replicate.prediction=p1\n", checkpoint(id));
        assertEquals(1, replicate.count("POST /v1/predictions"));
        return id;
    }

    @Test
    void onResumeTheStoredPredictionIsFetchedAndNoneIsCreated() throws Exception {
        TtsClient observerClient = keep(ReplicateMock.client(replicate.base()));
        SpeechJobs observer = keep(SpeechJobs.builder().client(observerClient).jdbcUrl(url, null, null).workers(0).build());
        Path out = dir.resolve("replicate.wav");
        JobId id = interruptedJob(observer, out);

        replicate.finish();
        TtsClient client = keep(ReplicateMock.client(replicate.base()));
        SpeechJobs jobs = keep(SpeechJobs.builder().client(client).jdbcUrl(url, null, null).workers(1)
                .pollInterval(Duration.ofMillis(100)).deadWorkerAfter(Duration.ofSeconds(2)).build());
        JobStatus done = jobs.await(id, Duration.ofSeconds(60));

        assertEquals(JobState.SUCCEEDED, done.state(), done.toString());
        assertEquals(1, replicate.count("POST /v1/predictions"), "zero new predictions on resume: " + replicate.requests);
        assertTrue(replicate.count("GET /files/p1.wav") >= 1, "the stored prediction's result was fetched");
        assertEquals("replicate", done.chunks().get(0).provider().orElseThrow());
        byte[] written = Files.readAllBytes(out);
        WavInfo got = WavCodec.readInfo(written);
        WavInfo served = WavCodec.readInfo(ReplicateMock.AUDIO);
        assertArrayEquals(Arrays.copyOfRange(ReplicateMock.AUDIO, served.dataOffset(), served.dataOffset() + served.dataLength()),
                Arrays.copyOfRange(written, got.dataOffset(), got.dataOffset() + got.dataLength()));
        assertEquals("", checkpoint(id), "the note is dropped once the audio is safe");
    }

    @Test
    void cancellingAJobCancelsThePredictionItsDeadWorkerLeft() throws Exception {
        TtsClient observerClient = keep(ReplicateMock.client(replicate.base()));
        SpeechJobs observer = keep(SpeechJobs.builder().client(observerClient).jdbcUrl(url, null, null).workers(0).build());
        JobId id = interruptedJob(observer, null);

        JobStatus cancelled = observer.cancel(id);

        assertEquals(JobState.CANCELLED, cancelled.state());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (replicate.count("POST /v1/predictions/p1/cancel") == 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(1, replicate.count("POST /v1/predictions/p1/cancel"), replicate.requests.toString());
        assertEquals(1, replicate.count("POST /v1/predictions"));
    }

    @Test
    void cancellingARunningJobStopsItsPrediction() throws Exception {
        TtsClient client = keep(ReplicateMock.client(replicate.base()));
        SpeechJobs jobs = keep(SpeechJobs.builder().client(client).jdbcUrl(url, null, null).workers(1)
                .pollInterval(Duration.ofMillis(50)).build());
        JobId id = jobs.submit(JobRequest.builder().text("Another short sentence.").format(ReplicateMock.FORMAT).build());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (replicate.count("GET /v1/predictions/p1") == 0 && System.nanoTime() < deadline) Thread.sleep(20);

        assertEquals(JobState.CANCELLED, jobs.cancel(id).state());
        while (replicate.count("POST /v1/predictions/p1/cancel") == 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(replicate.count("POST /v1/predictions/p1/cancel") >= 1, replicate.requests.toString());
        assertEquals(JobState.CANCELLED, jobs.await(id, Duration.ofMillis(300)).state());
    }

    /** The chunk's stored notes ("" when none). */
    private String checkpoint(JobId id) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("SELECT checkpoint FROM ttskit_job_chunk WHERE job_id = ? AND seq = 0")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return "";
                String v = rs.getString(1);
                return v == null ? "" : v;
            }
        }
    }
}
