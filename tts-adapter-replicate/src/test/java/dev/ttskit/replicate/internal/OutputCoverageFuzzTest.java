package dev.ttskit.replicate.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ttskit.AudioFormatException;
import dev.ttskit.audio.AudioFormat;

/**
 * Coverage-guided fuzz target for Replicate output handling: a data: URI or downloaded bytes of any
 * shape become delivered audio or a typed, non-retryable AudioFormatException, never anything else.
 * The normal run replays src/test/resources/dev/ttskit/replicate/internal/OutputCoverageFuzzTestInputs.
 */
class OutputCoverageFuzzTest {
    private static final long CAP = 1 << 16;
    private static final AudioFormat[] WANTED = {AudioFormat.WAV_PCM16_24K, AudioFormat.PCM16_16K, AudioFormat.MP3_44K_128,
            AudioFormat.MULAW_8K};

    /** First byte: bit 0 picks a data: URI over raw bytes, bits 1-2 the wanted format; the rest is the payload. */
    @FuzzTest(maxDuration = "")
    void outputs(byte[] data) {
        if (data.length == 0) return;
        AudioFormat wanted = WANTED[(data[0] >> 1) & 3];
        byte[] payload = java.util.Arrays.copyOfRange(data, 1, data.length);
        try {
            byte[] bytes = payload;
            if ((data[0] & 1) != 0) {
                bytes = DataUri.decode(new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1), CAP, "replicate", "p1");
                if (bytes.length > CAP) throw new IllegalStateException("decoded past the cap: " + bytes.length);
            }
            OutputAudio out = OutputAudio.of(bytes, wanted, "replicate", "p1");
            if (out.audio().length == 0) throw new IllegalStateException("empty audio delivered");
        } catch (AudioFormatException e) {
            if (e.retryable()) throw new IllegalStateException("a model's odd output must not be retried", e);
        }
    }
}
