package dev.ttskit;

/** A stream failed after its first byte reached the caller: never retried or spliced (HTTP 502). */
public class StreamInterruptedException extends TtsException {
    private static final long serialVersionUID = 1L;

    /**
     * A builder for this exception; {@code message} says what went wrong, without input text or
     * secrets.
     *
     * @param message what went wrong, for logs and the caller; never the input text or a secret
     * @return a new builder; set provider, request id, cause and the provider's status and code on
     *     it, then {@code build()}
     */
    public static Builder<StreamInterruptedException> builder(String message) {
        return new Builder<>(ErrorCategory.STREAM, message, StreamInterruptedException::new);
    }

    /**
     * For subtypes, from their builder.
     *
     * @param builder the builder holding every field; read once, here
     */
    protected StreamInterruptedException(Builder<? extends StreamInterruptedException> builder) {
        super(builder);
    }
}
