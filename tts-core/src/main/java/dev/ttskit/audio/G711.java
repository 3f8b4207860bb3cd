package dev.ttskit.audio;

/**
 * ITU-T G.711 µ-law and A-law companding, bit-exact with the reference implementation
 * (Sun Microsystems' public-domain g711.c) on 16-bit linear samples.
 */
final class G711 {

    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 8159;
    private static final int[] ULAW_SEGMENT_END = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
    private static final int[] ALAW_SEGMENT_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

    private static final short[] ULAW_DECODE = new short[256];
    private static final short[] ALAW_DECODE = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_DECODE[i] = (short) decodeUlaw(i);
            ALAW_DECODE[i] = (short) decodeAlaw(i);
        }
    }

    private G711() {
    }

    /** A µ-law byte as a signed 16-bit sample. */
    static int ulawToLinear(byte code) {
        return ULAW_DECODE[code & 0xFF];
    }

    /** An A-law byte as a signed 16-bit sample. */
    static int alawToLinear(byte code) {
        return ALAW_DECODE[code & 0xFF];
    }

    /** A signed 16-bit sample as a µ-law byte. */
    static byte linearToUlaw(int pcm16) {
        int v = pcm16 >> 2;
        int mask;
        if (v < 0) {
            v = -v;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        if (v > ULAW_CLIP) {
            v = ULAW_CLIP;
        }
        v += ULAW_BIAS >> 2;
        int seg = segment(v, ULAW_SEGMENT_END);
        if (seg >= 8) {
            return (byte) (0x7F ^ mask);
        }
        return (byte) (((seg << 4) | ((v >> (seg + 1)) & 0xF)) ^ mask);
    }

    /** A signed 16-bit sample as an A-law byte. */
    static byte linearToAlaw(int pcm16) {
        int v = pcm16 >> 3;
        int mask;
        if (v >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            v = -v - 1;
        }
        int seg = segment(v, ALAW_SEGMENT_END);
        if (seg >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int code = seg << 4;
        code |= seg < 2 ? (v >> 1) & 0xF : (v >> seg) & 0xF;
        return (byte) (code ^ mask);
    }

    private static int segment(int v, int[] ends) {
        for (int i = 0; i < ends.length; i++) {
            if (v <= ends[i]) {
                return i;
            }
        }
        return ends.length;
    }

    private static int decodeUlaw(int code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + ULAW_BIAS;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS;
    }

    private static int decodeAlaw(int code) {
        int a = code ^ 0x55;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        if (seg == 0) {
            t += 8;
        } else {
            t = (t + 0x108) << (seg - 1);
        }
        return (a & 0x80) != 0 ? t : -t;
    }
}
