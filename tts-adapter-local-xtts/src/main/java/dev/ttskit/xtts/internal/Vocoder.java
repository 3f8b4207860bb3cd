package dev.ttskit.xtts.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.ttskit.ModelException;

import java.util.Map;

/** Runs the HiFi-GAN decoder on a range of frames (spec section 7.9). */
public final class Vocoder {
    private final XttsModel model;

    public Vocoder(XttsModel model) {
        this.model = model;
    }

    /** Samples of frames [from, to) of {@code frames} [d][F], decoded on their own: (to - from) x samples_per_frame. */
    public float[] decode(float[][] frames, int from, int to, float[] speakerEmbedding) {
        int d = frames.length;
        int len = to - from;
        if (len <= 0) return new float[0];
        float[] flat = new float[d * len];
        for (int c = 0; c < d; c++) System.arraycopy(frames[c], from, flat, c * len, len);
        try (OnnxTensor f = Tensors.floats(model.env(), flat, 1, d, len);
             OnnxTensor s = Tensors.floats(model.env(), speakerEmbedding, 1, speakerEmbedding.length, 1);
             OrtSession.Result r = model.decoderSession().run(Map.of("frames", f, "speaker_embedding", s))) {
            float[] wav = Tensors.read(r, "waveform");
            int expected = len * model.decoderSpec().samplesPerFrame();
            if (wav.length != expected) {
                throw ModelException.builder("decoder returned " + wav.length + " samples for " + len + " frames, expected " + expected)
                        .provider(XttsIds.PROVIDER).build();
            }
            return wav;
        } catch (OrtException e) {
            throw ModelException.builder("decoder failed: " + e.getMessage())
                    .provider(XttsIds.PROVIDER).cause(e).build();
        }
    }
}
