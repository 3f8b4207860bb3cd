package dev.ttskit;

/** A local model is missing, corrupt or failed to load in time (HTTP 503). */
public class ModelException extends TtsException {
    private static final long serialVersionUID = 1L;

    /**
     * A builder for this exception; {@code message} says what went wrong, without input text or
     * secrets.
     *
     * @param message what went wrong, for logs and the caller; never the input text or a secret
     * @return a new builder; set provider, request id, cause and the provider's status and code on
     *     it, then {@code build()}
     */
    public static Builder<ModelException> builder(String message) {
        return new Builder<>(ErrorCategory.MODEL, message, ModelException::new);
    }

    /**
     * For subtypes, from their builder.
     *
     * @param builder the builder holding every field; read once, here
     */
    protected ModelException(Builder<? extends ModelException> builder) {
        super(builder);
    }
}
