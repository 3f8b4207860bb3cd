package dev.ttskit.audio;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ttskit.AudioFormatException;

/**
 * Coverage-guided fuzz target for the WAV reader and the converter. In the normal test run it replays
 * the committed inputs (src/test/resources/dev/ttskit/audio/WavCoverageFuzzTestInputs); with
 * {@code JAZZER_FUZZ=1} it explores (see the README's fuzzing section).
 */
class WavCoverageFuzzTest {
    private static final AudioFormat[] TARGETS = {AudioFormat.WAV_PCM16_24K, AudioFormat.PCM16_16K, AudioFormat.MULAW_8K};

    @FuzzTest(maxDuration = "")
    void readAndConvert(byte[] data) {
        WavInfo info;
        PcmAudio pcm;
        try {
            info = WavCodec.readInfo(data);
            pcm = WavCodec.decode(data);
        } catch (AudioFormatException expected) {
            return;   // the one failure a reader may report
        }
        // Whatever the reader accepts, a format can name: the gap behind odd Replicate outputs.
        AudioFormat named = AudioFormat.of(AudioFormat.Container.WAV, AudioFormat.Encoding.PCM_S16LE, info.sampleRate(),
                info.channels(), 0);
        if (pcm.sampleRate() != named.sampleRate() || pcm.channels() != named.channels()) {
            throw new IllegalStateException("header and decoded audio disagree: " + info + " vs " + pcm);
        }
        if (pcm.frames() > 48_000) return;   // conversion cost grows with length; the parser is the target
        AudioFormat target = TARGETS[data.length % TARGETS.length];
        byte[] out = AudioConverter.encode(pcm, target);
        // Found by fuzzing: audio shorter than one frame at the target rate resamples to nothing, and
        // an empty result is (rightly) not audio to decode. The router refuses such audio before
        // converting it, so only the round trip of at least one output frame is checked here.
        if ((long) pcm.frames() * target.sampleRate() < 2L * pcm.sampleRate()) return;
        PcmAudio back = AudioConverter.decode(out, target);
        if (back.sampleRate() != target.sampleRate() || back.channels() != target.channels()) {
            throw new IllegalStateException("converted audio is not in the target format " + target);
        }
    }
}
