package dev.ttskit.xtts.internal;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The windowed streaming scheme of spec section 7.9: after {@code firstChunkCodes} codes and then
 * every {@code chunkCodes} more, decode the settled frames with {@code context} frames of left
 * context and emit all but the last {@code lookahead}; at the end decode and emit the rest. The
 * output has exactly as many samples as a one-pass decode.
 */
public final class StreamingVocoder {
    private final Vocoder vocoder;
    private final float[] speaker;
    private final double[] stages;
    private final int samplesPerFrame;
    private final int firstChunkCodes;
    private final int chunkCodes;
    private final int context;
    private final int lookahead;
    private final Consumer<float[]> sink;
    private int emittedFrames;
    private int nextAt;

    public StreamingVocoder(Vocoder vocoder, float[] speaker, double[] stages, int samplesPerFrame,
                            XttsManifest.StreamDefaults settings, Consumer<float[]> sink) {
        this.vocoder = vocoder;
        this.speaker = speaker;
        this.stages = stages;
        this.samplesPerFrame = samplesPerFrame;
        this.firstChunkCodes = settings.firstChunkCodes();
        this.chunkCodes = settings.chunkCodes();
        this.context = settings.contextFrames();
        this.lookahead = settings.lookaheadFrames();
        this.sink = sink;
        this.nextAt = firstChunkCodes;
    }

    /** Offers the latents after a step; emits a chunk when enough codes have arrived. */
    public void offer(List<float[]> latents, int codes) {
        if (codes < nextAt) return;
        nextAt = codes + chunkCodes;
        int settled = FrameInterpolator.settled(latents.size(), stages);
        int end = settled - lookahead;
        if (end <= emittedFrames) return;
        emit(latents, end);
    }

    /** Decodes and emits everything not yet emitted. */
    public void finish(float[][] latents) {
        List<float[]> all = Arrays.asList(latents);
        int total = FrameInterpolator.frameCount(latents.length, stages);
        if (total > emittedFrames) emit(all, total);
    }

    /**
     * Decodes the window ending at {@code end} (plus lookahead) with its left context. Only the window's
     * frames are interpolated, so a call's cost does not grow with the latents before it.
     */
    private void emit(List<float[]> latents, int end) {
        int start = Math.max(0, emittedFrames - context);
        int total = FrameInterpolator.frameCount(latents.size(), stages);
        int decodeTo = end == total ? total : Math.min(total, end + lookahead);
        float[][] frames = FrameInterpolator.frameWindow(latents, latents.size(), stages, start, decodeTo);
        float[] wav = vocoder.decode(frames, 0, decodeTo - start, speaker);
        int from = (emittedFrames - start) * samplesPerFrame;
        int to = (end - start) * samplesPerFrame;
        float[] chunk = new float[to - from];
        System.arraycopy(wav, from, chunk, 0, chunk.length);
        emittedFrames = end;
        sink.accept(chunk);
    }

    /** Frames emitted so far. */
    public int emittedFrames() {
        return emittedFrames;
    }
}
