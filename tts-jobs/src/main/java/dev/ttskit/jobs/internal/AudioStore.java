package dev.ttskit.jobs.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Where chunk audio lives until assembly. The database store writes inside the transaction that
 * marks the chunk done; the directory store writes (and syncs) its file before that transaction,
 * so either way a chunk is never done without its audio.
 */
public interface AudioStore {
    /** Stores before the chunk's done-transaction (outside it). */
    void prepare(String jobId, int seq, byte[] audio);

    /** Stores inside the chunk's done-transaction. */
    void store(Connection c, String jobId, int seq, byte[] audio) throws SQLException;

    /** Reads one chunk's audio. */
    byte[] read(Connection c, String jobId, int seq) throws SQLException;

    /** Drops a job's chunk audio (after its output file is written). */
    void delete(Connection c, String jobId) throws SQLException;

    /** In {@code ttskit_job_chunk_audio}. */
    static AudioStore database() {
        return new AudioStore() {
            @Override
            public void prepare(String jobId, int seq, byte[] audio) {
                // written inside the transaction
            }

            @Override
            public void store(Connection c, String jobId, int seq, byte[] audio) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO ttskit_job_chunk_audio (job_id, seq, audio) VALUES (?, ?, ?)")) {
                    ps.setString(1, jobId);
                    ps.setInt(2, seq);
                    ps.setBytes(3, audio);
                    ps.executeUpdate();
                }
            }

            @Override
            public byte[] read(Connection c, String jobId, int seq) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement("SELECT audio FROM ttskit_job_chunk_audio WHERE job_id = ? AND seq = ?")) {
                    ps.setString(1, jobId);
                    ps.setInt(2, seq);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) throw new SQLException("audio of chunk " + seq + " of job " + jobId + " is missing", "02000");
                        return rs.getBytes(1);
                    }
                }
            }

            @Override
            public void delete(Connection c, String jobId) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM ttskit_job_chunk_audio WHERE job_id = ?")) {
                    ps.setString(1, jobId);
                    ps.executeUpdate();
                }
            }

            @Override
            public String toString() {
                return "database";
            }
        };
    }

    /** Files {@code <dir>/<job>/<seq>.audio}, each written to a temporary name, synced, then moved into place. */
    static AudioStore directory(Path dir) {
        return new AudioStore() {
            @Override
            public void prepare(String jobId, int seq, byte[] audio) {
                try {
                    Path jobDir = Files.createDirectories(dir.resolve(jobId));
                    Path tmp = Files.createTempFile(jobDir, seq + ".", ".part");
                    try {
                        Files.write(tmp, audio);
                        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                            ch.force(true);
                        }
                        move(tmp, jobDir.resolve(seq + ".audio"));
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot store chunk audio under " + dir, e);
                }
            }

            @Override
            public void store(Connection c, String jobId, int seq, byte[] audio) {
                // written before the transaction
            }

            @Override
            public byte[] read(Connection c, String jobId, int seq) throws SQLException {
                try {
                    return Files.readAllBytes(dir.resolve(jobId).resolve(seq + ".audio"));
                } catch (NoSuchFileException e) {
                    throw new SQLException("audio of chunk " + seq + " of job " + jobId + " is missing from " + dir, "02000", e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void delete(Connection c, String jobId) {
                Path jobDir = dir.resolve(jobId);
                if (!Files.isDirectory(jobDir)) return;
                try (DirectoryStream<Path> files = Files.newDirectoryStream(jobDir)) {
                    for (Path f : files) Files.deleteIfExists(f);
                    Files.deleteIfExists(jobDir);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete chunk audio of job " + jobId, e);
                }
            }

            @Override
            public String toString() {
                return "directory " + dir;
            }
        };
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
