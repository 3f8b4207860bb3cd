package dev.ttskit;

/** The account's credits or quota are exhausted. Fails over and counts against the breaker (HTTP 502). */
public class QuotaExceededException extends TtsException {
    private static final long serialVersionUID = 1L;

    /** A builder for this exception; {@code message} says what went wrong, without input text or secrets. */
    public static Builder<QuotaExceededException> builder(String message) {
        return new Builder<>(ErrorCategory.QUOTA, message, QuotaExceededException::new);
    }

    /** For subtypes, from their builder. */
    protected QuotaExceededException(Builder<? extends QuotaExceededException> builder) {
        super(builder);
    }
}
