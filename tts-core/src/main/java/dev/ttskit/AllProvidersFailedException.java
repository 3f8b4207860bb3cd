package dev.ttskit;

import java.util.List;

/**
 * Every candidate provider failed. Each attempt's failure is kept, in order, both as
 * {@link #attempts()} and as suppressed exceptions. {@link #httpStatus()} is the worst of the causes.
 */
public class AllProvidersFailedException extends TtsException {
    private static final long serialVersionUID = 1L;

    private final transient List<TtsException> attempts;

    /**
     * Creates the failure of a whole request; its cause is the last attempt's failure.
     *
     * @param message what went wrong, never the input text or a secret
     * @param attempts each attempt's failure, in the order the attempts were made; copied
     */
    public AllProvidersFailedException(String message, List<? extends TtsException> attempts) {
        super(TtsException.builder(ErrorCategory.EXHAUSTED, message).cause(attempts.isEmpty() ? null : attempts.get(attempts.size() - 1)));
        this.attempts = List.copyOf(attempts);
        for (TtsException attempt : this.attempts) {
            addSuppressed(attempt);
        }
    }

    /** {@return each attempt's failure, in the order the attempts were made} */
    public List<TtsException> attempts() { return attempts; }

    /** The highest status among the causes (504 over 503 over 502...), or 503 when there were none. */
    @Override
    public int httpStatus() {
        int worst = 0;
        for (TtsException attempt : attempts) {
            int status = attempt.httpStatus();
            if (status != 499 && status > worst) worst = status;
        }
        return worst == 0 ? super.httpStatus() : worst;
    }
}
