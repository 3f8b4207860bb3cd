package dev.ttskit.jobs.internal;

import dev.ttskit.jobs.JobState;

import java.time.Instant;

/**
 * A row of {@code ttskit_job}, as read. {@code run} counts resumes: executions scheduled for an
 * earlier run are left over and do nothing. {@code chunksPerExecution} is how many chunks, in text
 * order, one execution speaks: execution {@code <job>:<first>:<run>} covers
 * {@code first .. first + chunksPerExecution - 1}.
 */
public record JobRow(String id, String idempotencyKey, JobState state, int priority, SpeechSettings speech, String output,
                     boolean silenceFailed, Join join, int totalChunks, int doneChunks, int progress, String errorCategory,
                     String errorMessage, String errorProvider, String errorRequestId, Integer errorChunk, Instant createdAt,
                     Instant updatedAt, int run, int chunksPerExecution) {
    /** The audio format's name, as stored. */
    public String format() {
        return speech.format().providerName();
    }
}
