package dev.ttskit.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResamplerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"22050,24000", "24000,22050", "44100,16000", "48000,8000", "16000,48000", "44100,48000",
        "8000,44100", "44100,22051", "24000,16000"})
    void sineKeepsFrequencyAndAmplitude(int from, int to) {
        PcmAudio in = TestSignals.sine(440, 0.5, from, from);   // one second
        PcmAudio out = Resampler.resample(in, to);
        assertEquals(to, out.sampleRate());
        assertEquals(Math.round(in.frames() * (double) to / from), out.frames(), 1.0);

        // Away from the edges (which see silence outside the signal) the tone is 440 Hz at 0.5.
        int from25 = to / 4;
        int to75 = 3 * to / 4;
        double amplitude = TestSignals.toneAmplitude(out, 440, from25, to75);
        assertEquals(0.5, amplitude, 0.5 * 0.01, "amplitude at 440 Hz");
        assertTrue(TestSignals.toneAmplitude(out, 452, from25, to75) < 0.5 * 0.01, "energy off 440 Hz");
        assertEquals(440, zeroCrossingFrequency(out, from25, to75), 0.5);

        // And sample by sample it is the sine itself, not merely something with the right spectrum.
        float[] s = out.samples();
        double worst = 0;
        for (int i = from25; i < to75; i++) {
            worst = Math.max(worst, Math.abs(s[i] - 0.5 * Math.sin(2 * Math.PI * 440 * i / to)));
        }
        assertTrue(worst < 0.005, "max deviation from the ideal sine " + worst);
    }

    @Test
    void contentAboveTheNewNyquistIsSuppressed() {
        // 10 kHz cannot exist at 16 kHz; without filtering it would alias to 6 kHz.
        PcmAudio in = TestSignals.sine(10_000, 0.5, 44_100, 44_100);
        PcmAudio out = Resampler.resample(in, 16_000);
        double alias = TestSignals.toneAmplitude(out, 6_000, 4_000, 12_000);
        double level = AudioAnalysis.rms(PcmAudio.of(java.util.Arrays.copyOfRange(out.samples(), 4_000, 12_000), 16_000, 1));
        assertTrue(AudioAnalysis.toDbfs(alias / 0.5) < -40, "alias at " + AudioAnalysis.toDbfs(alias / 0.5) + " dB");
        assertTrue(AudioAnalysis.toDbfs(level / (0.5 / Math.sqrt(2))) < -40, "residual at " + AudioAnalysis.toDbfs(level) + " dB");

        PcmAudio in2 = TestSignals.sine(5_000, 0.5, 48_000, 48_000);
        double residual = AudioAnalysis.rms(PcmAudio.of(
                java.util.Arrays.copyOfRange(Resampler.resample(in2, 8_000).samples(), 2_000, 6_000), 8_000, 1));
        assertTrue(AudioAnalysis.toDbfs(residual / (0.5 / Math.sqrt(2))) < -40, "5 kHz at 8 kHz: " + residual);
    }

    @Test
    void passbandToneJustBelowTheNewNyquistSurvives() {
        PcmAudio out = Resampler.resample(TestSignals.sine(6_000, 0.5, 44_100, 44_100), 16_000);
        assertEquals(0.5, TestSignals.toneAmplitude(out, 6_000, 4_000, 12_000), 0.5 * 0.06);
    }

    @Test
    void sameRateReturnsTheInput() {
        PcmAudio in = TestSignals.sine(440, 0.5, 24_000, 1_000);
        assertSame(in, Resampler.resample(in, 24_000));
    }

    @Test
    void channelsAreResampledIndependently() {
        PcmAudio left = TestSignals.sine(440, 0.5, 22_050, 22_050);
        PcmAudio right = TestSignals.sine(1_000, 0.25, 22_050, 22_050);
        float[] ls = left.samples();
        float[] rs = right.samples();
        float[] st = new float[2 * ls.length];
        for (int i = 0; i < ls.length; i++) {
            st[2 * i] = ls[i];
            st[2 * i + 1] = rs[i];
        }
        PcmAudio out = Resampler.resample(PcmAudio.of(st, 22_050, 2), 16_000);
        assertEquals(2, out.channels());
        float[] s = out.samples();
        float[] l = new float[out.frames()];
        float[] r = new float[out.frames()];
        for (int i = 0; i < l.length; i++) {
            l[i] = s[2 * i];
            r[i] = s[2 * i + 1];
        }
        PcmAudio outL = PcmAudio.of(l, 16_000, 1);
        PcmAudio outR = PcmAudio.of(r, 16_000, 1);
        assertEquals(0.5, TestSignals.toneAmplitude(outL, 440, 4_000, 12_000), 0.005);
        assertTrue(TestSignals.toneAmplitude(outL, 1_000, 4_000, 12_000) < 0.001);
        assertEquals(0.25, TestSignals.toneAmplitude(outR, 1_000, 4_000, 12_000), 0.0025);
        assertTrue(TestSignals.toneAmplitude(outR, 440, 4_000, 12_000) < 0.001);
    }

    @Test
    void dcLevelIsPreserved() {
        float[] dc = new float[4_000];
        java.util.Arrays.fill(dc, 0.3f);
        float[] out = Resampler.resample(PcmAudio.of(dc, 22_050, 1), 24_000).samples();
        for (int i = 200; i < out.length - 200; i++) {
            assertEquals(0.3, out[i], 1e-4, "frame " + i);
        }
    }

    @Test
    void emptyAndTinyInputs() {
        assertEquals(0, Resampler.resample(PcmAudio.of(new float[0], 16_000, 1), 24_000).frames());
        assertEquals(3, Resampler.resample(PcmAudio.of(new float[] {0.1f, 0.2f}, 16_000, 1), 24_000).frames());
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(PcmAudio.of(new float[2], 16_000, 1), 0));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(PcmAudio.of(new float[2], 768_000, 1), 1));
        assertEquals(2, Resampler.resample(PcmAudio.of(new float[3_000], 192_000, 1), 100).frames());
    }

    @Test
    void isFastEnoughForSpeech() {
        PcmAudio in = TestSignals.sine(440, 0.5, 44_100, 44_100 * 10);   // ten seconds
        long start = System.nanoTime();
        Resampler.resample(in, 16_000);
        Resampler.resample(in, 24_000);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 5_000, "20 s of audio took " + millis + " ms");
    }

    /** Frequency from rising zero crossings, interpolated between samples. */
    private static double zeroCrossingFrequency(PcmAudio a, int from, int to) {
        float[] s = a.samples();
        double first = -1;
        double last = -1;
        int count = 0;
        for (int i = from; i < to - 1; i++) {
            if (s[i] < 0 && s[i + 1] >= 0) {
                double t = i + s[i] / (double) (s[i] - s[i + 1]);
                if (first < 0) {
                    first = t;
                } else {
                    count++;
                }
                last = t;
            }
        }
        return count * a.sampleRate() / (last - first);
    }
}
