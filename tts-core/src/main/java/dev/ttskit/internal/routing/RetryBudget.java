package dev.ttskit.internal.routing;

/**
 * A token bucket of retries for one provider: each request that reaches the provider earns
 * {@code ratio} of a retry, at most {@code burst} are kept, and each retry spends one. It keeps a
 * full outage from turning every request into several upstream calls.
 */
final class RetryBudget {
    private final double ratio;
    private final double burst;
    private double tokens;

    RetryBudget(double ratio, int burst) {
        this.ratio = ratio;
        this.burst = burst;
        this.tokens = burst;
    }

    synchronized void earn() {
        tokens = Math.min(burst, tokens + ratio);
    }

    /** Spends one retry if there is one. */
    synchronized boolean trySpend() {
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }
}
