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

/**
 * Two executions of one range storing at once (one revived while the other still ran): a chunk the
 * other stored first is left to it, and the rest of this group is stored, not spoken again.
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
        try (Connection other = ds.getConnection(); Connection mine = ds.getConnection()) {
            other.setAutoCommit(false);
            mine.setAutoCommit(false);
            // The other execution stores chunk 1 and has not committed when this one looks for rows.
            assertEquals(1, store.complete(other, JOB, List.of(done(1)), Instant.now()));
            CompletableFuture<Integer> stored = CompletableFuture.supplyAsync(() -> {
                try {
                    int count = store.complete(mine, JOB, List.of(done(0), done(1), done(2)), Instant.now());
                    mine.commit();
                    return count;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            // This one's insert waits on the other's row; the other commits, and this one's batch meets its key.
            Thread.sleep(300);
            other.commit();
            assertEquals(3, stored.get(30, TimeUnit.SECONDS), "chunks 0 and 2 counted here, chunk 1 there");
        }
        try (Connection c = ds.getConnection()) {
            assertEquals(List.of(0, 1, 2), rows(c));
            try (AudioStore.Reader r = AudioStore.database().open(c, JOB)) {
                for (int seq = 0; seq < 3; seq++) assertArrayEquals(done(seq).audio(), r.read(seq), "chunk " + seq);
            }
        }
    }

    private static List<Integer> rows(Connection c) throws SQLException {
        List<Integer> seqs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM ttskit_job_chunk WHERE job_id = ? ORDER BY seq")) {
            ps.setString(1, JOB);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) seqs.add(rs.getInt(1));
            }
        }
        return seqs;
    }
}
