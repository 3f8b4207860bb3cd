package dev.ttskit.replicate.internal;

import org.jspecify.annotations.Nullable;

/** A prediction body that is not a JSON object with an id. */
public final class MalformedPredictionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedPredictionException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
