package dev.ttskit.spi;

import com.google.errorprone.annotations.MustBeClosed;

/**
 * Limits that belong to a provider account rather than to one process: how many calls may be in
 * flight on the account, how many requests and characters it may spend. The router asks for a
 * {@link Permit} right before each provider attempt and closes it when the attempt ends (for a
 * stream, when the stream is closed), so the limits hold across every instance sharing the limiter.
 *
 * <p>Over a limit, {@link #acquire} waits, but never past the context's deadline; when the wait would
 * pass it, it throws a {@link dev.ttskit.RateLimitException} that does not count against the
 * provider's circuit breaker (the account is busy, not the provider unhealthy), so the router fails
 * over to the next provider. The default, {@link #NONE}, limits nothing: each process's bulkhead
 * ({@code maxConcurrentCalls}) is the only limit.
 */
public interface AccountLimiter {
    /** Limits nothing. */
    AccountLimiter NONE = new AccountLimiter() {
        @Override
        public Permit acquire(String providerId, ProviderRequest request, CallContext ctx) {
            return Permit.NONE;
        }

        @Override
        public String toString() {
            return "AccountLimiter.NONE";
        }
    };

    /**
     * Takes what one call of {@code providerId} for {@code request} spends (a concurrency slot, a
     * request, the request's characters), waiting within {@code ctx}'s deadline and cancellation.
     *
     * @param providerId the provider whose account is charged
     * @param request the call's request, for what it spends (its characters)
     * @param ctx the call, whose deadline and cancellation bound the wait
     * @return a permit that the caller closes when the call ends, to give back what is held while
     *     running
     * @throws dev.ttskit.RateLimitException when the limit will not allow the call before the deadline
     * @throws dev.ttskit.CancelledException when the call was cancelled while waiting
     */
    @MustBeClosed
    Permit acquire(String providerId, ProviderRequest request, CallContext ctx);

    /** What one call holds; closing it gives back its concurrency slot. Idempotent, throws nothing. */
    interface Permit extends AutoCloseable {
        /** Holds nothing. */
        Permit NONE = () -> { };

        @Override
        void close();
    }
}
