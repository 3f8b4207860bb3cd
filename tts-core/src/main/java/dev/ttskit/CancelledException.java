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

    public CancelledException(String message) {
        super(ErrorCategory.CANCELLED, message, null, null, null);
    }

    public CancelledException(String message, Throwable cause) {
        super(ErrorCategory.CANCELLED, message, null, null, cause);
    }

    /**
     * @param provider  id of the provider that failed, or null
     * @param message   what went wrong, without input text or secrets
     * @param requestId the provider's request id, or null
     * @param cause     the underlying failure, or null
     */
    public CancelledException(String provider, String message, String requestId, Throwable cause) {
        super(ErrorCategory.CANCELLED, message, provider, requestId, cause);
    }
}
