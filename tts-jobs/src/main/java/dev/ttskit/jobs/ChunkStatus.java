package dev.ttskit.jobs;

import dev.ttskit.ErrorCategory;

import java.util.Objects;
import java.util.Optional;

/**
 * One chunk of a job.
 *
 * @param index    position in the text, from 0
 * @param state    where it stands
 * @param provider the provider whose audio was stored, when done
 * @param attempts attempts that ended with audio or an error (an attempt a crash cut short is not counted)
 * @param error    the category of its last failure, if any
 */
public record ChunkStatus(int index, ChunkState state, Optional<String> provider, int attempts, Optional<ErrorCategory> error) {
    /**
     * Checks the parts.
     *
     * @param index    position in the text, from 0
     * @param state    where it stands
     * @param provider the provider whose audio was stored, when done
     * @param attempts attempts that ended with audio or an error
     * @param error    the category of its last failure, if any
     * @throws NullPointerException when {@code state}, {@code provider} or {@code error} is null
     */
    public ChunkStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(error, "error");
    }
}
