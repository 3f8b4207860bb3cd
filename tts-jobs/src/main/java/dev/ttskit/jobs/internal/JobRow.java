package dev.ttskit.jobs.internal;

import dev.ttskit.jobs.JobState;

import java.time.Instant;

/**
 * A row of {@code ttskit_job}, as read. {@code run} counts resumes: executions scheduled for an
 * earlier run are left over and do nothing.
 */
public record JobRow(String id, String idempotencyKey, JobState state, int priority, String voice, String language,
                     String format, String output, boolean silenceFailed, int gapMillis, int totalChunks, int doneChunks,
                     int progress, String errorCategory, String errorMessage, String errorProvider, String errorRequestId,
                     Integer errorChunk, Instant createdAt, Instant updatedAt, int run) {
}
