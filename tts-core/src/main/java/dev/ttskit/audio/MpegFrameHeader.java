package dev.ttskit.audio;

import org.jspecify.annotations.Nullable;

import java.util.Optional;

/**
 * The 4-byte header of one MPEG audio frame (MPEG-1, 2 or 2.5; layer I, II or III), read from bytes
 * without trusting anything else in the file. Used to tell an MP3's rate, channels and bitrate, and
 * to walk or bound its frames.
 *
 * @param version     the header's version bits: 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
 * @param layer       1, 2 or 3
 * @param bitrateKbps this frame's bitrate
 * @param sampleRate  samples per second
 * @param padding     1 when the frame carries a padding slot
 * @param mono        whether the channel mode is single-channel
 */
public record MpegFrameHeader(int version, int layer, int bitrateKbps, int sampleRate, int padding, boolean mono) {
    private static final int[][] BITRATES_KBPS = {
            {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},   // MPEG-1 layer I
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},      // MPEG-1 layer II
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},       // MPEG-1 layer III
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},      // MPEG-2/2.5 layer I
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}};          // MPEG-2/2.5 layers II, III
    private static final int[] MPEG1_RATES = {44_100, 48_000, 32_000};

    /**
     * The frame header at {@code offset}.
     *
     * @param b      the bytes to read
     * @param offset where the header would start
     * @return the header; empty when those four bytes are not one, or lie outside {@code b}
     */
    public static Optional<MpegFrameHeader> parse(byte[] b, int offset) {
        if (offset < 0 || offset + 4 > b.length) return Optional.empty();
        int b1 = b[offset + 1] & 0xFF;
        int b2 = b[offset + 2] & 0xFF;
        if ((b[offset] & 0xFF) != 0xFF || (b1 & 0xE0) != 0xE0) return Optional.empty();
        int version = (b1 >> 3) & 0x03;
        int layerBits = (b1 >> 1) & 0x03;
        int bitrateIndex = b2 >> 4;
        int rateIndex = (b2 >> 2) & 0x03;
        if (version == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) return Optional.empty();
        int layer = 4 - layerBits;
        int sampleRate = MPEG1_RATES[rateIndex] >> (version == 3 ? 0 : version == 2 ? 1 : 2);
        int kbps = table(version, layer)[bitrateIndex];
        return Optional.of(new MpegFrameHeader(version, layer, kbps, sampleRate, (b2 >> 1) & 1, ((b[offset + 3] >> 6) & 3) == 3));
    }

    /**
     * The first frame header after an optional ID3v2 tag, searching at most {@code searchLimit} bytes
     * past the tag.
     *
     * @param b           the start of an MP3 file
     * @param searchLimit how many bytes after the tag may come before the first frame
     * @return the header; empty when there is none or the tag runs past the end
     */
    public static Optional<MpegFrameHeader> first(byte[] b, int searchLimit) {
        long start = 0;
        if (b.length >= 10 && b[0] == 'I' && b[1] == 'D' && b[2] == '3') {
            // ID3v2 size: four 7-bit bytes after the 10-byte header, plus a footer when flagged.
            long size = ((b[6] & 0x7FL) << 21) | ((b[7] & 0x7FL) << 14) | ((b[8] & 0x7FL) << 7) | (b[9] & 0x7FL);
            start = 10 + size + ((b[5] & 0x10) != 0 ? 10 : 0);
            if (start >= b.length) return Optional.empty();
        }
        long stop = Math.min(b.length - 4L, start + searchLimit);
        for (int i = (int) start; i <= stop; i++) {
            Optional<MpegFrameHeader> f = parse(b, i);
            if (f.isPresent()) return f;
        }
        return Optional.empty();
    }

    /**
     * Whether this is MPEG-1 audio (rather than MPEG-2 or 2.5, the low-rate extensions).
     *
     * @return true for MPEG-1
     */
    public boolean mpeg1() {
        return version == 3;
    }

    /**
     * Channels in the frame.
     *
     * @return 1 for single-channel, 2 for stereo, joint stereo and dual channel
     */
    public int channels() {
        return mono ? 1 : 2;
    }

    /**
     * Samples per channel that one frame decodes to.
     *
     * @return 384, 1152 or 576, by layer and version
     */
    public int samplesPerFrame() {
        if (layer == 1) return 384;
        if (layer == 2 || mpeg1()) return 1152;
        return 576;
    }

    /**
     * This frame's length.
     *
     * @return bytes, header included
     */
    public int length() {
        return lengthAt(bitrateKbps, padding);
    }

    /**
     * The length a frame of this stream would have at another bitrate and padding.
     *
     * @param kbps bitrate in kbit/s
     * @param pad  1 for a padding slot, 0 for none
     * @return bytes, header included
     */
    public int lengthAt(int kbps, int pad) {
        if (layer == 1) return (12 * kbps * 1000 / sampleRate + pad) * 4;
        int factor = (layer == 3 && !mpeg1()) ? 72 : 144;
        return factor * kbps * 1000 / sampleRate + pad;
    }

    /**
     * The shortest frame this stream can have (lowest bitrate, no padding): bounds a frame count.
     *
     * @return bytes, header included
     */
    public int minLength() {
        return lengthAt(table(version, layer)[1], 0);
    }

    /**
     * The layer III side information after the header, where Xing/Info tags start.
     *
     * @return its length in bytes
     */
    public int sideInfoBytes() {
        if (mpeg1()) return mono ? 17 : 32;
        return mono ? 9 : 17;
    }

    /**
     * Whether {@code other} can be the next frame of the same stream: same version, layer and rate.
     *
     * @param other the frame after this one, or null when there is none
     * @return false for null
     */
    public boolean sameStream(@Nullable MpegFrameHeader other) {
        return other != null && other.version == version && other.layer == layer && other.sampleRate == sampleRate;
    }

    private static int[] table(int version, int layer) {
        if (version == 3) return BITRATES_KBPS[layer - 1];
        return layer == 1 ? BITRATES_KBPS[3] : BITRATES_KBPS[4];
    }
}
