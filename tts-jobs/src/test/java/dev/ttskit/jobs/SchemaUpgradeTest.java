package dev.ttskit.jobs;

import dev.ttskit.TtsClient;
import dev.ttskit.audio.WavCodec;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A database a version-1 worker left mid-job is upgraded in place, and the job finishes without paying twice. */
class SchemaUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void aJobLeftByVersionOneFinishesAfterTheUpgradeWithItsStoredAudio() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("jobs").toAbsolutePath();
        Flyway.configure().dataSource(url, null, null).locations("classpath:dev/ttskit/jobs/db/h2")
                .table("ttskit_jobs_schema_history").baselineOnMigrate(true).baselineVersion("0").target("1").load().migrate();
        Path log = dir.resolve("calls.log");
        Path out = dir.resolve("upgraded.wav");
        String text = LoggedProvider.text(2);
        try (TtsClient client = TtsClient.builder().provider(new LoggedProvider(log, 0)).build()) {
            List<String> chunks = Expected.chunks(client, text);
            assertEquals(2, chunks.size());
            String id = "11111111-2222-3333-4444-555555555555";
            byte[] first = LoggedProvider.audioFor(chunks.get(0), LoggedProvider.FORMAT);
            // What version 1 left: chunk 0 done with its audio in the old audio table but not yet counted into the
            // job (version 1 tallied after a run of chunks), chunk 1 waiting for its execution.
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ttskit_job (id, idempotency_key, state, priority, run_no, voice, language_tag, audio_format, "
                        + "output_path, silence_failed, gap_millis, total_chunks, done_chunks, progress, created_at, updated_at) VALUES ('"
                        + id + "', NULL, 'RUNNING', 0, 0, NULL, NULL, '" + LoggedProvider.FORMAT.providerName() + "', '" + out
                        + "', FALSE, 120, 2, 0, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO ttskit_job_chunk (job_id, seq, text_value, state, provider, "
                        + "attempts, audio_bytes) VALUES (?, ?, ?, ?, ?, 1, ?)")) {
                    ps.setString(1, id);
                    ps.setInt(2, 0);
                    ps.setString(3, chunks.get(0));
                    ps.setString(4, "DONE");
                    ps.setString(5, "logged");
                    ps.setLong(6, WavCodec.readInfo(first).dataLength());
                    ps.executeUpdate();
                    ps.setInt(2, 1);
                    ps.setString(3, chunks.get(1));
                    ps.setString(4, "PENDING");
                    ps.setString(5, null);
                    ps.setNull(6, java.sql.Types.BIGINT);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO ttskit_job_chunk_audio (job_id, seq, audio) VALUES (?, 0, ?)")) {
                    ps.setString(1, id);
                    ps.setBytes(2, first);
                    ps.executeUpdate();
                }
                st.executeUpdate("INSERT INTO ttskit_scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority) "
                        + "VALUES ('ttskit-chunk', '" + id + ":1:0', CURRENT_TIMESTAMP, FALSE, 1, 0)");
            }

            try (SpeechJobs jobs = SpeechJobs.builder().client(client).jdbcUrl(url, null, null).workers(1)
                    .pollInterval(Duration.ofMillis(50)).build()) {
                JobStatus done = jobs.await(JobId.of(id), Duration.ofSeconds(60));
                assertEquals(JobState.SUCCEEDED, done.state(), done.toString());
            }
            assertArrayEquals(Expected.output(chunks, 120, Set.of()), Files.readAllBytes(out), "chunk 0's stored audio, then chunk 1");
            assertEquals(Map.of(chunks.get(1), 1), LoggedProvider.counts(log), "only the unfinished chunk is spoken");
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'TTSKIT_JOB_CHUNK_AUDIO'")) {
                rs.next();
                assertFalse(rs.getInt(1) > 0, "the old audio table is gone");
            }
        }
    }
}
