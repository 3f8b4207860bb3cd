package dev.ttskit.jobs.internal;

import org.jspecify.annotations.Nullable;
import java.util.List;

/** A job to insert: its settings and its planned chunks. */
public record NewJob(String id, @Nullable String idempotencyKey, int priority, SpeechSettings speech, @Nullable String output, boolean silenceFailed,
                     Join join, int chunksPerExecution, List<String> chunks) {
    public NewJob {
        chunks = List.copyOf(chunks);
    }
}
