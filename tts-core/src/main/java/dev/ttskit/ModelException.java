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

    public ModelException(String message) {
        super(ErrorCategory.MODEL, message, null, null, null);
    }

    public ModelException(String message, Throwable cause) {
        super(ErrorCategory.MODEL, message, null, null, cause);
    }

    /**
     * @param provider  id of the provider that failed, or null
     * @param message   what went wrong, without input text or secrets
     * @param requestId the provider's request id, or null
     * @param cause     the underlying failure, or null
     */
    public ModelException(String provider, String message, String requestId, Throwable cause) {
        super(ErrorCategory.MODEL, message, provider, requestId, cause);
    }
}
