package dev.ttskit.jobs;

import dev.ttskit.AudioStream;
import dev.ttskit.LongTextPolicy;
import dev.ttskit.ProgressListener;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.Voice;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.audio.WavInfo;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a job carries besides voice, language and format, how its chunks are joined, and several
 * chunks taken by one execution, on an H2 file.
 */
class JobSettingsAndJoinTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AudioFormat FORMAT = LoggedProvider.FORMAT;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("jobs").toAbsolutePath();
    }

    @Test
    void everyChunkIsSpokenWithTheRequestsSettingsOnlyByTheProvidersItPrefers() throws Exception {
        Recording first = new Recording("first");
        Recording second = new Recording("second");
        TtsClient client = keep(TtsClient.builder().provider(first).provider(second).build());
        SpeechJobs jobs = keep(SpeechJobs.builder().client(client).jdbcUrl(url(), null, null).workers(2)
                .pollInterval(Duration.ofMillis(50)).build());
        String text = LoggedProvider.text(10);
        Path out = dir.resolve("settings.wav");

        JobId id = jobs.submit(JobRequest.builder().text(text).format(FORMAT).language("en").speed(1.25).seed(42)
                .option("second.style", 3).option("stability", 0.5).option("tag", "a b=c&d").option("exact", new BigDecimal("0.10"))
                .option("loud", true).option("big", 5_000_000_000L).timeout(Duration.ofSeconds(40)).providers(List.of("second"))
                .output(out).build());
        JobStatus s = jobs.await(id, WAIT);

        assertEquals(JobState.SUCCEEDED, s.state(), s.toString());
        assertTrue(first.calls.isEmpty(), "the preferred provider alone is asked: " + first.calls.size());
        assertEquals(s.chunksTotal(), second.calls.size());
        for (ProviderRequest r : second.calls) {
            assertEquals(1.25, r.speed().orElseThrow());
            assertEquals(42L, r.seed().orElseThrow());
            assertEquals("en", r.language().orElseThrow());
            // Each option comes back as the type it was given: adapters read them by type.
            assertEquals(3, assertInstanceOf(Integer.class, r.options().get("style")));
            assertEquals(0.5, assertInstanceOf(Double.class, r.options().get("stability")));
            assertEquals("a b=c&d", r.options().get("tag"));
            assertEquals(new BigDecimal("0.10"), r.options().get("exact"));
            assertEquals(Boolean.TRUE, r.options().get("loud"));
            assertEquals(5_000_000_000L, assertInstanceOf(Long.class, r.options().get("big")));
        }
        assertTrue(s.chunks().stream().allMatch(c -> c.provider().orElseThrow().equals("second")));
    }

    @Test
    void anOptionAJobCannotKeepIsRefusedWhenTheRequestIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobRequest.builder().text("Hello there.").option("n", new java.util.concurrent.atomic.AtomicInteger(1)));
        assertTrue(e.getMessage().contains("n"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JobRequest.builder().speed(0));
        assertThrows(IllegalArgumentException.class, () -> JobRequest.builder().seed(-1));
        assertThrows(IllegalArgumentException.class, () -> JobRequest.builder().providers(List.of("a,b")));
    }

    @Test
    void aCrossfadeJoinsChunksSampleForSampleAsSynthesizeLongDoes() throws Exception {
        Path log = dir.resolve("calls.log");
        TtsClient client = keep(TtsClient.builder().provider(new LoggedProvider(log, 0))
                .longText(LongTextPolicy.builder().crossfade(Duration.ofMillis(30)).build()).build());
        SpeechJobs jobs = keep(SpeechJobs.builder().client(client).jdbcUrl(url(), null, null).workers(2)
                .pollInterval(Duration.ofMillis(50)).crossfade(Duration.ofMillis(30)).chunksPerExecution(3).build());
        String text = LoggedProvider.text(9);
        Path out = dir.resolve("crossfade.wav");

        JobId id = jobs.submit(JobRequest.builder().text(text).format(FORMAT).output(out).build());
        assertEquals(JobState.SUCCEEDED, jobs.await(id, WAIT).state());

        byte[] job = Files.readAllBytes(out);
        byte[] reference = client.synthesizeLong(SpeechRequest.builder().text(text).format(FORMAT).build(), ProgressListener.NONE)
                .result().audioBytes();
        assertArrayEquals(reference, job, "the same joins as synthesizeLong");

        // And not a gap in disguise: each join overlaps 30 ms (480 frames at 16 kHz) of both neighbours.
        List<String> chunks = Expected.chunks(client, text);
        long frames = 0;
        for (String chunk : chunks) frames += WavCodec.readInfo(LoggedProvider.audioFor(chunk, FORMAT)).dataLength() / 2;
        WavInfo info = WavCodec.readInfo(job);
        assertEquals((frames - 480L * (chunks.size() - 1)) * 2, info.dataLength());
        byte[] plain = Expected.output(chunks, 0, Set.of());
        assertFalse(java.util.Arrays.equals(plain, job));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void eachJobJoinsItsChunksItsOwnWayAndItsStatusSaysHow(String database) throws Exception {
        String url = database.equals("h2") ? url() : Postgres.shared().newDatabase();
        Path log = dir.resolve("calls.log");
        TtsClient client = keep(TtsClient.builder().provider(new LoggedProvider(log, 0))
                .longText(LongTextPolicy.builder().crossfade(Duration.ofMillis(30)).build()).build());
        // The instance's join is a 120 ms gap; the jobs ask for something else, each for itself.
        SpeechJobs jobs = keep(SpeechJobs.builder().client(client).jdbcUrl(url, null, null).workers(2)
                .pollInterval(Duration.ofMillis(50)).chunksPerExecution(3).build());
        String text = LoggedProvider.text(9);
        List<String> chunks = Expected.chunks(client, text);
        Path faded = dir.resolve("faded.wav");
        Path spaced = dir.resolve("spaced.wav");
        Path plain = dir.resolve("plain.wav");

        JobId fade = jobs.submit(JobRequest.builder().text(text).format(FORMAT).output(faded).crossfade(Duration.ofMillis(30))
                .voice("narrator").language("en").providers(List.of("logged")).priority(7).build());
        JobId gap = jobs.submit(JobRequest.builder().text(text).format(FORMAT).output(spaced).gap(Duration.ofMillis(40)).build());
        JobId neither = jobs.submit(JobRequest.builder().text(text).format(FORMAT).output(plain).build());
        JobStatus fs = jobs.await(fade, WAIT);
        assertEquals(JobState.SUCCEEDED, fs.state(), fs.toString());
        assertEquals(JobState.SUCCEEDED, jobs.await(gap, WAIT).state());
        assertEquals(JobState.SUCCEEDED, jobs.await(neither, WAIT).state());

        byte[] reference = client.synthesizeLong(SpeechRequest.builder().text(text).format(FORMAT).build(), ProgressListener.NONE)
                .result().audioBytes();
        assertArrayEquals(reference, Files.readAllBytes(faded), "the job's own crossfade, as synthesizeLong joins");
        assertArrayEquals(Expected.output(chunks, 40, Set.of()), Files.readAllBytes(spaced), "the job's own gap");
        assertArrayEquals(Expected.output(chunks, 120, Set.of()), Files.readAllBytes(plain), "the instance's gap");

        assertEquals(Duration.ofMillis(30), fs.crossfade());
        assertEquals(Duration.ZERO, fs.gap());
        assertEquals("narrator", fs.voice().orElseThrow());
        assertEquals("en", fs.language().orElseThrow());
        assertEquals(List.of("logged"), fs.providers());
        assertEquals(7, fs.priority());
        assertEquals(FORMAT, fs.format());
        JobStatus gs = jobs.list(JobFilter.ALL).stream().filter(j -> j.id().equals(gap)).findFirst().orElseThrow();
        assertEquals(Duration.ofMillis(40), gs.gap(), "list reports the settings too");
        assertEquals(Duration.ZERO, gs.crossfade());
        JobStatus ns = jobs.status(neither);
        assertEquals(Duration.ofMillis(120), ns.gap());
        assertTrue(ns.voice().isEmpty() && ns.language().isEmpty() && ns.providers().isEmpty());
    }

    @Test
    void aJobsJoinIsCheckedWhenTheRequestIsBuiltAndAtSubmission() {
        assertThrows(IllegalArgumentException.class, () -> JobRequest.builder().gap(Duration.ofMillis(2001)));
        assertThrows(IllegalArgumentException.class, () -> JobRequest.builder().gap(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> JobRequest.builder().crossfade(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> JobRequest.builder().crossfade(Duration.ofMillis(501)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobRequest.builder().gap(Duration.ofNanos(1_500_000)));
        assertTrue(e.getMessage().contains("gap"), e.getMessage());
        JobRequest r = JobRequest.builder().text("Hi there.").gap(Duration.ofMillis(10)).crossfade(Duration.ofMillis(20)).build();
        assertTrue(r.gap().isEmpty(), "the later join wins");
        assertEquals(Duration.ofMillis(20), r.crossfade().orElseThrow());
        assertEquals(Duration.ofMillis(10), r.toBuilder().gap(Duration.ofMillis(10)).build().gap().orElseThrow());

        TtsClient client = keep(TtsClient.builder().provider(new LoggedProvider(dir.resolve("calls.log"), 0)).build());
        SpeechJobs jobs = keep(SpeechJobs.builder().client(client).jdbcUrl(url(), null, null).workers(0).build());
        UnsupportedRequestException u = assertThrows(UnsupportedRequestException.class, () -> jobs.submit(JobRequest.builder()
                .text("Hello there.").format(AudioFormat.MP3_44K_128).crossfade(Duration.ofMillis(20)).build()));
        assertTrue(u.getMessage().contains("crossfade"), u.getMessage());
        assertTrue(jobs.list(JobFilter.ALL).isEmpty(), "nothing stored");
    }

    @Test
    void aCrossfadeOnMp3IsRefusedAtSubmission() {
        TtsClient client = keep(TtsClient.builder().provider(new LoggedProvider(dir.resolve("calls.log"), 0)).build());
        SpeechJobs jobs = keep(SpeechJobs.builder().client(client).jdbcUrl(url(), null, null).workers(0)
                .crossfade(Duration.ofMillis(20)).build());
        UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                () -> jobs.submit(JobRequest.builder().text("Hello there.").format(AudioFormat.MP3_44K_128).build()));
        assertTrue(e.getMessage().contains("crossfade"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpeechJobs.builder().crossfade(Duration.ofMillis(501)));
    }

    @Test
    void oneExecutionSpeaksSeveralChunksEachStoredOnceInTextOrder() throws Exception {
        Path log = dir.resolve("calls.log");
        TtsClient client = keep(TtsClient.builder().provider(new LoggedProvider(log, 0)).build());
        String text = LoggedProvider.text(26);
        List<String> chunks = Expected.chunks(client, text);
        Path out = dir.resolve("batched.wav");
        JobId id;
        try (SpeechJobs submitter = SpeechJobs.builder().client(client).jdbcUrl(url(), null, null).workers(0).chunksPerExecution(8).build()) {
            id = submitter.submit(JobRequest.builder().text(text).format(FORMAT).output(out).build());
        }
        // 26 chunks, 8 to an execution: executions from chunks 0, 8, 16 and 24.
        assertEquals(List.of(id.value() + ":0:0", id.value() + ":16:0", id.value() + ":24:0", id.value() + ":8:0"),
                strings("SELECT task_instance FROM ttskit_scheduled_tasks ORDER BY task_instance"));

        List<Integer> progress = new CopyOnWriteArrayList<>();
        SpeechJobs jobs = keep(SpeechJobs.builder().client(client).jdbcUrl(url(), null, null).workers(2)
                .pollInterval(Duration.ofMillis(50)).listener((j, p, done, total) -> progress.add(p)).build());
        JobStatus s = jobs.await(id, WAIT);

        assertEquals(JobState.SUCCEEDED, s.state(), s.toString());
        assertArrayEquals(Expected.output(chunks, 120, Set.of()), Files.readAllBytes(out));
        Map<String, Integer> counts = LoggedProvider.counts(log);
        assertEquals(chunks.size(), counts.size());
        assertTrue(counts.values().stream().allMatch(n -> n == 1), "every chunk spoken exactly once: " + counts.values());
        assertTrue(s.chunks().stream().allMatch(c -> c.attempts() == 1), "one attempt each");
        for (int i = 1; i < progress.size(); i++) assertTrue(progress.get(i) >= progress.get(i - 1), "monotonic: " + progress);
        assertEquals(100, progress.get(progress.size() - 1));
        // The chunk audio is dropped after the job has SUCCEEDED, by an execution of its own.
        long until = System.nanoTime() + WAIT.toNanos();
        while (!strings("SELECT DISTINCT job_id FROM ttskit_job_audio").isEmpty() && System.nanoTime() < until) Thread.sleep(20);
        assertEquals(List.of(), strings("SELECT DISTINCT job_id FROM ttskit_job_audio"), "audio dropped once written");
    }

    private List<String> strings(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url()); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) out.add(rs.getString(1));
            return out;
        }
    }

    /** Speaks as {@link LoggedProvider} does and keeps every request it was given. */
    private static final class Recording implements TtsProvider {
        private final String id;
        final List<ProviderRequest> calls = new CopyOnWriteArrayList<>();

        Recording(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public ProviderCapabilities capabilities() {
            return ProviderCapabilities.builder().formats(FORMAT).local(true).maxChars(60).maxUtf8Bytes(240).maxConcurrentCalls(8).build();
        }

        @Override
        public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
            calls.add(request);
            return SpeechResult.builder().audio(LoggedProvider.audioFor(request.text(), request.format())).format(request.format())
                    .provider(id).build();
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
