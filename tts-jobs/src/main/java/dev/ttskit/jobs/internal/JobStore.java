package dev.ttskit.jobs.internal;

import org.jspecify.annotations.Nullable;
import dev.ttskit.TtsException;
import dev.ttskit.jobs.ChunkState;
import dev.ttskit.jobs.JobState;

import dev.ttskit.audio.AudioFormat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL of ttskit's job tables, one method per step. Each method runs on a connection the caller
 * holds inside its transaction (see {@link Db}); none commits.
 */
public final class JobStore {
    private static final int MESSAGE_LIMIT = 2000;
    private static final String JOB_COLUMNS = "id, idempotency_key, state, priority, voice, language_tag, audio_format, output_path, "
            + "silence_failed, gap_millis, total_chunks, done_chunks, progress, error_category, error_message, error_provider, "
            + "error_request_id, error_chunk, created_at, updated_at, run_no, speed, seed, provider_options, providers, allow_any_voice, "
            + "call_timeout_millis, speaker_reference, crossfade_millis, chunks_per_execution";
    private static final String COMPLETE = "UPDATE ttskit_job_chunk SET state = ?, provider = ?, audio_bytes = ?, "
            + "attempts = attempts + 1, checkpoint = NULL WHERE job_id = ? AND seq = ? AND state NOT IN ('DONE', 'SILENCED')";

    private final AudioStore audio;

    public JobStore(AudioStore audio) {
        this.audio = audio;
    }

    public AudioStore audio() {
        return audio;
    }

    public Optional<String> idForKey(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM ttskit_job WHERE idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public void insert(Connection c, NewJob job, Instant now) throws SQLException {
        SpeechSettings sp = job.speech();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ttskit_job (" + JOB_COLUMNS + ") VALUES "
                + "(?, ?, 'QUEUED', ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, NULL, NULL, NULL, NULL, NULL, ?, ?, 0, "
                + "?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, job.id());
            ps.setString(2, job.idempotencyKey());
            ps.setInt(3, job.priority());
            ps.setString(4, sp.voice());
            ps.setString(5, sp.language());
            ps.setString(6, sp.format().providerName());
            ps.setString(7, job.output());
            ps.setBoolean(8, job.silenceFailed());
            ps.setInt(9, job.join().gapMillis());
            ps.setInt(10, job.chunks().size());
            ps.setObject(11, time(now));
            ps.setObject(12, time(now));
            ps.setObject(13, sp.speed(), Types.DOUBLE);
            ps.setObject(14, sp.seed(), Types.BIGINT);
            ps.setString(15, OptionsCodec.encode(sp.options()));
            ps.setString(16, sp.providersColumn());
            ps.setBoolean(17, sp.allowAnyVoice());
            ps.setObject(18, sp.timeout() == null ? null : sp.timeout().toMillis(), Types.BIGINT);
            ps.setString(19, sp.speakerReference() == null ? null : sp.speakerReference().toString());
            ps.setInt(20, job.join().crossfadeMillis());
            ps.setInt(21, job.chunksPerExecution());
            ps.executeUpdate();
        }
        // The chunks' texts, a row for each execution's range; a chunk gets a row of its own in
        // ttskit_job_chunk only once something happens to it (a note, a failure, its audio).
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ttskit_job_text (job_id, first_seq, lengths, texts) VALUES (?, ?, ?, ?)")) {
            List<String> texts = job.chunks();
            for (int first = 0; first < texts.size(); first += job.chunksPerExecution()) {
                List<String> range = texts.subList(first, Math.min(texts.size(), first + job.chunksPerExecution()));
                ps.setString(1, job.id());
                ps.setInt(2, first);
                ps.setString(3, String.join(",", range.stream().map(t -> Integer.toString(t.length())).toList()));
                ps.setString(4, String.join("", range));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public Optional<JobRow> job(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + JOB_COLUMNS + " FROM ttskit_job WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(jobRow(rs)) : Optional.empty();
            }
        }
    }

    public List<JobRow> list(Connection c, Set<JobState> states, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + JOB_COLUMNS + " FROM ttskit_job");
        if (!states.isEmpty()) {
            sql.append(" WHERE state IN (").append(String.join(", ", states.stream().map(s -> "?").toList())).append(")");
        }
        sql.append(" ORDER BY created_at DESC, id FETCH FIRST ").append(limit).append(" ROWS ONLY");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (JobState s : states) ps.setString(i++, s.name());
            List<JobRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(jobRow(rs));
            }
            return out;
        }
    }

    /**
     * Every chunk of the job, in order: those with a row as their row says, the others PENDING (a
     * chunk has a row once something happened to it).
     */
    public List<ChunkRow> chunks(Connection c, JobRow job) throws SQLException {
        int[] lengths = new int[job.totalChunks()];
        try (PreparedStatement ps = c.prepareStatement("SELECT first_seq, lengths, CASE WHEN lengths IS NULL THEN CHAR_LENGTH(texts) "
                + "ELSE 0 END FROM ttskit_job_text WHERE job_id = ?")) {
            ps.setString(1, job.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int first = rs.getInt(1);
                    String list = rs.getString(2);
                    int[] each = list == null ? new int[] {rs.getInt(3)} : ChunkTexts.lengths(list, job.id(), first);
                    for (int i = 0; i < each.length && first + i < lengths.length; i++) lengths[first + i] = each[i];
                }
            }
        }
        ChunkRow[] out = new ChunkRow[job.totalChunks()];
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, state, provider, attempts, audio_bytes, error_category, checkpoint "
                + "FROM ttskit_job_chunk WHERE job_id = ?")) {
            ps.setString(1, job.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int seq = rs.getInt(1);
                    if (seq < 0 || seq >= out.length) continue;
                    out[seq] = new ChunkRow(seq, ChunkState.valueOf(rs.getString(2)), rs.getString(3), rs.getInt(4), rs.getLong(5),
                            lengths[seq], rs.getString(6), rs.getString(7));
                }
            }
        }
        List<ChunkRow> all = new ArrayList<>(out.length);
        for (int seq = 0; seq < out.length; seq++) {
            all.add(out[seq] != null ? out[seq] : new ChunkRow(seq, ChunkState.PENDING, null, 0, 0, lengths[seq], null, null));
        }
        return all;
    }

    /** The states of the given jobs (missing ones are left out). */
    public Map<String, JobState> states(Connection c, Collection<String> ids) throws SQLException {
        Map<String, JobState> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        String marks = String.join(", ", ids.stream().map(i -> "?").toList());
        try (PreparedStatement ps = c.prepareStatement("SELECT id, state FROM ttskit_job WHERE id IN (" + marks + ")")) {
            int i = 1;
            for (String id : ids) ps.setString(i++, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), JobState.valueOf(rs.getString(2)));
            }
        }
        return out;
    }

    /**
     * The job and the chunks execution {@code <job>:<first>:...} covers, from {@code first} to
     * {@code first + chunks_per_execution - 1}: their texts, and how each stands.
     */
    public Optional<Claim> claim(Connection c, String jobId, int first) throws SQLException {
        Optional<JobRow> read = job(c, jobId);
        if (read.isEmpty()) return Optional.empty();
        JobRow job = read.get();
        int end = Math.min(job.totalChunks(), first + job.chunksPerExecution());
        Map<Integer, String> texts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT first_seq, lengths, texts FROM ttskit_job_text WHERE job_id = ? "
                + "AND first_seq >= ? AND first_seq < ?")) {
            ps.setString(1, jobId);
            ps.setInt(2, first);
            ps.setInt(3, end);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ChunkTexts.split(rs.getInt(1), rs.getString(2), rs.getString(3), jobId, texts);
            }
        }
        Map<Integer, StoredChunk> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, state, attempts, checkpoint FROM ttskit_job_chunk WHERE job_id = ? "
                + "AND seq >= ? AND seq < ?")) {
            ps.setString(1, jobId);
            ps.setInt(2, first);
            ps.setInt(3, end);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int seq = rs.getInt(1);
                    rows.put(seq, new StoredChunk(ChunkState.valueOf(rs.getString(2)), rs.getInt(3), rs.getString(4)));
                }
            }
        }
        List<ChunkWork> chunks = new ArrayList<>(Math.max(0, end - first));
        for (int seq = first; seq < end; seq++) {
            String text = texts.get(seq);
            if (text == null) throw new SQLException("the text of chunk " + seq + " of job " + jobId + " is missing", "02000");
            StoredChunk row = rows.get(seq);
            chunks.add(row == null ? new ChunkWork(seq, text, ChunkState.PENDING, 0, null)
                    : new ChunkWork(seq, text, row.state(), row.attempts(), row.checkpoint()));
        }
        return Optional.of(new Claim(job, chunks));
    }

    /** What a chunk's own row says, for a chunk something happened to. */
    private record StoredChunk(ChunkState state, int attempts, @Nullable String checkpoint) {
    }

    /** A job's row and the chunks one execution covers. */
    public record Claim(JobRow job, List<ChunkWork> chunks) {
    }

    /**
     * Marks the job running when it was queued. The chunks an execution takes are not marked one by
     * one (a write a chunk, for every job): {@link #taken} tells them from db-scheduler's table.
     */
    public void start(Connection c, JobRow job) throws SQLException {
        if (job.state() != JobState.QUEUED) return;
        try (PreparedStatement ps = c.prepareStatement("UPDATE ttskit_job SET state = 'RUNNING', updated_at = ? "
                + "WHERE id = ? AND state = 'QUEUED'")) {
            ps.setObject(1, time(Instant.now()));
            ps.setString(2, job.id());
            ps.executeUpdate();
        }
    }

    /** The chunks of the job's current run that a worker has taken: those its picked executions cover. */
    public Set<Integer> taken(Connection c, JobRow job) throws SQLException {
        Set<Integer> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT task_instance FROM ttskit_scheduled_tasks WHERE task_name = ? "
                + "AND task_instance LIKE ? AND picked = ?")) {
            ps.setString(1, JobEngine.CHUNK_TASK);
            ps.setString(2, job.id() + ":%");
            ps.setBoolean(3, true);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // <job>:<first>:<run>
                    String[] parts = rs.getString(1).split(":");
                    if (parts.length != 3 || !parts[2].equals(Integer.toString(job.run()))) continue;
                    int first = Integer.parseInt(parts[1]);
                    int end = Math.min(job.totalChunks(), first + job.chunksPerExecution());
                    for (int seq = first; seq < end; seq++) out.add(seq);
                }
            } catch (NumberFormatException e) {
                throw new SQLException("unreadable execution of job " + job.id() + ": " + e.getMessage(), "22000", e);
            }
        }
        return out;
    }

    /**
     * Marks chunks done (or silenced) with their audio and counts them into the job's row, in the
     * caller's transaction, so that a chunk is never done without its audio nor uncounted: a chunk
     * already done is left as it is, audio and all, and not counted again. The job's row is changed
     * last, as by every other step that changes a job and its chunks, so that two of them never wait
     * for each other and workers storing chunks of one job hold its row only for the end of their
     * transaction. With a directory store the audio is null (its file is written already).
     *
     * @return the job's count of finished chunks afterwards
     */
    public int complete(Connection c, String jobId, List<Completion> chunks, Instant now) throws SQLException {
        if (chunks.isEmpty()) return doneChunks(c, jobId);
        // Most chunks have no row yet (nothing happened to them before): those are inserted, the others updated.
        int[] marked = new int[chunks.size()];
        List<Integer> pending = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) pending.add(i);
        for (int tries = 1; ; tries++) {
            Map<Integer, ChunkState> existing = chunkStates(c, jobId, chunks, pending);
            List<Integer> updated = new ArrayList<>();
            List<Integer> rowless = new ArrayList<>();
            for (int i : pending) {
                ChunkState was = existing.get(chunks.get(i).seq());
                if (was == null) rowless.add(i);
                else if (was != ChunkState.DONE && was != ChunkState.SILENCED) updated.add(i);
            }
            markExisting(c, jobId, chunks, updated, marked);
            if (rowless.isEmpty() || insertDone(c, jobId, chunks, rowless, marked, tries == 3)) break;
            // Another execution of this range (revived while this one still ran) gave some of them rows
            // meanwhile: look again. Its DONE rows are its own (counted there); a row it left PENDING or
            // FAILED (a failed attempt, a checkpoint) is marked done here, so no chunk spoken here is spoken again.
            pending = rowless;
        }
        int counted = 0;
        List<Integer> seqs = new ArrayList<>(chunks.size());
        List<byte[]> audio = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            // A driver that cannot tell (SUCCESS_NO_INFO) is taken at its word that the row changed.
            if (marked[i] == 0) continue;
            counted++;
            byte[] bytes = chunks.get(i).audio();
            if (bytes == null) continue;
            seqs.add(chunks.get(i).seq());
            audio.add(bytes);
        }
        this.audio.store(c, jobId, seqs, audio);
        // A chunk done already (by an execution revived while this one still ran) was counted by that one.
        if (counted > 0) count(c, jobId, counted, now);
        return doneChunks(c, jobId);
    }

    /** The states of the rows that the chunks at {@code indexes} (in increasing order) have; rowless ones are absent. */
    private static Map<Integer, ChunkState> chunkStates(Connection c, String jobId, List<Completion> chunks, List<Integer> indexes)
            throws SQLException {
        Map<Integer, ChunkState> existing = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, state FROM ttskit_job_chunk WHERE job_id = ? AND seq >= ? AND seq <= ?")) {
            ps.setString(1, jobId);
            ps.setInt(2, chunks.get(indexes.get(0)).seq());
            ps.setInt(3, chunks.get(indexes.get(indexes.size() - 1)).seq());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) existing.put(rs.getInt(1), ChunkState.valueOf(rs.getString(2)));
            }
        }
        return existing;
    }

    /** Marks finished the chunks at {@code indexes}, whose rows exist and are not finished yet (as far as the update finds). */
    private static void markExisting(Connection c, String jobId, List<Completion> chunks, List<Integer> indexes, int[] marked)
            throws SQLException {
        if (indexes.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(COMPLETE)) {
            for (int i : indexes) {
                Completion chunk = chunks.get(i);
                ps.setString(1, chunk.state().name());
                ps.setString(2, chunk.provider());
                ps.setLong(3, chunk.payloadBytes());
                ps.setString(4, jobId);
                ps.setInt(5, chunk.seq());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int k = 0; k < counts.length; k++) marked[indexes.get(k)] = counts[k];
        }
    }

    /**
     * Inserts the rows of finished chunks that had none, marking each one inserted, behind a savepoint:
     * when another transaction inserted one of them meanwhile, the primary key refuses the batch, this
     * rolls back to the savepoint and answers false, and the caller looks at those chunks again.
     *
     * @param last true to throw that refusal instead (the caller has looked often enough)
     */
    private static boolean insertDone(Connection c, String jobId, List<Completion> chunks, List<Integer> indexes, int[] marked,
                                      boolean last) throws SQLException {
        Savepoint before = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ttskit_job_chunk (job_id, seq, state, provider, attempts, "
                + "audio_bytes) VALUES (?, ?, ?, ?, 1, ?)")) {
            for (int i : indexes) {
                Completion chunk = chunks.get(i);
                ps.setString(1, jobId);
                ps.setInt(2, chunk.seq());
                ps.setString(3, chunk.state().name());
                ps.setString(4, chunk.provider());
                ps.setLong(5, chunk.payloadBytes());
                ps.addBatch();
            }
            ps.executeBatch();
            for (int i : indexes) marked[i] = 1;
            return true;
        } catch (SQLException e) {
            if (last || !duplicateKey(e)) throw e;
            c.rollback(before);
            return false;
        }
    }

    /** A unique or primary key refused a row (SQLSTATE 23505, in H2 and PostgreSQL alike), anywhere in a batch's chain. */
    private static boolean duplicateKey(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if ("23505".equals(x.getSQLState())) return true;
            if (x.getCause() instanceof SQLException cause && "23505".equals(cause.getSQLState())) return true;
        }
        return false;
    }

    /** Adds to the job's count of finished chunks; its progress only ever grows, up to 99 until the output is assembled. */
    private static void count(Connection c, String jobId, int added, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ttskit_job SET done_chunks = done_chunks + ?, "
                + "progress = GREATEST(progress, LEAST(99, (done_chunks + ?) * 100 / total_chunks)), updated_at = ? WHERE id = ?")) {
            ps.setInt(1, added);
            ps.setInt(2, added);
            ps.setObject(3, time(now));
            ps.setString(4, jobId);
            ps.executeUpdate();
        }
    }

    /**
     * A chunk ready to be marked finished: DONE with its provider, its audio for the database (null
     * with a directory store) and its payload size, or SILENCED with neither.
     */
    public record Completion(int seq, ChunkState state, @Nullable String provider, byte @Nullable [] audio, long payloadBytes) {
        public static Completion silenced(int seq) {
            return new Completion(seq, ChunkState.SILENCED, null, null, 0);
        }
    }

    /** The job's count of finished chunks. */
    public int doneChunks(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT done_chunks FROM ttskit_job WHERE id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Puts the chunk back to wait for its next attempt, keeping what went wrong. */
    public void retryLater(Connection c, String jobId, int seq, TtsException error) throws SQLException {
        int n;
        try (PreparedStatement ps = c.prepareStatement("UPDATE ttskit_job_chunk SET state = 'PENDING', attempts = attempts + 1, "
                + "error_category = ?, error_message = ? WHERE job_id = ? AND seq = ? AND state IN ('PENDING', 'RUNNING')")) {
            ps.setString(1, error.category().name());
            ps.setString(2, clip(error.getMessage()));
            ps.setString(3, jobId);
            ps.setInt(4, seq);
            n = ps.executeUpdate();
        }
        if (n == 0 && !exists(c, jobId, seq)) insertChunk(c, jobId, seq, ChunkState.PENDING, error, null);
    }

    /** The chunk failed for good, and with it the job (unless it is finished already). */
    public boolean fail(Connection c, String jobId, int seq, TtsException error, Instant now) throws SQLException {
        int n;
        try (PreparedStatement ps = c.prepareStatement("UPDATE ttskit_job_chunk SET state = 'FAILED', attempts = attempts + 1, "
                + "error_category = ?, error_message = ? WHERE job_id = ? AND seq = ?")) {
            ps.setString(1, error.category().name());
            ps.setString(2, clip(error.getMessage()));
            ps.setString(3, jobId);
            ps.setInt(4, seq);
            n = ps.executeUpdate();
        }
        if (n == 0) insertChunk(c, jobId, seq, ChunkState.FAILED, error, null);
        // The job's row after its chunk's row, as everywhere (see complete).
        try (PreparedStatement ps = c.prepareStatement("UPDATE ttskit_job SET state = 'FAILED', error_category = ?, error_message = ?, "
                + "error_provider = ?, error_request_id = ?, error_chunk = ?, updated_at = ? WHERE id = ? AND state IN ('QUEUED', 'RUNNING')")) {
            ps.setString(1, error.category().name());
            ps.setString(2, clip(error.getMessage()));
            ps.setString(3, error.provider().orElse(null));
            ps.setString(4, error.requestId().orElse(null));
            ps.setInt(5, seq);
            ps.setObject(6, time(now));
            ps.setString(7, jobId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Progress 100, once: true only for the caller that moved the job to SUCCEEDED. */
    public boolean succeed(Connection c, String jobId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ttskit_job SET state = 'SUCCEEDED', progress = 100, updated_at = ? "
                + "WHERE id = ? AND state = 'RUNNING' AND done_chunks = total_chunks")) {
            ps.setObject(1, time(now));
            ps.setString(2, jobId);
            return ps.executeUpdate() == 1;
        }
    }

    /** True when the job moved to CANCELLED. */
    public boolean cancel(Connection c, String jobId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ttskit_job SET state = 'CANCELLED', updated_at = ? "
                + "WHERE id = ? AND state IN ('QUEUED', 'RUNNING', 'FAILED')")) {
            ps.setObject(1, time(now));
            ps.setString(2, jobId);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * A FAILED or CANCELLED job goes back to work in a new run: failed and interrupted chunks wait
     * again, the error is cleared.
     */
    public boolean reopen(Connection c, String jobId, Instant now) throws SQLException {
        // The chunks' rows before the job's row, as everywhere (see complete).
        try (PreparedStatement ps = c.prepareStatement("UPDATE ttskit_job_chunk SET state = 'PENDING', attempts = 0 "
                + "WHERE job_id = ? AND state IN ('FAILED', 'RUNNING', 'PENDING') "
                + "AND EXISTS (SELECT 1 FROM ttskit_job j WHERE j.id = ? AND j.state IN ('FAILED', 'CANCELLED'))")) {
            ps.setString(1, jobId);
            ps.setString(2, jobId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE ttskit_job SET state = CASE WHEN done_chunks = 0 THEN 'QUEUED' ELSE 'RUNNING' END, "
                + "error_category = NULL, error_message = NULL, error_provider = NULL, error_request_id = NULL, error_chunk = NULL, "
                + "run_no = run_no + 1, updated_at = ? WHERE id = ? AND state IN ('FAILED', 'CANCELLED')")) {
            ps.setObject(1, time(now));
            ps.setString(2, jobId);
            if (ps.executeUpdate() == 1) return true;
        }
        // Reopened by another caller in between: its new run may have taken chunks, which are left as they are.
        c.rollback();
        return false;
    }

    public Optional<String> checkpoint(Connection c, String jobId, int seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT checkpoint FROM ttskit_job_chunk WHERE job_id = ? AND seq = ?")) {
            ps.setString(1, jobId);
            ps.setInt(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public void checkpoint(Connection c, String jobId, int seq, @Nullable String value) throws SQLException {
        int n;
        try (PreparedStatement ps = c.prepareStatement("UPDATE ttskit_job_chunk SET checkpoint = ? WHERE job_id = ? AND seq = ?")) {
            if (value == null) ps.setNull(1, Types.VARCHAR);
            else ps.setString(1, value);
            ps.setString(2, jobId);
            ps.setInt(3, seq);
            n = ps.executeUpdate();
        }
        if (n == 0 && value != null) insertChunk(c, jobId, seq, ChunkState.PENDING, null, value);
    }

    private static boolean exists(Connection c, String jobId, int seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM ttskit_job_chunk WHERE job_id = ? AND seq = ?")) {
            ps.setString(1, jobId);
            ps.setInt(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The first row of a chunk something happened to: an attempt that failed, or a provider's note. */
    private static void insertChunk(Connection c, String jobId, int seq, ChunkState state, @Nullable TtsException error,
                                    @Nullable String checkpoint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ttskit_job_chunk (job_id, seq, state, attempts, error_category, "
                + "error_message, checkpoint) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, jobId);
            ps.setInt(2, seq);
            ps.setString(3, state.name());
            ps.setInt(4, error == null ? 0 : 1);
            ps.setString(5, error == null ? null : error.category().name());
            ps.setString(6, error == null ? null : clip(error.getMessage()));
            ps.setString(7, checkpoint);
            ps.executeUpdate();
        }
    }

    /** Deletes the job's pending executions that no worker has taken (the taken ones see the job cancelled). */
    public void dropWaitingExecutions(Connection c, String taskName, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM ttskit_scheduled_tasks WHERE task_name = ? AND task_instance LIKE ? "
                + "AND picked = ?")) {
            ps.setString(1, taskName);
            ps.setString(2, jobId + ":%");
            ps.setBoolean(3, false);
            ps.executeUpdate();
        }
    }

    public void deleteJob(Connection c, String jobId) throws SQLException {
        audio.delete(c, jobId);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM ttskit_job WHERE id = ?")) {
            ps.setString(1, jobId);
            ps.executeUpdate();
        }
    }

    private static JobRow jobRow(ResultSet rs) throws SQLException {
        int errorChunk = rs.getInt(18);
        @Nullable Integer chunk = rs.wasNull() ? null : errorChunk;
        double speed = rs.getDouble(22);
        @Nullable Double sp = rs.wasNull() ? null : speed;
        long seed = rs.getLong(23);
        @Nullable Long sd = rs.wasNull() ? null : seed;
        long timeout = rs.getLong(27);
        @Nullable Duration to = rs.wasNull() ? null : Duration.ofMillis(timeout);
        String ref = rs.getString(28);
        SpeechSettings speech = new SpeechSettings(rs.getString(5), rs.getString(6), AudioFormat.parse(rs.getString(7)), sp, sd,
                OptionsCodec.decode(rs.getString(24)), to, ref == null ? null : Path.of(ref), SpeechSettings.providersFrom(rs.getString(25)),
                rs.getBoolean(26));
        return new JobRow(rs.getString(1), rs.getString(2), JobState.valueOf(rs.getString(3)), rs.getInt(4), speech, rs.getString(8),
                rs.getBoolean(9), new Join(rs.getInt(10), rs.getInt(29)), rs.getInt(11), rs.getInt(12), rs.getInt(13), rs.getString(14),
                rs.getString(15), rs.getString(16), rs.getString(17), chunk, instant(rs, 19), instant(rs, 20), rs.getInt(21),
                rs.getInt(30));
    }

    /** A NOT NULL timestamp column. */
    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        if (t == null) throw new SQLException("timestamp column " + column + " of ttskit_job is null", "22004");
        return t.toInstant();
    }

    private static OffsetDateTime time(Instant now) {
        return now.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable String clip(@Nullable String message) {
        if (message == null) return null;
        return message.length() <= MESSAGE_LIMIT ? message : message.substring(0, MESSAGE_LIMIT);
    }
}
