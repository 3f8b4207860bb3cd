package dev.ttskit.jobs.internal;

import org.jspecify.annotations.Nullable;
import dev.ttskit.jobs.JobState;

import java.time.Instant;

/**
 * A row of {@code ttskit_job}, as read. {@code run} counts resumes: executions scheduled for an
 * earlier run are left over and do nothing. {@code chunksPerExecution} is how many chunks, in text
 * order, one execution speaks: execution {@code <job>:<first>:<run>} covers
 * {@code first .. first + chunksPerExecution - 1}.
 */
public record JobRow(String id, @Nullable String idempotencyKey, JobState state, int priority, SpeechSettings speech, @Nullable String output,
                     boolean silenceFailed, Join join, int totalChunks, int doneChunks, int progress, @Nullable String errorCategory,
                     @Nullable String errorMessage, @Nullable String errorProvider, @Nullable String errorRequestId, @Nullable Integer errorChunk, Instant createdAt,
                     Instant updatedAt, int run, int chunksPerExecution) {
    /** The audio format's name, as stored. */
    public String format() {
        return speech.format().providerName();
    }
}
