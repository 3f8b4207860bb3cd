package dev.ttskit.jobs.internal;

import org.jspecify.annotations.Nullable;
import dev.ttskit.jobs.ChunkState;

/**
 * One chunk an execution is to speak, as it stood when the execution took it: its text, state,
 * finished attempts and provider notes (the notes are read here once, so an adapter's look-up
 * costs no round trip).
 */
public record ChunkWork(int seq, String text, ChunkState state, int attempts, @Nullable String checkpoint) {
    public boolean finished() {
        return state == ChunkState.DONE || state == ChunkState.SILENCED;
    }
}
