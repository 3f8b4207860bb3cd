package dev.ttskit.audio;

/**
 * Conversions between packed sample bytes and floats. Callers check bounds: every method reads
 * exactly {@code [offset, offset + length)} and {@code length} is a whole number of samples.
 */
final class SampleCodec {

    private SampleCodec() {
    }

    /** Signed 16-bit little-endian to floats; full scale is 32768 so the round trip is exact. */
    static float[] pcm16ToFloat(byte[] b, int offset, int length) {
        float[] out = new float[length / 2];
        for (int i = 0, p = offset; i < out.length; i++, p += 2) {
            out[i] = (short) ((b[p] & 0xFF) | (b[p + 1] << 8)) / 32768f;
        }
        return out;
    }

    /** Floats to signed 16-bit little-endian, rounded and clipped; NaN becomes 0. */
    static byte[] floatToPcm16(float[] samples) {
        byte[] out = new byte[Math.multiplyExact(samples.length, 2)];
        for (int i = 0, p = 0; i < samples.length; i++, p += 2) {
            int v = toPcm16(samples[i]);
            out[p] = (byte) v;
            out[p + 1] = (byte) (v >> 8);
        }
        return out;
    }

    /** One float to a 16-bit value, rounded and clipped; NaN becomes 0. */
    static int toPcm16(float sample) {
        long v = Math.round(sample * 32768.0);
        return (int) Math.max(-32768, Math.min(32767, v));
    }

    /** Unsigned 8-bit (WAV's 8-bit PCM, silence at 128). */
    static float[] pcm8ToFloat(byte[] b, int offset, int length) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = ((b[offset + i] & 0xFF) - 128) / 128f;
        }
        return out;
    }

    /** Signed 24-bit little-endian. */
    static float[] pcm24ToFloat(byte[] b, int offset, int length) {
        float[] out = new float[length / 3];
        for (int i = 0, p = offset; i < out.length; i++, p += 3) {
            int v = (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] << 16);
            out[i] = v / 8_388_608f;
        }
        return out;
    }

    /** Signed 32-bit little-endian. */
    static float[] pcm32ToFloat(byte[] b, int offset, int length) {
        float[] out = new float[length / 4];
        for (int i = 0, p = offset; i < out.length; i++, p += 4) {
            out[i] = (float) (readInt32(b, p) / 2_147_483_648.0);
        }
        return out;
    }

    /** IEEE 754 32-bit float, little-endian. */
    static float[] float32ToFloat(byte[] b, int offset, int length) {
        float[] out = new float[length / 4];
        for (int i = 0, p = offset; i < out.length; i++, p += 4) {
            out[i] = Float.intBitsToFloat(readInt32(b, p));
        }
        return out;
    }

    /** IEEE 754 64-bit float, little-endian. */
    static float[] float64ToFloat(byte[] b, int offset, int length) {
        float[] out = new float[length / 8];
        for (int i = 0, p = offset; i < out.length; i++, p += 8) {
            long bits = (readInt32(b, p) & 0xFFFF_FFFFL) | ((long) readInt32(b, p + 4) << 32);
            out[i] = (float) Double.longBitsToDouble(bits);
        }
        return out;
    }

    /** G.711 µ-law bytes. */
    static float[] mulawToFloat(byte[] b, int offset, int length) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = G711.ulawToLinear(b[offset + i]) / 32768f;
        }
        return out;
    }

    /** G.711 A-law bytes. */
    static float[] alawToFloat(byte[] b, int offset, int length) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = G711.alawToLinear(b[offset + i]) / 32768f;
        }
        return out;
    }

    /** Floats to G.711 µ-law bytes. */
    static byte[] floatToMulaw(float[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = G711.linearToUlaw(toPcm16(samples[i]));
        }
        return out;
    }

    /** Floats to G.711 A-law bytes. */
    static byte[] floatToAlaw(float[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = G711.linearToAlaw(toPcm16(samples[i]));
        }
        return out;
    }

    static int readInt32(byte[] b, int p) {
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16) | (b[p + 3] << 24);
    }
}
