package dev.ttskit;

/** The request's deadline passed. Fails over while deadline is left (HTTP 504). */
public class TtsTimeoutException extends TtsException {
    private static final long serialVersionUID = 1L;

    /** A builder for this exception; {@code message} says what went wrong, without input text or secrets. */
    public static Builder<TtsTimeoutException> builder(String message) {
        return new Builder<>(ErrorCategory.TIMEOUT, message, TtsTimeoutException::new);
    }

    /** For subtypes, from their builder. */
    protected TtsTimeoutException(Builder<? extends TtsTimeoutException> builder) {
        super(builder);
    }
}
