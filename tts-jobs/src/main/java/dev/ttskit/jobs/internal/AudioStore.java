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
import java.sql.SQLException;
import java.util.List;

/**
 * Where chunk audio lives until assembly. The database store puts the chunks a worker stores together
 * in one row of {@code ttskit_job_audio}, in the transaction that marks them done; the directory store
 * writes (and syncs) each chunk's file before that transaction. Either way a chunk is never done
 * without its audio.
 */
public interface AudioStore {
    /** Whether the audio goes into the database, in the transaction that marks the chunks done. */
    boolean inDatabase();

    /** Stores before the chunk is marked done (outside any transaction); nothing for the database store. */
    void prepare(String jobId, int seq, byte[] audio);

    /**
     * Stores the audio of chunks just marked done, in increasing {@code seq}, on {@code c} (inside the
     * transaction that marked them); nothing for the directory store.
     */
    void store(Connection c, String jobId, List<Integer> seqs, List<byte[]> audio) throws SQLException;

    /** Opens a job's stored audio to be read chunk by chunk in text order, on {@code c} (inside a transaction). */
    Reader open(Connection c, String jobId) throws SQLException;

    /** Drops a job's chunk audio (after its output file is written). */
    void delete(Connection c, String jobId) throws SQLException;

    /** Reads stored chunk audio, one chunk (the database store: one row of chunks) in memory at a time. */
    interface Reader extends AutoCloseable {
        /** The audio of chunk {@code seq}; calls come in increasing {@code seq}. */
        byte[] read(int seq) throws SQLException;

        @Override
        void close() throws SQLException;
    }

    /** In {@code ttskit_job_audio}: a row for the chunks stored together, read back a row at a time. */
    static AudioStore database() {
        return new DatabaseAudio();
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
            public boolean inDatabase() {
                return false;
            }

            @Override
            public void store(Connection c, String jobId, List<Integer> seqs, List<byte[]> audio) {
                // written by prepare, before the chunks were marked done
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
