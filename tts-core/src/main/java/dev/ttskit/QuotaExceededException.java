package dev.ttskit;

/** The account's credits or quota are exhausted. Fails over and counts against the breaker (HTTP 502). */
public class QuotaExceededException extends TtsException {
    private static final long serialVersionUID = 1L;

    /**
     * A builder for this exception; {@code message} says what went wrong, without input text or
     * secrets.
     *
     * @param message what went wrong, for logs and the caller; never the input text or a secret
     * @return a new builder; set provider, request id, cause and the provider's status and code on
     *     it, then {@code build()}
     */
    public static Builder<QuotaExceededException> builder(String message) {
        return new Builder<>(ErrorCategory.QUOTA, message, QuotaExceededException::new);
    }

    /**
     * For subtypes, from their builder.
     *
     * @param builder the builder holding every field; read once, here
     */
    protected QuotaExceededException(Builder<? extends QuotaExceededException> builder) {
        super(builder);
    }
}
