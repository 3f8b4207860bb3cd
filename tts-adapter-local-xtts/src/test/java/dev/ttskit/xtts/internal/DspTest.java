package dev.ttskit.xtts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java front end against torchaudio 0.13 goldens (tools/make_tiny_model.py). The goldens run
 * torchaudio in float64 with float32 signals between stages, as Java does, so the tolerances are a few
 * float32 ulps rather than the float32-versus-float64 gap.
 */
class DspTest {
    private static XttsModel model;

    @BeforeAll
    static void load() {
        model = TinyModel.load();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void resamplingMatchesTorchaudio() {
        float[] s44 = TinyModel.f32("signal_44k.f32");
        float[] s22 = SincResampler.resample(s44, 44100, 22050);
        for (int i = 0; i < s22.length; i++) s22[i] = Math.max(-1f, Math.min(1f, s22[i]));
        TinyModel.assertClose(TinyModel.f32("signal_22k.f32"), s22, 1e-6, "44.1 kHz -> 22.05 kHz");
        float[] s16 = SincResampler.resample(TinyModel.f32("signal_22k.f32"), 22050, 16000);
        TinyModel.assertClose(TinyModel.f32("signal_16k.f32"), s16, 1e-6, "22.05 kHz -> 16 kHz");
    }

    @Test
    void conditioningLogMelMatchesTorchaudio() {
        JsonNode g = TinyModel.golden();
        MelSpectrogram mel = new MelSpectrogram(model.conditioningMel());
        float[] signal = TinyModel.f32("signal_22k.f32");
        assertEquals(g.get("cond_mel_shape").get(2).asInt(), mel.frames(signal.length));
        TinyModel.assertClose(TinyModel.f32("cond_mel.f32"), mel.compute(signal), 1e-5, "conditioning log-mel");
    }

    @Test
    void speakerMelMatchesTorchaudioRelatively() {
        MelSpectrogram mel = new MelSpectrogram(model.speakerMel());
        float[] signal = TinyModel.f32("signal_16k.f32");
        float[] expected = TinyModel.f32("speaker_mel.f32");
        float[] actual = mel.compute(signal);
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / Math.max(1.0, Math.abs(expected[i])));
        }
        assertTrue(worst <= 1e-6, "speaker mel relative diff " + worst);
    }

    @Test
    void fftOfOtherSizesAgreesWithTheDirectTransform() {
        Fft radix = new Fft(16);
        Fft direct = new Fft(12);
        double[] re = new double[16];
        double[] im = new double[16];
        re[1] = 1;
        radix.transform(re, im);
        for (int k = 0; k < 16; k++) {
            assertEquals(Math.cos(2 * Math.PI * k / 16), re[k], 1e-12);
            assertEquals(-Math.sin(2 * Math.PI * k / 16), im[k], 1e-12);
        }
        double[] r2 = new double[12];
        double[] i2 = new double[12];
        r2[1] = 1;
        direct.transform(r2, i2);
        for (int k = 0; k < 12; k++) assertEquals(-Math.sin(2 * Math.PI * k / 12), i2[k], 1e-12);
    }
}
