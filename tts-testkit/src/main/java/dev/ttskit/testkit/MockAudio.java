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

    /**
     * Bytes of the right size for a compressed format, starting with a frame sync so sniffers accept
     * them. FLAC, AAC (ADTS), Ogg Vorbis and Ogg Opus get headers that state {@code duration}, since the router
     * reads it from them; their payload is filler, not decodable audio.
     */
    private static byte[] compressedFrames(AudioFormat format, Duration duration) {
        long samples = Math.max(1, duration.toNanos() * format.sampleRate() / 1_000_000_000L);
        switch (format.encoding()) {
            case FLAC: return flacHeaders(format, samples);
            case AAC: return adtsFrames(format, samples);
            case VORBIS: return oggVorbisPages(format, samples);
            case OPUS: return oggOpusPages(format, duration);
            default: break;
        }
        int size = (int) Math.max(64, format.bytesPerSecond() * duration.toMillis() / 1000);
        byte[] out = new byte[size];
        Arrays.fill(out, (byte) 0x55);
        // MP3: a frame sync (MPEG-1 layer III, 128 kbit/s, 44.1 kHz), which the router walks frame by frame.
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFB;
        out[2] = (byte) 0x90;
        out[3] = (byte) 0x64;
        return out;
    }

    /** {@code fLaC} and a STREAMINFO block stating {@code samples}, then filler. */
    private static byte[] flacHeaders(AudioFormat format, long samples) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 + 34 + 64);
        b.put("fLaC".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.put((byte) 0x80).put((byte) 0).put((byte) 0).put((byte) 34);      // last block, STREAMINFO, 34 bytes
        b.putShort((short) 4096).putShort((short) 4096).put(new byte[6]);
        int rate = format.sampleRate();
        int channelsBits = format.channels() - 1;
        int bits = 15;                                                       // 16 bits a sample, minus one
        b.put((byte) (rate >>> 12)).put((byte) (rate >>> 4));
        b.put((byte) ((rate & 0x0F) << 4 | channelsBits << 1 | bits >>> 4));
        b.put((byte) ((bits & 0x0F) << 4 | ((int) (samples >>> 32) & 0x0F)));
        b.putInt((int) samples);
        b.put(new byte[16]);                                                 // MD5 unknown
        while (b.hasRemaining()) b.put((byte) 0x55);
        return b.array();
    }

    /** ADTS frames of 1024 samples each (AAC LC), covering {@code samples}; filler payload. */
    private static byte[] adtsFrames(AudioFormat format, long samples) {
        int[] rates = {96_000, 88_200, 64_000, 48_000, 44_100, 32_000, 24_000, 22_050, 16_000, 12_000, 11_025, 8_000, 7_350};
        int index = 0;
        while (index < rates.length && rates[index] != format.sampleRate()) index++;
        if (index == rates.length) throw new IllegalArgumentException("ADTS has no sampling index for " + format.sampleRate() + " Hz");
        int frames = (int) ((samples + 1023) / 1024);
        int frameLength = 7 + 24;
        byte[] out = new byte[frames * frameLength];
        java.util.Arrays.fill(out, (byte) 0x55);
        for (int f = 0; f < frames; f++) {
            int at = f * frameLength;
            out[at] = (byte) 0xFF;
            out[at + 1] = (byte) 0xF1;                                       // MPEG-4, layer 0, no CRC
            out[at + 2] = (byte) (1 << 6 | index << 2 | ((format.channels() >>> 2) & 1));   // AAC LC
            out[at + 3] = (byte) ((format.channels() & 3) << 6 | frameLength >>> 11);
            out[at + 4] = (byte) (frameLength >>> 3);
            out[at + 5] = (byte) ((frameLength & 7) << 5 | 0x1F);
            out[at + 6] = (byte) 0xFC;                                       // one raw data block
        }
        return out;
    }

    /** Two Ogg pages: the Vorbis identification header, then one whose granule is {@code samples}. */
    private static byte[] oggVorbisPages(AudioFormat format, long samples) {
        java.nio.ByteBuffer id = java.nio.ByteBuffer.allocate(30).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        id.put((byte) 1).put("vorbis".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0)
                .put((byte) format.channels()).putInt(format.sampleRate()).putInt(0).putInt(0).putInt(0)
                .put((byte) 0xB8).put((byte) 1);
        byte[] filler = new byte[200];
        java.util.Arrays.fill(filler, (byte) 0x55);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        oggPage(out, 2, 0, 0, id.array());
        oggPage(out, 4, samples, 1, filler);
        return out.toByteArray();
    }

    /**
     * Two Ogg pages: the Opus identification header (RFC 7845), then one whose granule covers
     * {@code duration} in 48 kHz samples after the encoder's usual pre-skip of 312.
     */
    private static byte[] oggOpusPages(AudioFormat format, Duration duration) {
        int preSkip = 312;
        java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(19).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        head.put("OpusHead".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 1).put((byte) format.channels())
                .putShort((short) preSkip).putInt(format.sampleRate()).putShort((short) 0).put((byte) 0);
        byte[] filler = new byte[200];
        java.util.Arrays.fill(filler, (byte) 0x55);
        long samples = Math.max(1, duration.toNanos() * 48_000 / 1_000_000_000L);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        oggPage(out, 2, 0, 0, head.array());
        oggPage(out, 4, samples + preSkip, 1, filler);
        return out.toByteArray();
    }

    private static void oggPage(java.io.ByteArrayOutputStream out, int flags, long granule, int sequence, byte[] packet) {
        int segments = packet.length / 255 + 1;
        java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(27 + segments).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        h.put("OggS".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 0).put((byte) flags)
                .putLong(granule).putInt(0x7474_6B74).putInt(sequence).putInt(0).put((byte) segments);
        for (int k = 0; k < segments - 1; k++) h.put((byte) 255);
        h.put((byte) (packet.length % 255));
        out.writeBytes(h.array());
        out.writeBytes(packet);
    }
}
