package dev.ttskit.xtts.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Float samples to 16-bit little-endian PCM and WAV headers. Kept inside the adapter until the shared
 * {@code dev.ttskit.audio} helpers are available to it.
 */
public final class Pcm16 {
    private Pcm16() {
    }

    public static byte[] encode(float[] samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            float c = Math.max(-1f, Math.min(1f, s));
            b.putShort((short) Math.round(c * 32767f));
        }
        return b.array();
    }

    /** A 44-byte mono PCM16 header; {@code dataBytes} &lt; 0 writes the unknown-length form for streams. */
    public static byte[] wavHeader(int sampleRate, long dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        int riff = dataBytes < 0 ? -1 : (int) (36 + dataBytes);
        int data = dataBytes < 0 ? -1 : (int) dataBytes;
        b.putInt(0x46464952).putInt(riff).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(data);
        return b.array();
    }
}
