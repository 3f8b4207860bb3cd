package dev.ttskit;

import java.util.Objects;
import java.util.Optional;

/**
 * Root of ttskit's unchecked exception hierarchy.
 *
 * <p>Every failure carries the provider that failed (when one did), a {@link ErrorCategory}, whether
 * it is retryable, the HTTP status an application should answer with and the provider's request id.
 * Messages never contain the input text or a credential: adapters describe failures by status,
 * error code and sizes only.
 */
public class TtsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCategory category;
    private final String provider;
    private final String requestId;
    private final boolean retryable;
    private final boolean countsAgainstBreaker;

    /**
     * @param category what kind of failure this is
     * @param message  what went wrong, without input text or secrets
     * @param provider id of the provider that failed, or null when none did
     * @param requestId the provider's request id, or null
     * @param cause    the underlying failure, or null
     */
    public TtsException(ErrorCategory category, String message, String provider, String requestId, Throwable cause) {
        this(category, message, provider, requestId, cause, category.retryable(), category.countsAgainstBreaker());
    }

    /** For subtypes that narrow the category's defaults (a concurrency-limit 429, say). */
    protected TtsException(ErrorCategory category, String message, String provider, String requestId,
                           Throwable cause, boolean retryable, boolean countsAgainstBreaker) {
        super(message, cause);
        this.category = Objects.requireNonNull(category, "category");
        this.provider = provider;
        this.requestId = requestId;
        this.retryable = retryable;
        this.countsAgainstBreaker = countsAgainstBreaker;
    }

    /** The provider that failed; empty for failures before any provider was called. */
    public Optional<String> provider() { return Optional.ofNullable(provider); }

    public ErrorCategory category() { return category; }

    /** Whether the same provider may be tried again. */
    public boolean retryable() { return retryable; }

    /** Whether the router may fail over to the next provider. */
    public boolean failover() { return category.failover(); }

    /** Whether this failure is recorded by the provider's circuit breaker. */
    public boolean countsAgainstBreaker() { return countsAgainstBreaker; }

    /** The HTTP status an application should answer its own client with. */
    public int httpStatus() { return category.httpStatus(); }

    /** The provider's request id (for support tickets), when it sent one. */
    public Optional<String> requestId() { return Optional.ofNullable(requestId); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getName()).append(" [").append(category);
        if (provider != null) sb.append(", provider=").append(provider);
        if (requestId != null) sb.append(", requestId=").append(requestId);
        sb.append(']');
        String msg = getMessage();
        return msg == null ? sb.toString() : sb.append(": ").append(msg).toString();
    }
}
