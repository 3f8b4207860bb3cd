package dev.ttskit.jobs.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.ttskit.jobs.ChunkState;
import dev.ttskit.jobs.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Two executions of one range storing at once (one revived while the other still ran): a chunk the
 * other finished first is left to it, one it left unfinished is finished here, and the rest of this
 * group is stored, not spoken again.
 */
class ConcurrentCompletionTest {
    private static final String JOB = "00000000-0000-0000-0000-000000000002";

    @TempDir
    Path dir;

    private HikariDataSource ds;
    private final JobStore store = new JobStore(AudioStore.database());

    @AfterEach
    void close() {
        if (ds != null) ds.close();
    }

    private void database(String vendor) throws SQLException {
        String url = vendor.equals("h2") ? "jdbc:h2:file:" + dir.resolve("jobs").toAbsolutePath() : Postgres.shared().newDatabase();
        ds = JobsDatabase.pool(url, null, null, 4, Duration.ofSeconds(5));
        JobsDatabase.migrate(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO ttskit_job (id, state, priority, run_no, audio_format, silence_failed, gap_millis, total_chunks, "
                    + "done_chunks, progress, created_at, updated_at) VALUES ('" + JOB + "', 'RUNNING', 0, 0, 'wav_24000', FALSE, 0, 4, 0, 0, "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
    }

    private static JobStore.Completion done(int seq) {
        byte[] audio = new byte[16 + seq];
        audio[0] = (byte) seq;
        return new JobStore.Completion(seq, ChunkState.DONE, "p", audio, audio.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aChunkTheOtherExecutionStoredMeanwhileIsLeftToItAndTheRestIsStored(String vendor) throws Exception {
        database(vendor);
        try (Connection other = ds.getConnection()) {
            other.setAutoCommit(false);
            // The other execution stores chunk 1 and has not committed when this one looks for rows.
            assertEquals(1, store.complete(other, JOB, List.of(done(1)), Instant.now()));
            assertEquals(3, storeMineAfter(other, vendor), "chunks 0 and 2 counted here, chunk 1 there");
        }
        try (Connection c = ds.getConnection()) {
            assertEquals(List.of("0 DONE", "1 DONE", "2 DONE"), rows(c));
            try (AudioStore.Reader r = AudioStore.database().open(c, JOB)) {
                for (int seq = 0; seq < 3; seq++) assertArrayEquals(done(seq).audio(), r.read(seq), "chunk " + seq);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aChunkTheOtherExecutionLeftPendingMeanwhileIsMarkedDoneHere(String vendor) throws Exception {
        database(vendor);
        try (Connection other = ds.getConnection()) {
            other.setAutoCommit(false);
            // The other execution's attempt at chunk 1 failed and is to be tried again: a PENDING row, not yet committed.
            try (Statement st = other.createStatement()) {
                st.executeUpdate("INSERT INTO ttskit_job_chunk (job_id, seq, state, attempts, error_category, error_message) "
                        + "VALUES ('" + JOB + "', 1, 'PENDING', 1, 'UNAVAILABLE', 'HTTP 503')");
            }
            assertEquals(3, storeMineAfter(other, vendor), "all three counted here: the other finished none");
        }
        try (Connection c = ds.getConnection()) {
            assertEquals(List.of("0 DONE", "1 DONE", "2 DONE"), rows(c));
            try (AudioStore.Reader r = AudioStore.database().open(c, JOB)) {
                assertArrayEquals(done(1).audio(), r.read(1), "chunk 1's audio is the one spoken here");
            }
        }
    }

    /**
     * Stores chunks 0 to 2 from a second connection while {@code other} holds its uncommitted rows, commits
     * {@code other} once that store waits on them, and returns the job's count afterwards.
     */
    private int storeMineAfter(Connection other, String vendor) throws Exception {
        try (Connection mine = ds.getConnection()) {
            mine.setAutoCommit(false);
            CompletableFuture<Integer> stored = CompletableFuture.supplyAsync(() -> {
                try {
                    int count = store.complete(mine, JOB, List.of(done(0), done(1), done(2)), Instant.now());
                    mine.commit();
                    return count;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitBlocked(vendor);
            assertFalse(stored.isDone(), "this store waits on the other's row");
            other.commit();
            return stored.get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Until the store's insert waits on the other's row: PostgreSQL reports a lock wait; H2 (which
     * names no blocker) shows the insert still running, and gives up after its lock timeout of a
     * couple of seconds, so the other must commit soon after.
     */
    private void awaitBlocked(String vendor) throws Exception {
        String waiting = vendor.equals("h2")
                ? "SELECT count(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_STATE = 'RUNNING'"
                        + " AND EXECUTING_STATEMENT LIKE 'INSERT INTO ttskit_job_chunk %'"
                : "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'";
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(waiting)) {
                rs.next();
                if (rs.getInt(1) > 0) return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the store never waited on the other transaction's row");
    }

    private static List<String> rows(Connection c) throws SQLException {
        List<String> seqs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, state FROM ttskit_job_chunk WHERE job_id = ? ORDER BY seq")) {
            ps.setString(1, JOB);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) seqs.add(rs.getInt(1) + " " + rs.getString(2));
            }
        }
        return seqs;
    }
}
