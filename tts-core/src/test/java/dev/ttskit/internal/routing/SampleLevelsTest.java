package dev.ttskit.internal.routing;

import dev.ttskit.AudioCheckPolicy;
import dev.ttskit.AudioFormatException;
import dev.ttskit.audio.AudioConverter;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.audio.WavCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audio checks stop reading once their verdict is certain, and reach the same verdict as
 * reading everything: checked in place from 16-bit PCM or from decoded samples alike.
 */
class SampleLevelsTest {
    private static final int RATE = 24_000;
    private static final int FRAME = RATE / 50;   // 20 ms
    private static final String TEXT = "Hello there.";

    /** {@code seconds} of samples: a 440 Hz tone at {@code amplitude} in the frames {@code loud}, silence elsewhere. */
    private static float[] audio(double seconds, double amplitude, int fromFrame, int toFrame) {
        float[] s = new float[(int) (seconds * RATE)];
        for (int i = fromFrame * FRAME; i < Math.min(s.length, toFrame * FRAME); i++) {
            s[i] = (float) (amplitude * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        return s;
    }

    private static byte[] wav(float[] samples) {
        return WavCodec.encode(PcmAudio.of(samples, RATE, 1));
    }

    @Test
    void loudAudioIsSettledWithinItsFirstFramesAndTheRestIsNotRead() {
        float[] tone = audio(2, 0.5, 0, 100);
        SampleLevels early = SampleLevels.measure(SampleLevels.floats(tone), tone.length, RATE, 1, -50, -60, 0.05);
        assertFalse(early.complete);
        assertTrue(early.read <= 5 * FRAME, "read " + early.read + " of " + tone.length);
        SampleLevels all = SampleLevels.measure(SampleLevels.floats(tone), tone.length, RATE, 1, -50,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertTrue(all.complete);
        assertEquals(tone.length, all.read);
        assertTrue(early.rmsDbfs <= all.rmsDbfs && early.activeFraction <= all.activeFraction, "what was read bounds the whole from below");
    }

    @Test
    void theFrameThatSettlesTheActiveShareIsWhereReadingStops() {
        // Silence, then sound from frame 30 of 100: 5 % active is reached at frame 35, the RMS long before.
        float[] late = audio(2, 0.5, 30, 100);
        SampleLevels levels = SampleLevels.measure(SampleLevels.floats(late), late.length, RATE, 1, -50, -60, 0.05);
        assertFalse(levels.complete);
        assertEquals(35 * FRAME, levels.read);
    }

    @Test
    void failingAudioIsReadToItsEndSoItsFiguresAreTheWholeOnes() {
        float[] click = audio(1, 0, 0, 0);
        click[100] = 1f;
        SampleLevels levels = SampleLevels.measure(SampleLevels.floats(click), click.length, RATE, 1, -50, -60, 0.05);
        assertTrue(levels.complete);
        assertEquals(click.length, levels.read);
        assertEquals(1.0 / 50, levels.activeFraction, 1e-12);
    }

    @Test
    void aStreamsProbeStopsAtTheFirstFrameWithSound() {
        float[] s = audio(1, 0.5, 7, 50);
        assertTrue(SampleLevels.anyFrameAbove(SampleLevels.floats(s), s.length, RATE, 1, -50));
        SampleLevels probe = SampleLevels.measure(SampleLevels.floats(s), s.length, RATE, 1, -50, Double.NEGATIVE_INFINITY, Double.MIN_VALUE);
        assertEquals(8 * FRAME, probe.read, "the eighth frame is the first with sound");
        assertFalse(SampleLevels.anyFrameAbove(SampleLevels.floats(audio(1, 0, 0, 0)), RATE, RATE, 1, -50));
    }

    @Test
    void pcm16ReadInPlaceIsTheDecodersSamples() {
        float[] tone = audio(0.1, 0.3, 0, 5);
        byte[] raw = PcmAudio.of(tone, RATE, 1).toPcm16();
        float[] decoded = AudioConverter.decode(raw, AudioFormat.PCM16_24K).samples();
        SampleLevels.Samples inPlace = SampleLevels.pcm16(raw, 0);
        for (int i = 0; i < decoded.length; i++) assertEquals(decoded[i], inPlace.at(i), 0f);
    }

    /** The verdict (or its message) in place, and from decoded samples as before. */
    private static List<String> verdicts(byte[] audio, AudioFormat format, String text, AudioCheckPolicy policy) {
        List<String> out = new ArrayList<>();
        out.add(verdict(() -> AudioCheck.checkPcm16InPlace(audio, format, text, policy, "p", "r") ? "handled" : "not handled"));
        out.add(verdict(() -> {
            AudioCheck.check(AudioConverter.decode(audio, format), text, policy, "p", "r");
            return "handled";
        }));
        return out;
    }

    private static String verdict(Supplier<String> check) {
        try {
            return check.get();
        } catch (AudioFormatException e) {
            return e.getMessage();
        }
    }

    @Test
    void inPlaceAndDecodedChecksAgreeOnEveryVerdict() {
        float[] clickInSilence = audio(1, 0, 0, 0);
        clickInSilence[500] = 1f;
        List<float[]> cases = List.of(audio(1, 0.5, 0, 50), audio(1, 0, 0, 0), clickInSilence, audio(0.02, 0.5, 0, 1),
                audio(1, 0.5, 45, 50), audio(1, 0.00005, 0, 50));
        for (AudioCheckPolicy policy : List.of(AudioCheckPolicy.DEFAULT, AudioCheckPolicy.OFF)) {
            for (float[] c : cases) {
                List<String> wav = verdicts(wav(c), AudioFormat.WAV_PCM16_24K, TEXT, policy);
                assertEquals(wav.get(1), wav.get(0), "WAV, " + policy);
                byte[] raw = PcmAudio.of(c, RATE, 1).toPcm16();
                List<String> pcm = verdicts(raw, AudioFormat.PCM16_24K, TEXT, policy);
                assertEquals(pcm.get(1), pcm.get(0), "raw PCM, " + policy);
            }
        }
    }

    @Test
    void audioTheCheckCannotReadInPlaceIsLeftToTheDecoder() {
        byte[] odd = new byte[3];
        assertFalse(AudioCheck.checkPcm16InPlace(odd, AudioFormat.PCM16_24K, TEXT, AudioCheckPolicy.DEFAULT, "p", "r"));
        assertFalse(AudioCheck.checkPcm16InPlace(new byte[] {1, 2, 3}, AudioFormat.WAV_PCM16_24K, TEXT, AudioCheckPolicy.DEFAULT, "p", "r"));
        byte[] headerOnly = WavCodec.streamingHeader(RATE, 1);
        assertFalse(AudioCheck.checkPcm16InPlace(headerOnly, AudioFormat.WAV_PCM16_24K, TEXT, AudioCheckPolicy.DEFAULT, "p", "r"));
    }
}
