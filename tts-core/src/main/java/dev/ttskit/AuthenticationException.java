package dev.ttskit;

/** Missing or rejected credentials. Fails over and counts against the breaker (HTTP 502). */
public class AuthenticationException extends TtsException {
    private static final long serialVersionUID = 1L;

    /**
     * A builder for this exception; {@code message} says what went wrong, without input text or
     * secrets.
     *
     * @param message what went wrong, for logs and the caller; never the input text or a secret
     * @return a new builder; set provider, request id, cause and the provider's status and code on
     *     it, then {@code build()}
     */
    public static Builder<AuthenticationException> builder(String message) {
        return new Builder<>(ErrorCategory.AUTH, message, AuthenticationException::new);
    }

    /**
     * For subtypes, from their builder.
     *
     * @param builder the builder holding every field; read once, here
     */
    protected AuthenticationException(Builder<? extends AuthenticationException> builder) {
        super(builder);
    }
}
