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
 * Where chunk audio lives until assembly. The database store puts it in the chunk's row, in the one
 * statement that marks the chunk done; the directory store writes (and syncs) its file before that
 * statement. Either way a chunk is never done without its audio.
 */
public interface AudioStore {
    /** Whether the audio goes into the chunk's row, with the statement that marks it done. */
    boolean inRow();

    /** Stores before the chunk is marked done (outside any transaction); nothing for the database store. */
    void prepare(String jobId, int seq, byte[] audio);

    /** Opens a job's stored audio to be read chunk by chunk in text order, on {@code c} (inside a transaction). */
    Reader open(Connection c, String jobId) throws SQLException;

    /** Drops a job's chunk audio (after its output file is written). */
    void delete(Connection c, String jobId) throws SQLException;

    /** Reads stored chunk audio, one chunk in memory at a time. */
    interface Reader extends AutoCloseable {
        /** The audio of chunk {@code seq}; calls come in increasing {@code seq}. */
        byte[] read(int seq) throws SQLException;

        @Override
        void close() throws SQLException;
    }

    /** In the {@code audio} column of {@code ttskit_job_chunk}, read back with one query per job. */
    static AudioStore database() {
        return new AudioStore() {
            @Override
            public boolean inRow() {
                return true;
            }

            @Override
            public void prepare(String jobId, int seq, byte[] audio) {
                // written with the row
            }

            @Override
            public Reader open(Connection c, String jobId) throws SQLException {
                PreparedStatement ps = c.prepareStatement("SELECT seq, audio FROM ttskit_job_chunk WHERE job_id = ? AND audio IS NOT NULL "
                        + "ORDER BY seq");
                ResultSet rs;
                try {
                    // A few rows at a time: PostgreSQL streams through a cursor inside the transaction.
                    ps.setFetchSize(4);
                    ps.setString(1, jobId);
                    rs = ps.executeQuery();
                } catch (SQLException | RuntimeException e) {
                    ps.close();
                    throw e;
                }
                return new Reader() {
                    @Override
                    public byte[] read(int seq) throws SQLException {
                        while (rs.next()) {
                            int at = rs.getInt(1);
                            if (at == seq) return rs.getBytes(2);
                            if (at > seq) break;
                        }
                        throw new SQLException("audio of chunk " + seq + " of job " + jobId + " is missing", "02000");
                    }

                    @Override
                    public void close() throws SQLException {
                        try (ps) {
                            rs.close();
                        }
                    }
                };
            }

            @Override
            public void delete(Connection c, String jobId) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement("UPDATE ttskit_job_chunk SET audio = NULL WHERE job_id = ? AND audio IS NOT NULL")) {
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
            public boolean inRow() {
                return false;
            }

            @Override
            public Reader open(Connection c, String jobId) {
                return new Reader() {
                    @Override
                    public byte[] read(int seq) throws SQLException {
                        try {
                            return Files.readAllBytes(dir.resolve(jobId).resolve(seq + ".audio"));
                        } catch (NoSuchFileException e) {
                            throw new SQLException("audio of chunk " + seq + " of job " + jobId + " is missing from " + dir, "02000", e);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }

                    @Override
                    public void close() {
                        // nothing held open between chunks
                    }
                };
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
