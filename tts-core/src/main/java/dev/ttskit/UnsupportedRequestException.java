package dev.ttskit;

/** The provider does not offer the requested format, language, voice or length; another may (HTTP 422). */
public class UnsupportedRequestException extends TtsException {
    private static final long serialVersionUID = 1L;

    /** A builder for this exception; {@code message} says what went wrong, without input text or secrets. */
    public static Builder<UnsupportedRequestException> builder(String message) {
        return new Builder<>(ErrorCategory.UNSUPPORTED, message, UnsupportedRequestException::new);
    }

    /** For subtypes, from their builder. */
    protected UnsupportedRequestException(Builder<? extends UnsupportedRequestException> builder) {
        super(builder);
    }

    public UnsupportedRequestException(String message) {
        super(ErrorCategory.UNSUPPORTED, message, null, null, null);
    }

    public UnsupportedRequestException(String message, Throwable cause) {
        super(ErrorCategory.UNSUPPORTED, message, null, null, cause);
    }

    /**
     * @param provider  id of the provider that failed, or null
     * @param message   what went wrong, without input text or secrets
     * @param requestId the provider's request id, or null
     * @param cause     the underlying failure, or null
     */
    public UnsupportedRequestException(String provider, String message, String requestId, Throwable cause) {
        super(ErrorCategory.UNSUPPORTED, message, provider, requestId, cause);
    }
}
