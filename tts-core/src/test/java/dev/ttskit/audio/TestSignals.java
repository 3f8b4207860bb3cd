package dev.ttskit.audio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Generated test audio and hand-assembled RIFF files. */
final class TestSignals {

    private TestSignals() {
    }

    /** A mono sine of {@code frames} frames. */
    static PcmAudio sine(double hz, double amplitude, int rate, int frames) {
        float[] s = new float[frames];
        for (int i = 0; i < frames; i++) {
            s[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return PcmAudio.of(s, rate, 1);
    }

    /** Amplitude of the {@code hz} component over samples {@code [from, to)} of mono audio (a single DFT bin). */
    static double toneAmplitude(PcmAudio a, double hz, int from, int to) {
        float[] s = a.samples();
        double re = 0;
        double im = 0;
        double windowSum = 0;
        for (int i = from; i < to; i++) {
            // Hann window keeps leakage from other components out of the bin.
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i - from) / (to - from));
            double phase = 2 * Math.PI * hz * i / a.sampleRate();
            re += w * s[i] * Math.cos(phase);
            im += w * s[i] * Math.sin(phase);
            windowSum += w;
        }
        return 2 * Math.hypot(re, im) / windowSum;
    }

    /** Builds RIFF files chunk by chunk, with any sizes the test wants. */
    static final class Riff {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        static Riff wave() {
            Riff r = new Riff();
            r.id("RIFF").u32(0xFFFF_FFFFL).id("WAVE");
            return r;
        }

        Riff id(String fourcc) {
            out.writeBytes(fourcc.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Riff u16(int v) {
            out.write(v);
            out.write(v >> 8);
            return this;
        }

        Riff u32(long v) {
            for (int i = 0; i < 4; i++) {
                out.write((int) (v >> (8 * i)));
            }
            return this;
        }

        Riff bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        /** A plain 16-byte fmt chunk. */
        Riff fmt(int tag, int channels, long rate, int bits) {
            return id("fmt ").u32(16).u16(tag).u16(channels).u32(rate)
                    .u32(rate * channels * bits / 8).u16(channels * bits / 8).u16(bits);
        }

        /** A 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk with the given sub-format tag. */
        Riff fmtExtensible(int subTag, int channels, long rate, int bits, int validBits) {
            id("fmt ").u32(40).u16(0xFFFE).u16(channels).u32(rate)
                    .u32(rate * channels * bits / 8).u16(channels * bits / 8).u16(bits)
                    .u16(22).u16(validBits).u32(channels == 2 ? 3 : 4).u16(subTag);
            return bytes(new byte[] {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA,
                0x00, 0x38, (byte) 0x9B, 0x71});
        }

        /** A chunk with its true size and the pad byte when odd. */
        Riff chunk(String fourcc, byte[] body) {
            id(fourcc).u32(body.length).bytes(body);
            if (body.length % 2 == 1) {
                out.write(0);
            }
            return this;
        }

        /** A data chunk claiming {@code declaredSize}, followed by {@code body}. */
        Riff data(long declaredSize, byte[] body) {
            return id("data").u32(declaredSize).bytes(body);
        }

        byte[] build() {
            return out.toByteArray();
        }
    }
}
