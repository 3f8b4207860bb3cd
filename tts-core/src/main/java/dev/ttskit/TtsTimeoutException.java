package dev.ttskit;

/** The request's deadline passed. Fails over while deadline is left (HTTP 504). */
public class TtsTimeoutException extends TtsException {
    private static final long serialVersionUID = 1L;

    /**
     * A builder for this exception; {@code message} says what went wrong, without input text or
     * secrets.
     *
     * @param message what went wrong, for logs and the caller; never the input text or a secret
     * @return a new builder; set provider, request id, cause and the provider's status and code on
     *     it, then {@code build()}
     */
    public static Builder<TtsTimeoutException> builder(String message) {
        return new Builder<>(ErrorCategory.TIMEOUT, message, TtsTimeoutException::new);
    }

    /**
     * For subtypes, from their builder.
     *
     * @param builder the builder holding every field; read once, here
     */
    protected TtsTimeoutException(Builder<? extends TtsTimeoutException> builder) {
        super(builder);
    }
}
