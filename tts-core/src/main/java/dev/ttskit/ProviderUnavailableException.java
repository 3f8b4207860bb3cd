package dev.ttskit;

/** 5xx, connection failure or open breaker. Retryable, fails over (HTTP 503). */
public class ProviderUnavailableException extends TtsException {
    private static final long serialVersionUID = 1L;

    /**
     * A builder for this exception; {@code message} says what went wrong, without input text or
     * secrets.
     *
     * @param message what went wrong, for logs and the caller; never the input text or a secret
     * @return a new builder; set provider, request id, cause and the provider's status and code on
     *     it, then {@code build()}
     */
    public static Builder<ProviderUnavailableException> builder(String message) {
        return new Builder<>(ErrorCategory.UNAVAILABLE, message, ProviderUnavailableException::new);
    }

    /**
     * For subtypes, from their builder.
     *
     * @param builder the builder holding every field; read once, here
     */
    protected ProviderUnavailableException(Builder<? extends ProviderUnavailableException> builder) {
        super(builder);
    }
}
