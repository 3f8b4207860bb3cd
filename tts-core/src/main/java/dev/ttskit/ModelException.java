package dev.ttskit;

/** A local model is missing, corrupt or failed to load in time (HTTP 503). */
public class ModelException extends TtsException {
    private static final long serialVersionUID = 1L;

    /** A builder for this exception; {@code message} says what went wrong, without input text or secrets. */
    public static Builder<ModelException> builder(String message) {
        return new Builder<>(ErrorCategory.MODEL, message, ModelException::new);
    }

    /** For subtypes, from their builder. */
    protected ModelException(Builder<? extends ModelException> builder) {
        super(builder);
    }
}
