package dev.ttskit.internal.routing;

import dev.ttskit.ProviderUnavailableException;

/** The provider's circuit breaker refused the call: skipped, never retried, no provider call made. */
final class BreakerOpenException extends ProviderUnavailableException {
    private static final long serialVersionUID = 1L;

    BreakerOpenException(String provider, String state) {
        super(ProviderUnavailableException.builder("circuit breaker is " + state + "; provider skipped").provider(provider));
    }

    /**
     * No stack trace: made on every request while a breaker is open, at the same place in the
     * router each time, and filling one in would cost more than the failover it leads to.
     */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
