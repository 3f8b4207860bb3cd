package dev.ttskit.elevenlabs.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 44-byte RIFF header for 16-bit little-endian PCM. ElevenLabs sends PCM without a header, so
 * WAV requests get this written in front of the samples.
 */
public final class WavHeader {
    /** Size of the canonical PCM header. */
    public static final int SIZE = 44;

    private WavHeader() {
    }

    /** A header for {@code dataBytes} bytes of samples. */
    public static byte[] forLength(long dataBytes, int sampleRate, int channels) {
        if (dataBytes < 0 || dataBytes > 0xFFFF_FFFFL - 36) {
            throw new IllegalArgumentException("PCM data of " + dataBytes + " bytes does not fit a WAV file");
        }
        return header((int) (dataBytes + 36), (int) dataBytes, sampleRate, channels);
    }

    /**
     * A header for a stream whose length is not known yet: both sizes are the largest value, which
     * players read as "until the end of the stream".
     */
    public static byte[] streaming(int sampleRate, int channels) {
        return header(0xFFFF_FFFF, 0xFFFF_FFFF - 36, sampleRate, channels);
    }

    /** The samples with a header in front. */
    public static byte[] wrap(byte[] pcm, int sampleRate, int channels) {
        byte[] out = new byte[SIZE + pcm.length];
        System.arraycopy(forLength(pcm.length, sampleRate, channels), 0, out, 0, SIZE);
        System.arraycopy(pcm, 0, out, SIZE, pcm.length);
        return out;
    }

    private static byte[] header(int riffSize, int dataSize, int sampleRate, int channels) {
        int blockAlign = channels * 2;
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'R').put((byte) 'I').put((byte) 'F').put((byte) 'F').putInt(riffSize);
        b.put((byte) 'W').put((byte) 'A').put((byte) 'V').put((byte) 'E');
        b.put((byte) 'f').put((byte) 'm').put((byte) 't').put((byte) ' ').putInt(16);
        b.putShort((short) 1).putShort((short) channels).putInt(sampleRate).putInt(sampleRate * blockAlign);
        b.putShort((short) blockAlign).putShort((short) 16);
        b.put((byte) 'd').put((byte) 'a').put((byte) 't').put((byte) 'a').putInt(dataSize);
        return b.array();
    }
}
