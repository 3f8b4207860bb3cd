package dev.ttskit.jobs.internal;

import dev.ttskit.audio.AudioConverter;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.jobs.ChunkState;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Joins a job's chunks, one chunk in memory at a time: the header (sized from the lengths stored
 * with the chunks), then each chunk's samples with the gap between them, silence for a silenced
 * chunk. With a crossfade, neighbours overlap instead: the end of one chunk and the start of the
 * next are mixed with equal-power curves, sample for sample as {@code synthesizeLong} mixes them,
 * and only that overlap is decoded; everything else is copied byte for byte.
 */
public final class Assembler {
    private static final int SILENCE_BLOCK = 8192;

    /** Reads one chunk's stored audio; calls come in increasing {@code seq}. */
    @FunctionalInterface
    public interface ChunkReader {
        byte[] read(int seq) throws SQLException;
    }

    private Assembler() {
    }

    /** Writes the joined audio to {@code out}. */
    public static void write(JobRow job, List<ChunkRow> chunks, ChunkReader reader, OutputStream out) throws IOException, SQLException {
        OutputLayout layout = OutputLayout.of(AudioFormat.parse(job.format()), job.join());
        if (job.join().crossfades()) {
            crossfaded(layout, job.join().crossfadeMillis(), chunks, reader, out);
            return;
        }
        long gap = layout.silenceBytes(job.join().gapMillis());
        long data = 0;
        for (int i = 0; i < chunks.size(); i++) {
            ChunkRow c = chunks.get(i);
            if (i > 0) data += gap;
            data += c.state() == ChunkState.SILENCED ? layout.silenceForChars(c.textLength()) : c.audioBytes();
        }
        out.write(layout.header(data));
        byte[] silence = new byte[SILENCE_BLOCK];
        Arrays.fill(silence, layout.silenceByte());
        for (int i = 0; i < chunks.size(); i++) {
            ChunkRow c = chunks.get(i);
            if (i > 0) silence(out, gap, silence);
            if (c.state() == ChunkState.SILENCED) {
                silence(out, layout.silenceForChars(c.textLength()), silence);
                continue;
            }
            byte[] audio = reader.read(c.seq());
            int[] payload = payload(layout, c, audio);
            out.write(audio, payload[0], payload[1]);
        }
        out.flush();
    }

    /**
     * The overlaps first (from the stored lengths alone, so the header is right before a byte of audio
     * is read), then each chunk: its head mixed into the held-back tail of the one before, its middle
     * copied, its own tail held back for the next.
     */
    private static void crossfaded(OutputLayout layout, int fadeMillis, List<ChunkRow> chunks, ChunkReader reader, OutputStream out)
            throws IOException, SQLException {
        int frameBytes = layout.frameBytes();
        long fade = layout.frames(fadeMillis);
        int n = chunks.size();
        long[] frames = new long[n];
        long[] overlap = new long[n + 1];   // overlap[i]: frames chunk i shares with chunk i - 1; overlap[n] = 0
        long total = 0;
        long tailLeft = 0;
        for (int i = 0; i < n; i++) {
            ChunkRow c = chunks.get(i);
            frames[i] = (c.state() == ChunkState.SILENCED ? layout.silenceForChars(c.textLength()) : c.audioBytes()) / frameBytes;
            // As synthesizeLong clamps it: never more than the earlier chunk has left after its own fade-in.
            overlap[i] = i == 0 ? 0 : Math.min(fade, Math.min(tailLeft, frames[i]));
            total += frames[i] - overlap[i];
            tailLeft = frames[i] - overlap[i];
        }
        out.write(layout.header(total * frameBytes));
        AudioFormat raw = layout.rawFormat();
        byte[] held = new byte[0];
        for (int i = 0; i < n; i++) {
            ChunkRow c = chunks.get(i);
            byte[] data;
            int offset;
            if (c.state() == ChunkState.SILENCED) {
                data = new byte[Math.toIntExact(frames[i] * frameBytes)];
                java.util.Arrays.fill(data, layout.silenceByte());
                offset = 0;
            } else {
                data = reader.read(c.seq());
                offset = payload(layout, c, data)[0];
            }
            int in = Math.toIntExact(overlap[i] * frameBytes);
            int keep = Math.toIntExact(overlap[i + 1] * frameBytes);
            int length = Math.toIntExact(frames[i] * frameBytes);
            if (in > 0) out.write(mix(held, data, offset, in, overlap[i], raw));
            out.write(data, offset + in, length - in - keep);
            held = java.util.Arrays.copyOfRange(data, offset + length - keep, offset + length);
        }
        out.flush();
    }

    /** The held tail faded out under the next chunk's head faded in, over {@code frames} frames. */
    private static byte[] mix(byte[] tail, byte[] next, int offset, int bytes, long frames, AudioFormat raw) {
        float[] a = AudioConverter.decode(tail, raw).samples();
        float[] b = AudioConverter.decode(java.util.Arrays.copyOfRange(next, offset, offset + bytes), raw).samples();
        int channels = raw.channels();
        float[] mixed = new float[a.length];
        for (int f = 0; f < frames; f++) {
            double theta = Math.PI / 2 * (f + 0.5) / frames;
            double fadeOut = Math.cos(theta);
            double fadeIn = Math.sin(theta);
            for (int ch = 0; ch < channels; ch++) {
                int i = f * channels + ch;
                mixed[i] = (float) (a[i] * fadeOut + b[i] * fadeIn);
            }
        }
        return AudioConverter.encode(PcmAudio.of(mixed, raw.sampleRate(), channels), raw);
    }

    /** The chunk's sample bytes {offset, length}, checked against the length stored when it was done. */
    private static int[] payload(OutputLayout layout, ChunkRow c, byte[] audio) throws IOException {
        int[] payload = layout.payload(audio);
        if (payload[1] != c.audioBytes()) {
            throw new IOException("chunk " + c.seq() + " holds " + payload[1] + " bytes of audio, " + c.audioBytes() + " were stored");
        }
        return payload;
    }

    /**
     * Writes the joined audio to a temporary file beside {@code target}, syncs it and moves it into
     * place atomically: a reader sees the old file or the whole new one, never a part.
     */
    public static void writeFile(JobRow job, List<ChunkRow> chunks, ChunkReader reader, Path target) throws IOException, SQLException {
        Path dir = Objects.requireNonNull(target.toAbsolutePath().getParent(), "an output file has a folder");
        Files.createDirectories(dir);
        // Not Files.createTempFile: its owner-only permissions would end up on the output.
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            try (FileChannel file = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(file), 1 << 16)) {
                write(job, chunks, reader, out);
                out.flush();
                file.force(true);
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

    /** {@code bytes} of silence, written from {@code block} (filled with the format's silence) as often as it takes. */
    private static void silence(OutputStream out, long bytes, byte[] block) throws IOException {
        for (long left = bytes; left > 0; left -= block.length) {
            out.write(block, 0, (int) Math.min(block.length, left));
        }
    }
}
