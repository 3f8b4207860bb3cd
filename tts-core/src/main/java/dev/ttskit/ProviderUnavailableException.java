package dev.ttskit;

/** 5xx, connection failure or open breaker. Retryable, fails over (HTTP 503). */
public class ProviderUnavailableException extends TtsException {
    private static final long serialVersionUID = 1L;

    /** A builder for this exception; {@code message} says what went wrong, without input text or secrets. */
    public static Builder<ProviderUnavailableException> builder(String message) {
        return new Builder<>(ErrorCategory.UNAVAILABLE, message, ProviderUnavailableException::new);
    }

    /** For subtypes, from their builder. */
    protected ProviderUnavailableException(Builder<? extends ProviderUnavailableException> builder) {
        super(builder);
    }
}
