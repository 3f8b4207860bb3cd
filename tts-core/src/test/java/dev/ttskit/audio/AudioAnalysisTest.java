package dev.ttskit.audio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioAnalysisTest {

    @Test
    void sineLevels() {
        PcmAudio sine = TestSignals.sine(1_000, 0.5, 48_000, 48_000);
        assertEquals(0.5 / Math.sqrt(2), AudioAnalysis.rms(sine), 1e-4);
        assertEquals(0.5, AudioAnalysis.peak(sine), 1e-4);
        assertEquals(-6.02, AudioAnalysis.toDbfs(AudioAnalysis.peak(sine)), 0.01);
    }

    @Test
    void levelsCoverAllChannelsAndNegativePeaks() {
        PcmAudio a = PcmAudio.of(new float[] {0f, -0.8f, 0.6f, 0f}, 8_000, 2);
        assertEquals(0.8, AudioAnalysis.peak(a), 1e-6);
        assertEquals(0.5, AudioAnalysis.rms(a), 1e-6);
    }

    @Test
    void emptyAudioIsSilentWithZeroLevels() {
        PcmAudio empty = PcmAudio.of(new float[0], 16_000, 1);
        assertEquals(0, AudioAnalysis.rms(empty));
        assertEquals(0, AudioAnalysis.peak(empty));
        assertTrue(AudioAnalysis.isSilent(empty));
        assertEquals(Double.NEGATIVE_INFINITY, AudioAnalysis.toDbfs(0));
    }

    @Test
    void silenceThresholdIsSixtyDecibelsBelowFullScale() {
        assertTrue(AudioAnalysis.isSilent(PcmAudio.of(new float[1_000], 16_000, 1)));
        assertTrue(AudioAnalysis.isSilent(TestSignals.sine(300, 0.0009, 16_000, 16_000)));     // -61 dBFS
        assertFalse(AudioAnalysis.isSilent(TestSignals.sine(300, 0.0011, 16_000, 16_000)));    // -59 dBFS
        float[] click = new float[16_000];
        click[8_000] = 0.01f;                                                                    // one -40 dBFS sample
        assertFalse(AudioAnalysis.isSilent(PcmAudio.of(click, 16_000, 1)));
    }

    @Test
    void customThreshold() {
        PcmAudio quiet = TestSignals.sine(300, 0.01, 16_000, 16_000);                           // -40 dBFS
        assertTrue(AudioAnalysis.isSilent(quiet, -30));
        assertFalse(AudioAnalysis.isSilent(quiet, -50));
        assertThrows(IllegalArgumentException.class, () -> AudioAnalysis.isSilent(quiet, 3));
        assertThrows(IllegalArgumentException.class, () -> AudioAnalysis.isSilent(quiet, Double.NaN));
    }
}
