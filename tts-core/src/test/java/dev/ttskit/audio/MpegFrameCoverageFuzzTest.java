package dev.ttskit.audio;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Coverage-guided fuzz target for the MPEG frame-header parser; replays committed inputs in the normal run. */
class MpegFrameCoverageFuzzTest {
    @FuzzTest(maxDuration = "")
    void parse(byte[] data) {
        MpegFrameHeader.first(data, 64 * 1024).ifPresent(h -> {
            if (h.length() <= 0) throw new IllegalStateException("frame length " + h.length());
            // Every header it accepts must be nameable as an MP3 format.
            AudioFormat.of(AudioFormat.Container.MP3, AudioFormat.Encoding.MP3, h.sampleRate(), h.channels(), h.bitrateKbps());
        });
        for (int offset = 0; offset < Math.min(data.length, 64); offset++) {
            MpegFrameHeader.parse(data, offset);
        }
        MpegFrameHeader.parse(data, -1);
        MpegFrameHeader.parse(data, data.length);
    }
}
