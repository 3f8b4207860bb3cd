package dev.ttskit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The provider throttled the call (HTTP 429). Retryable after {@link #retryAfter()}; fails over.
 *
 * <p>A <em>concurrency-limit</em> rejection (too many requests in flight on the account) means
 * "queue", not "unhealthy": it does not count against the circuit breaker.
 */
public class RateLimitException extends TtsException {
    private static final long serialVersionUID = 1L;

    private final boolean concurrencyLimit;

    /**
     * A builder for this exception; {@code message} says what went wrong, without input text or
     * secrets.
     *
     * @param message what went wrong, for logs and the caller; never the input text or a secret
     * @return a new builder; set provider, retry-after, cause and the provider's status and code on
     *     it, then {@code build()}
     */
    public static Builder builder(String message) {
        return new Builder(message);
    }

    /**
     * For subtypes, from their builder.
     *
     * @param builder the builder holding every field; read once, here
     */
    protected RateLimitException(Builder builder) {
        super(builder);
        this.concurrencyLimit = builder.concurrencyLimit;
    }

    /** {@return whether this was the account's concurrency limit rather than a request-rate limit} */
    public boolean concurrencyLimit() { return concurrencyLimit; }

    /** Named setters for a {@link RateLimitException}, with {@link #concurrencyLimit(boolean)} besides the common ones. */
    public static final class Builder extends TtsException.Builder<RateLimitException> {
        private boolean concurrencyLimit;

        private Builder(String message) {
            super(ErrorCategory.RATE_LIMIT, message, b -> new RateLimitException((Builder) b));
        }

        /**
         * Marks the account's concurrent-request limit (queue and retry) as opposed to a request-rate
         * limit; such a rejection does not count against the breaker.
         *
         * @param concurrencyLimit true when the provider refused for too many calls in flight;
         *     false by default
         * @return this builder
         */
        public Builder concurrencyLimit(boolean concurrencyLimit) {
            this.concurrencyLimit = concurrencyLimit;
            countsAgainstBreaker(!concurrencyLimit);
            return this;
        }

        @Override public Builder provider(@Nullable String provider) { super.provider(provider); return this; }
        @Override public Builder requestId(@Nullable String requestId) { super.requestId(requestId); return this; }
        @Override public Builder cause(@Nullable Throwable cause) { super.cause(cause); return this; }
        @Override public Builder providerStatus(int status) { super.providerStatus(status); return this; }
        @Override public Builder errorCode(@Nullable String errorCode) { super.errorCode(errorCode); return this; }
        @Override public Builder retryAfter(@Nullable Duration retryAfter) { super.retryAfter(retryAfter); return this; }
        @Override public Builder retryable(boolean retryable) { super.retryable(retryable); return this; }

        /**
         * Narrows whether the breaker records this refusal: a limit the client enforces on the
         * account itself (a request or character budget) says nothing about the provider's health.
         */
        @Override public Builder countsAgainstBreaker(boolean counts) { super.countsAgainstBreaker(counts); return this; }
    }
}
