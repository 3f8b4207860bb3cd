package dev.ttskit.jobs.internal;

import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.audio.WavInfo;

/**
 * How a job's chunks join in its format: which bytes of a chunk are samples, what silence is, and
 * the header in front. Chunks are joined byte for byte (no decoding), so that the output of a
 * resumed job is identical to that of an uninterrupted one.
 */
public final class OutputLayout {
    /** Speech runs at roughly 15 characters a second; sizes the silence of a failed chunk. */
    private static final long MILLIS_PER_CHAR_ESTIMATE = 66;

    private final AudioFormat format;
    private final int frameBytes;
    private final byte silence;

    private OutputLayout(AudioFormat format, int frameBytes, byte silence) {
        this.format = format;
        this.frameBytes = frameBytes;
        this.silence = silence;
    }

    /** @throws UnsupportedRequestException for a format whose chunks cannot be joined */
    public static OutputLayout of(AudioFormat format) {
        boolean wav = format.container() == AudioFormat.Container.WAV;
        boolean raw = format.container() == AudioFormat.Container.RAW;
        switch (format.encoding()) {
            case PCM_S16LE:
                if (wav || raw) return new OutputLayout(format, 2 * format.channels(), (byte) 0);
                break;
            case MULAW:
                if (raw) return new OutputLayout(format, format.channels(), (byte) 0xFF);
                break;
            case ALAW:
                if (raw) return new OutputLayout(format, format.channels(), (byte) 0xD5);
                break;
            case MP3:
                return new OutputLayout(format, 0, (byte) 0);
            default:
                break;
        }
        throw UnsupportedRequestException.builder("a job's chunks cannot be joined in " + format
                + "; ask for WAV, raw PCM, G.711 or MP3").build();
    }

    public AudioFormat format() {
        return format;
    }

    /**
     * The layout, after checking that chunks in {@code format} can be joined as {@code join} asks.
     *
     * @throws UnsupportedRequestException for a format whose chunks cannot be joined, or a crossfade on MP3
     */
    public static OutputLayout of(AudioFormat format, Join join) {
        OutputLayout layout = of(format);
        if (join.crossfades() && !layout.hasSilence()) {
            throw UnsupportedRequestException.builder("a crossfade needs PCM or G.711 chunks, not " + format
                    + "; join MP3 chunks with a gap").build();
        }
        return layout;
    }

    /** Bytes of one frame (a sample of every channel); 0 for MP3. */
    public int frameBytes() {
        return frameBytes;
    }

    /** Frames lasting {@code millis}, rounded to the nearest exactly as {@code synthesizeLong} rounds a crossfade. */
    public long frames(long millis) {
        java.time.Duration d = java.time.Duration.ofMillis(millis);
        return (long) Math.rint((d.getSeconds() + d.getNano() / 1e9) * format.sampleRate());
    }

    /** The samples' own format without a container: what a chunk's payload bytes are. */
    public AudioFormat rawFormat() {
        return AudioFormat.of(AudioFormat.Container.RAW, format.encoding(), format.sampleRate(), format.channels(), 0);
    }

    /** Whether silence can be written (not for MP3, where a failed chunk is left out). */
    public boolean hasSilence() {
        return frameBytes > 0;
    }

    /** The sample bytes of one chunk: {offset, length}. */
    public int[] payload(byte[] chunk) {
        if (format.container() == AudioFormat.Container.WAV) {
            WavInfo info = WavCodec.readInfo(chunk);
            return new int[] {info.dataOffset(), info.dataLength()};
        }
        int whole = frameBytes == 0 ? chunk.length : chunk.length - chunk.length % frameBytes;
        return new int[] {0, whole};
    }

    /** Bytes of silence lasting {@code millis}. */
    public long silenceBytes(long millis) {
        if (frameBytes == 0) return 0;
        return millis * format.sampleRate() / 1000 * frameBytes;
    }

    /** Bytes of silence standing in for a failed chunk of {@code chars} characters. */
    public long silenceForChars(int chars) {
        return silenceBytes(MILLIS_PER_CHAR_ESTIMATE * Math.max(1, chars));
    }

    public byte silenceByte() {
        return silence;
    }

    /** The bytes before the samples: a WAV header sized for {@code dataBytes}, or nothing. */
    public byte[] header(long dataBytes) {
        if (format.container() != AudioFormat.Container.WAV) return new byte[0];
        if (dataBytes > 0xFFFF_FFFFL - 36) {
            throw UnsupportedRequestException.builder("the job's audio (" + dataBytes + " bytes) is too long for one WAV file").build();
        }
        byte[] header = WavCodec.wrapPcm16(new byte[0], format.sampleRate(), format.channels());
        writeInt(header, 4, 36 + dataBytes);
        writeInt(header, 40, dataBytes);
        return header;
    }

    private static void writeInt(byte[] b, int at, long v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
