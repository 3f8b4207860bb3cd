package dev.ttskit.jobs.internal;

import dev.ttskit.jobs.ChunkState;

/** A row of {@code ttskit_job_chunk}, as read (without its text unless asked for). */
public record ChunkRow(int seq, ChunkState state, String provider, int attempts, long audioBytes, int textLength,
                       String errorCategory, String checkpoint) {
}
