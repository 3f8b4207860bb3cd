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
}
