package dev.ttskit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one provider call ended (see {@link TtsListener#onAttemptFinished}). A stream's attempt ends
 * when its first chunk arrived (or it failed before that).
 *
 * @param provider the provider called
 * @param attempt  the attempt's number within its request, from 1
 * @param latency  from the call's start until it ended or was abandoned
 * @param failure  the category of the failure (TIMEOUT when the router stopped waiting); empty on success
 */
public record AttemptOutcome(String provider, int attempt, Duration latency, Optional<ErrorCategory> failure) {
    /**
     * Checks that no component is null.
     *
     * @param provider the provider called
     * @param attempt the attempt's number within its request, from 1
     * @param latency from the call's start until it ended or was abandoned
     * @param failure the category of the failure (TIMEOUT when the router stopped waiting); empty
     *     on success
     */
    public AttemptOutcome {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(failure, "failure");
    }

    /** {@return whether the call succeeded} */
    public boolean succeeded() {
        return failure.isEmpty();
    }
}
