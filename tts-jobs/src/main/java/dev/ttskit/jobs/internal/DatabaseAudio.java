package dev.ttskit.jobs.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Chunk audio in {@code ttskit_job_audio}: the chunks a worker stores together are one row, their
 * audio one after another with their numbers and lengths beside it. One row for a group keeps the
 * per-row cost of writing, reading back and dropping audio (which on H2 is most of what storing a
 * short chunk costs) to one per group commit instead of one per chunk.
 */
final class DatabaseAudio implements AudioStore {
    @Override
    public boolean inDatabase() {
        return true;
    }

    @Override
    public void prepare(String jobId, int seq, byte[] audio) {
        // stored with the chunks' completion
    }

    @Override
    public void store(Connection c, String jobId, List<Integer> seqs, List<byte[]> audio) throws SQLException {
        if (seqs.isEmpty()) return;
        int total = 0;
        StringJoiner numbers = new StringJoiner(",");
        StringJoiner lengths = new StringJoiner(",");
        for (int i = 0; i < seqs.size(); i++) {
            numbers.add(Integer.toString(seqs.get(i)));
            lengths.add(Integer.toString(audio.get(i).length));
            total = Math.addExact(total, audio.get(i).length);
        }
        byte[] joined = new byte[total];
        int at = 0;
        for (byte[] a : audio) {
            System.arraycopy(a, 0, joined, at, a.length);
            at += a.length;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ttskit_job_audio (job_id, first_seq, seqs, lengths, audio) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, jobId);
            ps.setInt(2, seqs.get(0));
            ps.setString(3, numbers.toString());
            ps.setString(4, lengths.toString());
            ps.setBytes(5, joined);
            ps.executeUpdate();
        }
    }

    /**
     * Reads where each chunk's audio is first (numbers and lengths only), then each row's audio when
     * its first chunk is asked for, keeping that one row in memory.
     */
    @Override
    public Reader open(Connection c, String jobId) throws SQLException {
        Map<Integer, Slice> slices = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT first_seq, seqs, lengths FROM ttskit_job_audio WHERE job_id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int row = rs.getInt(1);
                    String[] numbers = rs.getString(2).split(",");
                    String[] lengths = rs.getString(3).split(",");
                    if (numbers.length != lengths.length) {
                        throw new SQLException("audio row " + row + " of job " + jobId + " lists " + numbers.length + " chunks and "
                                + lengths.length + " lengths", "22000");
                    }
                    int offset = 0;
                    for (int i = 0; i < numbers.length; i++) {
                        int length = Integer.parseInt(lengths[i]);
                        slices.put(Integer.parseInt(numbers[i]), new Slice(row, offset, length));
                        offset += length;
                    }
                }
            } catch (NumberFormatException e) {
                throw new SQLException("unreadable audio row of job " + jobId + ": " + e.getMessage(), "22000", e);
            }
        }
        PreparedStatement row = c.prepareStatement("SELECT audio FROM ttskit_job_audio WHERE job_id = ? AND first_seq = ?");
        return new Reader() {
            private int loaded = -1;
            private byte[] audio = new byte[0];

            @Override
            public byte[] read(int seq) throws SQLException {
                Slice s = slices.get(seq);
                if (s == null) throw new SQLException("audio of chunk " + seq + " of job " + jobId + " is missing", "02000");
                if (s.row() != loaded) {
                    row.setString(1, jobId);
                    row.setInt(2, s.row());
                    try (ResultSet rs = row.executeQuery()) {
                        if (!rs.next()) throw new SQLException("audio row " + s.row() + " of job " + jobId + " is missing", "02000");
                        audio = rs.getBytes(1);
                    }
                    loaded = s.row();
                }
                if ((long) s.offset() + s.length() > audio.length) {
                    throw new SQLException("audio row " + s.row() + " of job " + jobId + " is shorter than its lengths say", "22000");
                }
                return Arrays.copyOfRange(audio, s.offset(), s.offset() + s.length());
            }

            @Override
            public void close() throws SQLException {
                row.close();
            }
        };
    }

    @Override
    public void delete(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM ttskit_job_audio WHERE job_id = ?")) {
            ps.setString(1, jobId);
            ps.executeUpdate();
        }
    }

    @Override
    public String toString() {
        return "database";
    }

    /** Where one chunk's audio is: in the row of {@code first_seq = row}, from {@code offset}, {@code length} bytes. */
    private record Slice(int row, int offset, int length) {
    }
}
