package dev.ttskit;

/** Missing or rejected credentials. Fails over and counts against the breaker (HTTP 502). */
public class AuthenticationException extends TtsException {
    private static final long serialVersionUID = 1L;

    /** A builder for this exception; {@code message} says what went wrong, without input text or secrets. */
    public static Builder<AuthenticationException> builder(String message) {
        return new Builder<>(ErrorCategory.AUTH, message, AuthenticationException::new);
    }

    /** For subtypes, from their builder. */
    protected AuthenticationException(Builder<? extends AuthenticationException> builder) {
        super(builder);
    }
}
