package dev.ttskit;

/** Empty, corrupt, truncated or silent audio. Retryable, fails over (HTTP 502). */
public class AudioFormatException extends TtsException {
    private static final long serialVersionUID = 1L;

    /** A builder for this exception; {@code message} says what went wrong, without input text or secrets. */
    public static Builder<AudioFormatException> builder(String message) {
        return new Builder<>(ErrorCategory.BAD_AUDIO, message, AudioFormatException::new);
    }

    /** For subtypes, from their builder. */
    protected AudioFormatException(Builder<? extends AudioFormatException> builder) {
        super(builder);
    }
}
