package dev.ttskit;

/** Invalid text, parameters, voice file or path. Not retried, no failover (HTTP 400). */
public class ValidationException extends TtsException {
    private static final long serialVersionUID = 1L;

    /**
     * A builder for this exception; {@code message} says what went wrong, without input text or
     * secrets.
     *
     * @param message what went wrong, for logs and the caller; never the input text or a secret
     * @return a new builder; set provider, request id, cause and the provider's status and code on
     *     it, then {@code build()}
     */
    public static Builder<ValidationException> builder(String message) {
        return new Builder<>(ErrorCategory.VALIDATION, message, ValidationException::new);
    }

    /**
     * For subtypes, from their builder.
     *
     * @param builder the builder holding every field; read once, here
     */
    protected ValidationException(Builder<? extends ValidationException> builder) {
        super(builder);
    }
}
