package dev.ttskit.jobs.internal;

import java.util.List;

/** A job to insert: its settings and its planned chunks. */
public record NewJob(String id, String idempotencyKey, int priority, String voice, String language, String format,
                     String output, boolean silenceFailed, int gapMillis, List<String> chunks) {
    public NewJob {
        chunks = List.copyOf(chunks);
    }
}
