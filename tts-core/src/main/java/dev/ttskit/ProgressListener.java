package dev.ttskit;

/**
 * Receives progress of a long-text synthesis. Percentages only ever grow and end at exactly 100.
 * Called from ttskit's threads; implementations must be quick and thread-safe.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = (percent, done, total) -> { };

    /**
     * @param percent    0..100, never decreasing
     * @param chunksDone chunks finished (successfully or not)
     * @param chunksTotal chunks in the job
     */
    void onProgress(int percent, int chunksDone, int chunksTotal);
}
