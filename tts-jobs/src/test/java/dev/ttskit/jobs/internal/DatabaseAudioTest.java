package dev.ttskit.jobs.internal;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chunk audio stored a row per group of chunks comes back chunk by chunk, whatever the grouping; a damaged row is a typed error. */
class DatabaseAudioTest {
    private static final String JOB = "00000000-0000-0000-0000-000000000001";

    @TempDir
    Path dir;

    private HikariDataSource ds;
    private final AudioStore audio = AudioStore.database();

    @BeforeEach
    void database() throws SQLException {
        ds = JobsDatabase.pool("jdbc:h2:file:" + dir.resolve("audio").toAbsolutePath(), null, null, 2, Duration.ofSeconds(5));
        JobsDatabase.migrate(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO ttskit_job (id, state, priority, run_no, audio_format, silence_failed, gap_millis, total_chunks, "
                    + "done_chunks, progress, created_at, updated_at) VALUES ('" + JOB + "', 'RUNNING', 0, 0, 'wav_24000', FALSE, 0, 5, 0, 0, "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
    }

    @AfterEach
    void close() {
        ds.close();
    }

    private static byte[] chunk(int seq) {
        return ("chunk " + seq + " " + "x".repeat(seq * 7)).getBytes(StandardCharsets.US_ASCII);
    }

    private void store(int... seqs) throws SQLException {
        List<Integer> numbers = java.util.Arrays.stream(seqs).boxed().toList();
        List<byte[]> bytes = numbers.stream().map(DatabaseAudioTest::chunk).toList();
        try (Connection c = ds.getConnection()) {
            audio.store(c, JOB, numbers, bytes);
        }
    }

    private void readsBack(int... seqs) throws SQLException {
        try (Connection c = ds.getConnection(); AudioStore.Reader r = audio.open(c, JOB)) {
            for (int seq : seqs) assertArrayEquals(chunk(seq), r.read(seq), "chunk " + seq);
        }
    }

    @Test
    void groupsOfChunksComeBackOneChunkAtATime() throws SQLException {
        store(0, 1, 2);
        store(3, 4);
        assertEquals(2, rows(), "one row a group");
        readsBack(0, 1, 2, 3, 4);
    }

    @Test
    void groupsWhoseChunksInterleaveAreReadCorrectly() throws SQLException {
        // Two executions of one range at once (one revived while the other still ran) can store 0 and 2 together, 1 alone.
        store(0, 2);
        store(1);
        readsBack(0, 1, 2);
    }

    @Test
    void aChunkWithoutAudioIsATypedErrorNotACrash() throws SQLException {
        store(0);
        try (Connection c = ds.getConnection(); AudioStore.Reader r = audio.open(c, JOB)) {
            SQLException e = assertThrows(SQLException.class, () -> r.read(1));
            assertEquals("02000", e.getSQLState());
            assertTrue(e.getMessage().contains("chunk 1"), e.getMessage());
        }
    }

    @Test
    void aDamagedRowIsATypedErrorNotACrash() throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO ttskit_job_audio (job_id, first_seq, seqs, lengths, audio) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, JOB);
            ps.setInt(2, 0);
            ps.setString(3, "0,1");
            ps.setString(4, "4,400");
            ps.setBytes(5, new byte[8]);
            ps.executeUpdate();
            ps.setInt(2, 2);
            ps.setString(3, "2,3");
            ps.setString(4, "4");
            ps.executeUpdate();
        }
        try (Connection c = ds.getConnection()) {
            SQLException unlisted = assertThrows(SQLException.class, () -> audio.open(c, JOB).close());
            assertTrue(unlisted.getMessage().contains("lists 2 chunks and 1 lengths"), unlisted.getMessage());
        }
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM ttskit_job_audio WHERE first_seq = 2");
        }
        try (Connection c = ds.getConnection(); AudioStore.Reader r = audio.open(c, JOB)) {
            assertEquals(4, r.read(0).length);
            SQLException shorter = assertThrows(SQLException.class, () -> r.read(1));
            assertTrue(shorter.getMessage().contains("shorter than its lengths say"), shorter.getMessage());
        }
    }

    @Test
    void deleteDropsEveryRowOfTheJob() throws SQLException {
        store(0, 1);
        store(2);
        try (Connection c = ds.getConnection()) {
            audio.delete(c, JOB);
        }
        assertEquals(0, rows());
    }

    private int rows() throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM ttskit_job_audio")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
