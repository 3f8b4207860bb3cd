package dev.ttskit.replicate.internal;

import java.util.Optional;

/**
 * The header of one MPEG audio frame (Layer III), enough to tell the sample rate and bitrate of an
 * MP3 output.
 *
 * @param sampleRate  samples per second
 * @param bitrateKbps bitrate of this frame in kbit/s
 * @param channels    1 for mono, 2 otherwise
 */
public record Mp3Frame(int sampleRate, int bitrateKbps, int channels) {
    private static final int[] V1_L3 = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0};
    private static final int[] V2_L3 = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0};
    private static final int[][] RATES = {{11025, 12000, 8000}, {0, 0, 0}, {22050, 24000, 16000}, {44100, 48000, 32000}};

    /** Parses the 4-byte frame header at {@code offset}; empty when it is not a valid Layer III header. */
    public static Optional<Mp3Frame> parse(byte[] b, int offset) {
        if (offset < 0 || offset + 4 > b.length) return Optional.empty();
        int h = ((b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16) | ((b[offset + 2] & 0xff) << 8) | (b[offset + 3] & 0xff);
        if ((h & 0xFFE00000) != 0xFFE00000) return Optional.empty();
        int version = (h >>> 19) & 3;          // 0: 2.5, 2: 2, 3: 1
        int layer = (h >>> 17) & 3;            // 1: Layer III
        int bitrateIndex = (h >>> 12) & 15;
        int rateIndex = (h >>> 10) & 3;
        if (version == 1 || layer != 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) return Optional.empty();
        int bitrate = version == 3 ? V1_L3[bitrateIndex] : V2_L3[bitrateIndex];
        int rate = RATES[version][rateIndex];
        int channels = ((h >>> 6) & 3) == 3 ? 1 : 2;
        return Optional.of(new Mp3Frame(rate, bitrate, channels));
    }

    /** The first frame after an optional ID3v2 tag, searching at most {@code limit} bytes. */
    public static Optional<Mp3Frame> first(byte[] b, int limit) {
        int start = 0;
        if (b.length >= 10 && b[0] == 'I' && b[1] == 'D' && b[2] == '3') {
            // ID3v2 size: four 7-bit bytes, plus the 10-byte header (and a footer when flagged).
            long size = ((b[6] & 0x7fL) << 21) | ((b[7] & 0x7fL) << 14) | ((b[8] & 0x7fL) << 7) | (b[9] & 0x7fL);
            long end = 10 + size + ((b[5] & 0x10) != 0 ? 10 : 0);
            if (end >= b.length) return Optional.empty();
            start = (int) end;
        }
        int stop = (int) Math.min(b.length - 4L, (long) start + limit);
        for (int i = start; i <= stop; i++) {
            if ((b[i] & 0xff) == 0xff) {
                Optional<Mp3Frame> f = parse(b, i);
                if (f.isPresent()) return f;
            }
        }
        return Optional.empty();
    }
}
