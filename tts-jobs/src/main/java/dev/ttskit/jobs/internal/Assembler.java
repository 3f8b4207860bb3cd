package dev.ttskit.jobs.internal;

import dev.ttskit.audio.AudioFormat;
import dev.ttskit.jobs.ChunkState;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Joins a job's chunks, one chunk in memory at a time: the header (sized from the lengths stored
 * with the chunks), then each chunk's samples with the gap between them, silence for a silenced chunk.
 */
public final class Assembler {
    private static final int SILENCE_BLOCK = 8192;

    /** Reads one chunk's stored audio. */
    @FunctionalInterface
    public interface ChunkReader {
        byte[] read(int seq) throws SQLException;
    }

    private Assembler() {
    }

    /** Writes the joined audio to {@code out}. */
    public static void write(JobRow job, List<ChunkRow> chunks, ChunkReader reader, OutputStream out) throws IOException, SQLException {
        OutputLayout layout = OutputLayout.of(AudioFormat.parse(job.format()));
        long gap = layout.silenceBytes(job.gapMillis());
        long data = 0;
        for (int i = 0; i < chunks.size(); i++) {
            ChunkRow c = chunks.get(i);
            if (i > 0) data += gap;
            data += c.state() == ChunkState.SILENCED ? layout.silenceForChars(c.textLength()) : c.audioBytes();
        }
        out.write(layout.header(data));
        for (int i = 0; i < chunks.size(); i++) {
            ChunkRow c = chunks.get(i);
            if (i > 0) silence(out, gap, layout.silenceByte());
            if (c.state() == ChunkState.SILENCED) {
                silence(out, layout.silenceForChars(c.textLength()), layout.silenceByte());
                continue;
            }
            byte[] audio = reader.read(c.seq());
            int[] payload = layout.payload(audio);
            if (payload[1] != c.audioBytes()) {
                throw new IOException("chunk " + c.seq() + " holds " + payload[1] + " bytes of audio, " + c.audioBytes() + " were stored");
            }
            out.write(audio, payload[0], payload[1]);
        }
        out.flush();
    }

    /**
     * Writes the joined audio to a temporary file beside {@code target}, syncs it and moves it into
     * place atomically: a reader sees the old file or the whole new one, never a part.
     */
    public static void writeFile(JobRow job, List<ChunkRow> chunks, ChunkReader reader, Path target) throws IOException, SQLException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        try {
            try (FileOutputStream file = new FileOutputStream(tmp.toFile());
                 OutputStream out = new BufferedOutputStream(file, 1 << 16)) {
                write(job, chunks, reader, out);
                file.getFD().sync();
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void silence(OutputStream out, long bytes, byte value) throws IOException {
        byte[] block = new byte[(int) Math.min(SILENCE_BLOCK, Math.max(0, bytes))];
        Arrays.fill(block, value);
        for (long left = bytes; left > 0; left -= block.length) {
            out.write(block, 0, (int) Math.min(block.length, left));
        }
    }
}
