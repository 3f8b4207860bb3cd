package dev.ttskit;

/** Invalid text, parameters, voice file or path. Not retried, no failover (HTTP 400). */
public class ValidationException extends TtsException {
    private static final long serialVersionUID = 1L;

    /** A builder for this exception; {@code message} says what went wrong, without input text or secrets. */
    public static Builder<ValidationException> builder(String message) {
        return new Builder<>(ErrorCategory.VALIDATION, message, ValidationException::new);
    }

    /** For subtypes, from their builder. */
    protected ValidationException(Builder<? extends ValidationException> builder) {
        super(builder);
    }

    public ValidationException(String message) {
        super(ErrorCategory.VALIDATION, message, null, null, null);
    }

    public ValidationException(String message, Throwable cause) {
        super(ErrorCategory.VALIDATION, message, null, null, cause);
    }

    /**
     * @param provider  id of the provider that failed, or null
     * @param message   what went wrong, without input text or secrets
     * @param requestId the provider's request id, or null
     * @param cause     the underlying failure, or null
     */
    public ValidationException(String provider, String message, String requestId, Throwable cause) {
        super(ErrorCategory.VALIDATION, message, provider, requestId, cause);
    }
}
