package dev.ttskit;

/** Missing or rejected credentials. Fails over and counts against the breaker (HTTP 502). */
public class AuthenticationException extends TtsException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(ErrorCategory.AUTH, message, null, null, null);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(ErrorCategory.AUTH, message, null, null, cause);
    }

    /**
     * @param provider  id of the provider that failed, or null
     * @param message   what went wrong, without input text or secrets
     * @param requestId the provider's request id, or null
     * @param cause     the underlying failure, or null
     */
    public AuthenticationException(String provider, String message, String requestId, Throwable cause) {
        super(ErrorCategory.AUTH, message, provider, requestId, cause);
    }
}
