package dev.ttskit.testkit;

import dev.ttskit.audio.AudioConverter;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.PcmAudio;

import java.time.Duration;
import java.util.Arrays;

/** Generates audio for tests: a tone or silence of a given length in any PCM-based format, or MP3-shaped frames. */
public final class MockAudio {
    private static final double TONE_HZ = 440.0;
    private static final double AMPLITUDE = 0.25;

    private MockAudio() {
    }

    /**
     * A 440 Hz tone at -12 dBFS (for MP3 and other compressed formats: frame-shaped bytes of that length).
     *
     * @param format   the format to encode it in
     * @param duration how long it plays
     * @return the encoded audio
     */
    public static byte[] tone(AudioFormat format, Duration duration) {
        if (!format.isPcmBased()) return compressedFrames(format, duration);
        int rate = format.sampleRate();
        int frames = frames(rate, duration);
        float[] samples = new float[frames * format.channels()];
        for (int i = 0; i < frames; i++) {
            float v = (float) (AMPLITUDE * Math.sin(2 * Math.PI * TONE_HZ * i / rate));
            for (int c = 0; c < format.channels(); c++) samples[i * format.channels() + c] = v;
        }
        return AudioConverter.encode(PcmAudio.of(samples, rate, format.channels()), format);
    }

    /**
     * Digital silence, which the router must refuse as BAD_AUDIO.
     *
     * @param format   the format to encode it in
     * @param duration how long it lasts
     * @return the encoded audio
     */
    public static byte[] silence(AudioFormat format, Duration duration) {
        if (!format.isPcmBased()) return compressedFrames(format, duration);
        int frames = frames(format.sampleRate(), duration);
        return AudioConverter.encode(PcmAudio.of(new float[frames * format.channels()], format.sampleRate(), format.channels()), format);
    }

    private static int frames(int rate, Duration duration) {
        return Math.toIntExact(Math.max(1, duration.toNanos() * rate / 1_000_000_000L));
    }

    /** Bytes of the right size for a compressed format, starting with a frame sync so sniffers accept them. */
    private static byte[] compressedFrames(AudioFormat format, Duration duration) {
        int size = (int) Math.max(64, format.bytesPerSecond() * duration.toMillis() / 1000);
        byte[] out = new byte[size];
        Arrays.fill(out, (byte) 0x55);
        if (format.encoding() == AudioFormat.Encoding.MP3) {
            out[0] = (byte) 0xFF;
            out[1] = (byte) 0xFB;
            out[2] = (byte) 0x90;
            out[3] = (byte) 0x64;
        } else {
            System.arraycopy("OggS".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, out, 0, 4);
        }
        return out;
    }
}
