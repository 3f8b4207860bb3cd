package dev.ttskit.jobs;

import dev.ttskit.AudioStream;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.Voice;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a chunk's audio is stored, as the provider sees it: each provider call reads how many
 * chunks the database has done at that moment. A chunk that took at least the group-commit limit
 * is stored before the next is spoken; faster ones are stored together. On an H2 file and on
 * PostgreSQL.
 */
class GroupCommitTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int CHUNKS = 10;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    private String url = "";

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aChunkSlowerThanTheLimitIsStoredBeforeTheNextIsSpoken(String database) throws Exception {
        // 30 ms a chunk against a 5 ms limit: every chunk is its own commit.
        List<Integer> doneSeen = run(database, 30, Duration.ofMillis(5));
        for (int i = 0; i < CHUNKS; i++) assertEquals(i, doneSeen.get(i), "call " + i + " saw the chunks before it done: " + doneSeen);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void chunksFasterThanTheLimitAreStoredTogether(String database) throws Exception {
        // Instant chunks against a 10 s limit: stored together at the end of the run, or when the job's
        // progress is tallied (every 250 ms while a run goes on), not one by one.
        List<Integer> doneSeen = run(database, 0, Duration.ofSeconds(10));
        boolean waiting = false;
        for (int i = 0; i < CHUNKS; i++) waiting |= doneSeen.get(i) < i;
        assertTrue(waiting, "some call finds chunks before it spoken but not stored yet: " + doneSeen);
    }

    @Test
    void aZeroLimitStoresEveryChunkOnItsOwn() throws Exception {
        List<Integer> doneSeen = run("h2", 0, Duration.ZERO);
        for (int i = 0; i < CHUNKS; i++) assertEquals(i, doneSeen.get(i), doneSeen.toString());
    }

    @Test
    void theLimitIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> SpeechJobs.builder().groupCommitLimit(Duration.ofMillis(-1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpeechJobs.builder().groupCommitLimit(Duration.ofSeconds(11)));
        assertEquals("groupCommitLimit must be 0..10s, was PT11S", e.getMessage());
    }

    /** One job of {@link #CHUNKS} chunks in one execution; what each provider call saw done, in text order. */
    private List<Integer> run(String database, long delayMillis, Duration limit) throws Exception {
        url = database.equals("h2") ? "jdbc:h2:file:" + dir.resolve("jobs").toAbsolutePath() : Postgres.shared().newDatabase();
        Path log = dir.resolve("calls.log");
        Connection watch = DriverManager.getConnection(url);
        open.add(watch);
        Watching provider = new Watching(new LoggedProvider(log, delayMillis), watch);
        TtsClient client = TtsClient.builder().provider(provider).build();
        open.add(client);
        String text = LoggedProvider.text(CHUNKS);
        List<String> chunks = Expected.chunks(client, text);
        assertEquals(CHUNKS, chunks.size());
        SpeechJobs jobs = SpeechJobs.builder().client(client).jdbcUrl(url, null, null).workers(1).chunksPerExecution(CHUNKS)
                .groupCommitLimit(limit).pollInterval(Duration.ofMillis(50)).build();
        open.add(jobs);
        Path out = dir.resolve("out.wav");
        JobStatus s = jobs.await(jobs.submit(JobRequest.builder().text(text).format(LoggedProvider.FORMAT).output(out).build()), WAIT);
        assertEquals(JobState.SUCCEEDED, s.state(), s.toString());
        assertArrayEquals(Expected.output(chunks, 120, Set.of()), Files.readAllBytes(out));
        assertEquals(CHUNKS, provider.doneSeen.size(), "each chunk spoken once");
        return List.copyOf(provider.doneSeen);
    }

    /** Reads the chunks done in the database at the start of every call, then speaks as {@link LoggedProvider}. */
    private final class Watching implements TtsProvider {
        private final LoggedProvider inner;
        private final Connection watch;
        final List<Integer> doneSeen = new CopyOnWriteArrayList<>();

        /** {@code watch}: a connection of its own, opened once, so that looking costs little time. */
        Watching(LoggedProvider inner, Connection watch) {
            this.inner = inner;
            this.watch = watch;
        }

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public ProviderCapabilities capabilities() {
            return inner.capabilities();
        }

        @Override
        public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
            try (Statement st = watch.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM ttskit_job_chunk WHERE state = 'DONE'")) {
                rs.next();
                doneSeen.add(rs.getInt(1));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return inner.synthesize(request, ctx);
        }

        @Override
        public AudioStream stream(ProviderRequest request, CallContext ctx) {
            return inner.stream(request, ctx);
        }

        @Override
        public List<Voice> voices(CallContext ctx) {
            return inner.voices(ctx);
        }

        @Override
        public void close() {
        }
    }
}
