package dev.ttskit.cluster.internal;

import dev.ttskit.SpeechResult;
import dev.ttskit.TimedSpan;
import dev.ttskit.Timestamps;
import dev.ttskit.audio.AudioFormat;
import org.jspecify.annotations.Nullable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SpeechResult} as bytes in the shared store: a version, the format's fields, where it came
 * from, timings and the audio. Unknown versions are treated as absent, so a newer writer never breaks
 * an older reader.
 */
public final class ResultCodec {
    private static final int VERSION = 1;

    private ResultCodec() {
    }

    public static byte[] encode(SpeechResult r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(r.size() + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            AudioFormat f = r.format();
            out.writeUTF(f.container().name());
            out.writeUTF(f.encoding().name());
            out.writeInt(f.sampleRate());
            out.writeInt(f.channels());
            out.writeInt(f.bitrateKbps());
            out.writeUTF(r.provider());
            out.writeInt(r.attempts());
            optional(out, r.providerRequestId().orElse(null));
            out.writeBoolean(r.characterCost().isPresent());
            if (r.characterCost().isPresent()) out.writeLong(r.characterCost().get());
            out.writeBoolean(r.timestamps().isPresent());
            if (r.timestamps().isPresent()) {
                spans(out, r.timestamps().get().characters());
                spans(out, r.timestamps().get().words());
            }
            out.writeInt(r.size());
            out.write(r.audioBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The result, or null when the bytes are of another version or damaged. */
    public static @Nullable SpeechResult decode(byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            if (in.readInt() != VERSION) return null;
            AudioFormat format = AudioFormat.of(AudioFormat.Container.valueOf(in.readUTF()), AudioFormat.Encoding.valueOf(in.readUTF()),
                    in.readInt(), in.readInt(), in.readInt());
            SpeechResult.Builder b = SpeechResult.builder().format(format).provider(in.readUTF()).attempts(in.readInt());
            String requestId = in.readBoolean() ? in.readUTF() : null;
            if (requestId != null) b.providerRequestId(requestId);
            if (in.readBoolean()) b.characterCost(in.readLong());
            if (in.readBoolean()) b.timestamps(new Timestamps(spans(in), spans(in)));
            int length = in.readInt();
            if (length < 0 || length > body.length) return null;
            byte[] audio = new byte[length];
            in.readFully(audio);
            return b.audio(audio).build();
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void optional(DataOutputStream out, @Nullable String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) out.writeUTF(value);
    }

    private static void spans(DataOutputStream out, List<TimedSpan> spans) throws IOException {
        out.writeInt(spans.size());
        for (TimedSpan s : spans) {
            out.writeUTF(s.text());
            out.writeInt(s.offset());
            out.writeLong(s.start().toNanos());
            out.writeLong(s.end().toNanos());
        }
    }

    private static List<TimedSpan> spans(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 10_000_000) throw new IOException("bad span count " + n);
        List<TimedSpan> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new TimedSpan(in.readUTF(), in.readInt(), Duration.ofNanos(in.readLong()), Duration.ofNanos(in.readLong())));
        }
        return out;
    }
}
