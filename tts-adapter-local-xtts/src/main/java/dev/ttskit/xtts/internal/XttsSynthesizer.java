package dev.ttskit.xtts.internal;

import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Text pieces and a voice to 24 kHz float audio: GPT generation per piece, then either a one-pass
 * decode or the streaming vocoder feeding {@code sink} during generation.
 */
public final class XttsSynthesizer {
    private final XttsModel model;
    private final GptGenerator generator;
    private final Vocoder vocoder;

    public XttsSynthesizer(XttsModel model) {
        this.model = model;
        this.generator = new GptGenerator(model);
        this.vocoder = new Vocoder(model);
    }

    /** What one synthesis does. {@code checkActive} runs before every GPT step and may throw to stop. */
    public record Job(Iterable<int[]> pieces, ClonedVoice voice, SamplingParams sampling, RandomGenerator rng, int maxCodes,
                      double speed, boolean streaming, XttsManifest.StreamDefaults stream, Runnable checkActive) {
    }

    /** Runs the job; audio goes to {@code sink} in order (one chunk per piece, or many when streaming). */
    public void run(Job job, Consumer<float[]> sink) {
        double[] stages = FrameInterpolator.stages(job.speed(), model.decoderSpec());
        float[] speaker = job.voice().speakerEmbeddingView();
        for (int[] piece : job.pieces()) {
            job.checkActive().run();
            if (job.streaming()) {
                StreamingVocoder sv = new StreamingVocoder(vocoder, speaker, stages, model.decoderSpec().samplesPerFrame(),
                        job.stream(), sink);
                GptGenerator.Generation g = generator.generate(piece, job.voice(), job.sampling(), job.rng(), job.maxCodes(),
                        (latents, codes) -> {
                            job.checkActive().run();
                            sv.offer(latents, codes);
                        });
                sv.finish(g.latents());
            } else {
                GptGenerator.Generation g = generator.generate(piece, job.voice(), job.sampling(), job.rng(), job.maxCodes(),
                        (latents, codes) -> job.checkActive().run());
                sink.accept(decode(g.latents(), stages, speaker));
            }
        }
    }

    /** One-pass decode of a whole latent sequence. */
    public float[] decode(float[][] latents, double[] stages, float[] speaker) {
        float[][] frames = FrameInterpolator.frames(latents, stages);
        int count = frames.length == 0 ? 0 : frames[0].length;
        return vocoder.decode(frames, 0, count, speaker);
    }
}
