package dev.ttskit.xtts.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.ttskit.ModelException;
import dev.ttskit.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Reference audio to a {@link ClonedVoice} (spec sections 7.3 and 7.5): each reference resampled to
 * the conditioning rate, clipped and cut to {@code max_ref_seconds}; the speaker embedding is the
 * element-wise mean over references (not re-normalised); the conditioning latents are averaged over
 * chunks of the concatenated references, skipping chunks shorter than {@code min_chunk_seconds}.
 */
public final class VoiceCloner {
    private static final Logger log = LoggerFactory.getLogger(VoiceCloner.class);
    /** Below this, cloning works but sounds worse (Coqui's wrappers ask for 3 to 6 s). */
    private static final double RECOMMENDED_SECONDS = 3.0;

    private final XttsModel model;
    private final MelSpectrogram conditioningMel;
    private final MelSpectrogram speakerMel;

    public VoiceCloner(XttsModel model) {
        this.model = model;
        this.conditioningMel = new MelSpectrogram(model.conditioningMel());
        this.speakerMel = new MelSpectrogram(model.speakerMel());
    }

    /** Resampled to the conditioning rate, clipped to [-1, 1], cut to max_ref_seconds. */
    public float[] prepare(float[] mono, int sampleRate) {
        int rate = model.conditioningMel().sampleRate();
        float[] x = SincResampler.resample(mono, sampleRate, rate);
        int max = (int) Math.min(x.length, Math.floor(model.manifest().cloningDefaults().maxRefSeconds() * rate));
        float[] out = new float[max];
        for (int i = 0; i < max; i++) out[i] = Math.max(-1f, Math.min(1f, x[i]));
        return out;
    }

    /** Clones from references already at the conditioning rate (see {@link #prepare}). */
    public ClonedVoice clone(List<float[]> references) {
        if (references.isEmpty()) throw ValidationException.builder("no reference audio")
                .provider(XttsIds.PROVIDER).build();
        int shortest = Integer.MAX_VALUE;
        for (float[] r : references) shortest = Math.min(shortest, r.length);
        double seconds = (double) shortest / model.conditioningMel().sampleRate();
        if (seconds < RECOMMENDED_SECONDS) {
            log.warn("a reference recording lasts {} s; voices clone better from {} s or more", String.format(java.util.Locale.ROOT, "%.1f", seconds),
                    RECOMMENDED_SECONDS);
        }
        XttsManifest.CloningDefaults cfg = model.manifest().cloningDefaults();
        int rate = model.conditioningMel().sampleRate();
        int speakerDim = model.speakerDim();
        float[] speaker = new float[speakerDim];
        for (float[] ref : references) {
            float[] s = speakerEmbedding(SincResampler.resample(ref, rate, model.speakerMel().sampleRate()));
            for (int i = 0; i < speakerDim; i++) speaker[i] += s[i] / references.size();
        }
        int total = 0;
        for (float[] r : references) total += r.length;
        int keep = (int) Math.min(total, Math.floor(cfg.gptCondSeconds() * rate));
        float[] all = new float[keep];
        int at = 0;
        for (float[] r : references) {
            int n = Math.min(r.length, keep - at);
            System.arraycopy(r, 0, all, at, n);
            at += n;
            if (at >= keep) break;
        }
        int chunk = (int) Math.floor(cfg.gptCondChunkSeconds() * rate);
        double minChunk = cfg.minChunkSeconds() * rate;
        int condLen = model.condLen();
        int d = model.gptSpec().dModel();
        float[] cond = new float[condLen * d];
        int used = 0;
        for (int start = 0; start < all.length; start += chunk) {
            int len = Math.min(chunk, all.length - start);
            if (len < minChunk) continue;
            float[] piece = new float[len];
            System.arraycopy(all, start, piece, 0, len);
            float[] c = conditioning(piece);
            for (int i = 0; i < c.length; i++) cond[i] += c[i];
            used++;
        }
        if (used == 0) {
            throw ValidationException.builder("reference audio too short: at least " + cfg.minChunkSeconds() + " s are needed")
                    .provider(XttsIds.PROVIDER).build();
        }
        for (int i = 0; i < cond.length; i++) cond[i] /= used;
        return new ClonedVoice(cond, condLen, d, speaker);
    }

    /** The conditioning graph on one chunk's log-mel: [cond_len * d]. */
    public float[] conditioning(float[] chunk) {
        float[] mel = conditioningMel.compute(chunk);
        int frames = conditioningMel.frames(chunk.length);
        return run(model.conditioningSession(), mel, model.conditioningMel().nMels(), frames, "cond_latents");
    }

    /** The speaker graph on a signal at the speaker rate: [speaker_dim]. */
    public float[] speakerEmbedding(float[] signal) {
        float[] mel = speakerMel.compute(signal);
        int frames = speakerMel.frames(signal.length);
        return run(model.speakerSession(), mel, model.speakerMel().nMels(), frames, "speaker_embedding");
    }

    /** Runs an encoder graph on a mel [1, nMels, frames]. */
    public float[] run(OrtSession session, float[] mel, int nMels, int frames, String output) {
        try (OnnxTensor in = Tensors.floats(model.env(), mel, 1, nMels, frames);
             OrtSession.Result r = session.run(Map.of("mel", in))) {
            return Tensors.read(r, output);
        } catch (OrtException e) {
            throw ModelException.builder("encoder failed: " + e.getMessage())
                    .provider(XttsIds.PROVIDER).cause(e).build();
        }
    }
}
