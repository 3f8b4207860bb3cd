package dev.ttskit;

/** The caller cancelled the request (HTTP 499). */
public class CancelledException extends TtsException {
    private static final long serialVersionUID = 1L;

    /** A builder for this exception; {@code message} says what went wrong, without input text or secrets. */
    public static Builder<CancelledException> builder(String message) {
        return new Builder<>(ErrorCategory.CANCELLED, message, CancelledException::new);
    }

    /** For subtypes, from their builder. */
    protected CancelledException(Builder<? extends CancelledException> builder) {
        super(builder);
    }
}
