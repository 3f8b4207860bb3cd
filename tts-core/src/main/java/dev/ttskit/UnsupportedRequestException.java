package dev.ttskit;

/** The provider does not offer the requested format, language, voice or length; another may (HTTP 422). */
public class UnsupportedRequestException extends TtsException {
    private static final long serialVersionUID = 1L;

    /**
     * A builder for this exception; {@code message} says what went wrong, without input text or
     * secrets.
     *
     * @param message what went wrong, for logs and the caller; never the input text or a secret
     * @return a new builder; set provider, request id, cause and the provider's status and code on
     *     it, then {@code build()}
     */
    public static Builder<UnsupportedRequestException> builder(String message) {
        return new Builder<>(ErrorCategory.UNSUPPORTED, message, UnsupportedRequestException::new);
    }

    /**
     * For subtypes, from their builder.
     *
     * @param builder the builder holding every field; read once, here
     */
    protected UnsupportedRequestException(Builder<? extends UnsupportedRequestException> builder) {
        super(builder);
    }
}
