package dev.ttskit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Root of ttskit's unchecked exception hierarchy.
 *
 * <p>Every failure carries the provider that failed (when one did), a {@link ErrorCategory}, whether
 * it is retryable, the HTTP status an application should answer with and the provider's request id.
 * Messages never contain the input text or a credential: adapters describe failures by status,
 * error code and sizes only.
 *
 * <p>Build one with the subtype's {@code builder(message)} and named setters:
 * <pre>{@code
 * throw QuotaExceededException.builder("quota exceeded")
 *         .provider("elevenlabs").providerStatus(401).errorCode("quota_exceeded").requestId(id)
 *         .build();
 * }</pre>
 */
public class TtsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCategory category;
    private final @Nullable String provider;
    private final @Nullable String requestId;
    private final boolean retryable;
    private final boolean countsAgainstBreaker;
    private final int providerStatus;
    private final @Nullable String errorCode;
    private final @Nullable Duration retryAfter;

    /**
     * For subtypes: every field comes from the builder.
     *
     * @param b the builder holding every field; read once, here
     */
    protected TtsException(Builder<?> b) {
        super(b.message, b.cause);
        this.category = b.category;
        this.provider = b.provider;
        this.requestId = b.requestId;
        this.retryable = b.retryable != null ? b.retryable : b.category.retryable();
        this.countsAgainstBreaker = b.countsAgainstBreaker != null ? b.countsAgainstBreaker : b.category.countsAgainstBreaker();
        this.providerStatus = b.providerStatus;
        this.errorCode = b.errorCode;
        this.retryAfter = b.retryAfter;
    }

    /**
     * A builder for a plain {@code TtsException} of the given category. Adapters normally use the
     * subtype's own {@code builder(message)}, which picks the category and the class.
     *
     * @param category what kind of failure it is; decides retry, failover and breaker by default
     * @param message what went wrong, for logs and the caller; never the input text or a secret
     * @return a new builder
     */
    public static Builder<TtsException> builder(ErrorCategory category, String message) {
        return new Builder<>(category, message, TtsException::new);
    }

    /** {@return the provider that failed; empty for failures before any provider was called} */
    public Optional<String> provider() { return Optional.ofNullable(provider); }

    /** {@return what kind of failure this is; it decides retry, failover and breaker accounting} */
    public ErrorCategory category() { return category; }

    /** {@return whether the same provider may be tried again} */
    public boolean retryable() { return retryable; }

    /** {@return whether the router may fail over to the next provider} */
    public boolean failover() { return category.failover(); }

    /** {@return whether this failure is recorded by the provider's circuit breaker} */
    public boolean countsAgainstBreaker() { return countsAgainstBreaker; }

    /** {@return the HTTP status an application should answer its own client with} */
    public int httpStatus() { return category.httpStatus(); }

    /** {@return the provider's request id (for support tickets), when it sent one} */
    public Optional<String> requestId() { return Optional.ofNullable(requestId); }

    /**
     * The HTTP status the provider itself answered with (401, 429, 503...), when the failure came from
     * an HTTP response. Not to be confused with {@link #httpStatus()}, the status for your own client.
     *
     * @return the provider's HTTP status, 100..599; empty when the failure did not come from an
     *     HTTP response
     */
    public OptionalInt providerStatus() {
        return providerStatus < 0 ? OptionalInt.empty() : OptionalInt.of(providerStatus);
    }

    /**
     * The provider's own error code ({@code quota_exceeded},
     * {@code too_many_concurrent_requests}...), when it sent one.
     *
     * @return the code as the provider sent it; empty when it sent none
     */
    public Optional<String> errorCode() { return Optional.ofNullable(errorCode); }

    /** {@return how long the provider asked callers to wait before trying again (Retry-After), when it said} */
    public Optional<Duration> retryAfter() { return Optional.ofNullable(retryAfter); }

    /** What went wrong, in words; never null (every builder requires it). */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getName()).append(" [").append(category);
        if (provider != null) sb.append(", provider=").append(provider);
        if (providerStatus >= 0) sb.append(", providerStatus=").append(providerStatus);
        if (errorCode != null) sb.append(", errorCode=").append(errorCode);
        if (requestId != null) sb.append(", requestId=").append(requestId);
        sb.append(']');
        return sb.append(": ").append(getMessage()).toString();
    }

    /**
     * Named setters for an exception; {@code build()} makes the subtype it came from. Every setter
     * is optional; the category's defaults decide {@code retryable} and breaker accounting unless
     * narrowed here.
     *
     * @param <E> the exception type {@link #build()} returns
     */
    public static class Builder<E extends TtsException> {
        private final ErrorCategory category;
        private final String message;
        private final Function<? super Builder<E>, E> factory;
        private @Nullable String provider;
        private @Nullable String requestId;
        private @Nullable Throwable cause;
        private int providerStatus = -1;
        private @Nullable String errorCode;
        private @Nullable Duration retryAfter;
        private @Nullable Boolean retryable;
        private @Nullable Boolean countsAgainstBreaker;

        /**
         * For subtypes' {@code builder(message)} methods.
         *
         * @param category the failure's category
         * @param message  what went wrong, without input text or secrets
         * @param factory  the subtype's constructor taking this builder
         */
        protected Builder(ErrorCategory category, String message, Function<? super Builder<E>, E> factory) {
            this.category = Objects.requireNonNull(category, "category");
            this.message = Objects.requireNonNull(message, "message");
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /**
         * The id of the provider that failed.
         *
         * @param provider the id of the provider that failed
         * @return this builder
         */
        public Builder<E> provider(@Nullable String provider) { this.provider = provider; return this; }

        /**
         * The provider's request id, for support tickets.
         *
         * @param requestId the provider's request id, for support tickets
         * @return this builder
         */
        public Builder<E> requestId(@Nullable String requestId) { this.requestId = requestId; return this; }

        /**
         * The underlying failure.
         *
         * @param cause the underlying failure
         * @return this builder
         */
        public Builder<E> cause(@Nullable Throwable cause) { this.cause = cause; return this; }

        /**
         * The HTTP status the provider answered with (100..599).
         *
         * @param status the HTTP status the provider answered with (100..599)
         * @return this builder
         */
        public Builder<E> providerStatus(int status) {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("providerStatus must be 100..599, was " + status);
            }
            this.providerStatus = status;
            return this;
        }

        /**
         * The provider's own error code, as it sent it.
         *
         * @param errorCode the provider's own error code, as it sent it
         * @return this builder
         */
        public Builder<E> errorCode(@Nullable String errorCode) { this.errorCode = errorCode; return this; }

        /**
         * How long the provider asked callers to wait before trying again; not negative.
         *
         * @param retryAfter how long the provider asked callers to wait before trying again; not negative
         * @return this builder
         */
        public Builder<E> retryAfter(@Nullable Duration retryAfter) {
            if (retryAfter != null && retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
            }
            this.retryAfter = retryAfter;
            return this;
        }

        /**
         * Narrows whether the same provider may be tried again (the category decides by default): a
         * billed prediction that produced bad audio, say, must not be paid for twice.
         *
         * @param retryable false to forbid retrying on the same provider
         * @return this builder
         */
        public Builder<E> retryable(boolean retryable) { this.retryable = retryable; return this; }

        /**
         * Narrows whether the breaker records this failure (the category decides by default).
         *
         * @param counts false to keep the failure out of the breaker's failure rate
         * @return this builder
         */
        protected Builder<E> countsAgainstBreaker(boolean counts) { this.countsAgainstBreaker = counts; return this; }

        /** {@return the exception, ready to throw} */
        public E build() { return factory.apply(this); }
    }
}
