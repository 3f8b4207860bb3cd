package dev.ttskit.replicate.internal;

import java.util.Optional;

/**
 * The facts of a RIFF/WAVE file that matter here, read within bounds: header sizes are never trusted
 * beyond the bytes actually present.
 *
 * @param formatTag     1 for integer PCM, 3 for float, 0xFFFE for extensible
 * @param sampleRate    samples per second
 * @param channels      channel count
 * @param bitsPerSample bits per sample
 * @param dataOffset    where the sample data starts
 * @param dataLength    sample bytes present (clipped to the file)
 */
public record WavHeader(int formatTag, int sampleRate, int channels, int bitsPerSample, int dataOffset, int dataLength) {

    /** Reads the header; empty when the bytes are not a parsable WAV file with fmt and data chunks. */
    public static Optional<WavHeader> read(byte[] b) {
        if (b.length < 12 || !tag(b, 0, "RIFF") || !tag(b, 8, "WAVE")) return Optional.empty();
        int pos = 12;
        int formatTag = -1;
        int rate = 0;
        int channels = 0;
        int bits = 0;
        while (pos + 8 <= b.length) {
            long size = le32(b, pos + 4) & 0xffffffffL;
            int body = pos + 8;
            if (tag(b, pos, "fmt ")) {
                if (size < 16 || body + 16 > b.length) return Optional.empty();
                formatTag = le16(b, body);
                channels = le16(b, body + 2);
                rate = le32(b, body + 4);
                bits = le16(b, body + 14);
                if (formatTag == 0xFFFE && size >= 40 && body + 26 <= b.length) formatTag = le16(b, body + 24);
            } else if (tag(b, pos, "data")) {
                if (formatTag < 0 || channels < 1 || rate < 1) return Optional.empty();
                long available = b.length - (long) body;
                int length = (int) Math.min(available, size == 0xffffffffL || size == 0 ? available : size);
                return Optional.of(new WavHeader(formatTag, rate, channels, bits, body, length));
            }
            long next = body + size + (size & 1);
            if (next > b.length) break;
            pos = (int) next;
        }
        return Optional.empty();
    }

    public boolean isPcm16() {
        return formatTag == 1 && bitsPerSample == 16;
    }

    private static boolean tag(byte[] b, int offset, String s) {
        if (offset + 4 > b.length) return false;
        for (int i = 0; i < 4; i++) if (b[offset + i] != (byte) s.charAt(i)) return false;
        return true;
    }

    private static int le16(byte[] b, int o) {
        return (b[o] & 0xff) | ((b[o + 1] & 0xff) << 8);
    }

    private static int le32(byte[] b, int o) {
        return (b[o] & 0xff) | ((b[o + 1] & 0xff) << 8) | ((b[o + 2] & 0xff) << 16) | ((b[o + 3] & 0xff) << 24);
    }
}
