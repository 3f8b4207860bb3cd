package dev.ttskit.jobs;

import dev.ttskit.ErrorCategory;
import dev.ttskit.TtsException;

/**
 * The jobs database cannot be reached (or refused the work): nothing was stored. Retryable; an
 * application answers its own caller with 503.
 */
public class JobsUnavailableException extends TtsException {
    private static final long serialVersionUID = 1L;

    /**
     * A builder for this exception.
     *
     * @param message what failed; never the text or a password
     * @return a builder whose category is {@code UNAVAILABLE}
     */
    public static Builder<JobsUnavailableException> builder(String message) {
        return new Builder<>(ErrorCategory.UNAVAILABLE, message, JobsUnavailableException::new) { };
    }

    /**
     * For subtypes, from their builder.
     *
     * @param builder the filled builder
     */
    protected JobsUnavailableException(Builder<? extends JobsUnavailableException> builder) {
        super(builder);
    }
}
