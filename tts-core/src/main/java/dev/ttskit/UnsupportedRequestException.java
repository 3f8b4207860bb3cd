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
}
