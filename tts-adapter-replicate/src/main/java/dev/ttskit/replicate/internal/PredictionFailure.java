package dev.ttskit.replicate.internal;

import org.jspecify.annotations.Nullable;

/**
 * The model's own error text for a failed prediction, kept as a cause (truncated) rather than in the
 * exception message, because it may quote the input.
 */
public final class PredictionFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final int MAX_CHARS = 300;

    public PredictionFailure(@Nullable String modelError) {
        super(modelError == null ? "no error text" : ProblemMapper.truncate(modelError, MAX_CHARS), null, false, false);
    }
}
