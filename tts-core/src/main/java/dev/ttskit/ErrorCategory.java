package dev.ttskit;

/**
 * What kind of failure a {@link TtsException} is, and what that means for routing.
 *
 * <p>The router reads these properties rather than exception classes, so an adapter only has to
 * pick the right category. Individual exceptions may still narrow a property (a concurrency-limit
 * 429 does not count against the breaker even though rate limits in general do).
 */
public enum ErrorCategory {
    /** Bad text, parameters, voice file or path: the caller must fix the request. */
    VALIDATION(false, false, false, 400),
    /** The provider does not offer the format, language or voice: another provider may. */
    UNSUPPORTED(false, true, false, 422),
    /** Missing or rejected credentials. */
    AUTH(false, true, true, 502),
    /** The account's credits or character quota are exhausted. */
    QUOTA(false, true, true, 502),
    /** The provider throttled the call; retry after its Retry-After or fail over. */
    RATE_LIMIT(true, true, true, 503),
    /** 5xx, connection failure or an open circuit breaker. */
    UNAVAILABLE(true, true, true, 503),
    /** The request's deadline passed. */
    TIMEOUT(false, true, true, 504),
    /** Empty, corrupt or silent audio. */
    BAD_AUDIO(true, true, true, 502),
    /** A local model is missing, corrupt or failed to load in time. */
    MODEL(false, true, true, 503),
    /** A stream failed after its first byte reached the caller. */
    STREAM(false, false, true, 502),
    /** Every candidate provider failed; the causes are attached. */
    EXHAUSTED(false, false, false, 503),
    /** The caller cancelled the request. */
    CANCELLED(false, false, false, 499);

    private final boolean retryable;
    private final boolean failover;
    private final boolean countsAgainstBreaker;
    private final int httpStatus;

    ErrorCategory(boolean retryable, boolean failover, boolean countsAgainstBreaker, int httpStatus) {
        this.retryable = retryable;
        this.failover = failover;
        this.countsAgainstBreaker = countsAgainstBreaker;
        this.httpStatus = httpStatus;
    }

    /** {@return whether the same provider may be tried again for this failure} */
    public boolean retryable() { return retryable; }

    /** {@return whether the router may try the next provider after this failure} */
    public boolean failover() { return failover; }

    /** {@return whether this failure is recorded as an error by the provider's circuit breaker} */
    public boolean countsAgainstBreaker() { return countsAgainstBreaker; }

    /** {@return the status an application should answer its own client with} */
    public int httpStatus() { return httpStatus; }
}
