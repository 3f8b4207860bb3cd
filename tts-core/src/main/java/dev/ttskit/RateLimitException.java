package dev.ttskit;

import java.time.Duration;
import java.util.Optional;

/**
 * The provider throttled the call (HTTP 429). Retryable after {@link #retryAfter()}; fails over.
 *
 * <p>A <em>concurrency-limit</em> rejection (too many requests in flight on the account) means
 * "queue", not "unhealthy": it does not count against the circuit breaker.
 */
public class RateLimitException extends TtsException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;
    private final boolean concurrencyLimit;

    public RateLimitException(String message) {
        this(null, message, null, null, null, false);
    }

    /**
     * @param retryAfter       how long the provider asked to wait, or null when it did not say
     * @param concurrencyLimit true when the account's concurrent-request limit was hit
     */
    public RateLimitException(String provider, String message, String requestId, Throwable cause,
                              Duration retryAfter, boolean concurrencyLimit) {
        super(ErrorCategory.RATE_LIMIT, message, provider, requestId, cause, true, !concurrencyLimit);
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
        }
        this.retryAfter = retryAfter;
        this.concurrencyLimit = concurrencyLimit;
    }

    /** The provider's Retry-After, when it sent one. */
    public Optional<Duration> retryAfter() { return Optional.ofNullable(retryAfter); }

    /** Whether this was the account's concurrency limit rather than a request-rate limit. */
    public boolean concurrencyLimit() { return concurrencyLimit; }
}
