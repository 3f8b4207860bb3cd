package dev.ttskit.jobs.internal;

import dev.ttskit.jobs.ChunkState;
import dev.ttskit.jobs.JobState;

/** What a worker needs to speak one chunk: the chunk, its job's settings and both states. */
public record ChunkWork(String jobId, int seq, String text, ChunkState chunkState, int attempts, JobState jobState,
                        String voice, String language, String format, boolean silenceFailed, int totalChunks,
                        int run) {
}
