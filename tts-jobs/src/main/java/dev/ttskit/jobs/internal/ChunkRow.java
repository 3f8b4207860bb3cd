package dev.ttskit.jobs.internal;

import org.jspecify.annotations.Nullable;
import dev.ttskit.jobs.ChunkState;

/** A row of {@code ttskit_job_chunk}, as read (without its text unless asked for). */
public record ChunkRow(int seq, ChunkState state, @Nullable String provider, int attempts, long audioBytes, int textLength,
                       @Nullable String errorCategory, @Nullable String checkpoint) {
    /** This row with another state. */
    public ChunkRow withState(ChunkState value) {
        return new ChunkRow(seq, value, provider, attempts, audioBytes, textLength, errorCategory, checkpoint);
    }
}
