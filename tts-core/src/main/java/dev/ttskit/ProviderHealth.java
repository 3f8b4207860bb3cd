package dev.ttskit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one provider's health.
 *
 * @param provider          the provider's id
 * @param state             its circuit breaker's state
 * @param failureRate       percentage of failed calls in the breaker's window, or -1 before enough calls
 * @param latencyP50        median latency of recent successful calls (zero before any)
 * @param latencyP95        95th percentile latency of recent successful calls (zero before any)
 * @param successfulCalls   successful calls since the client started
 * @param failedCalls       failed calls since the client started
 * @param lastErrorCategory the category of the most recent failure, if any
 */
public record ProviderHealth(String provider, CircuitState state, float failureRate, Duration latencyP50,
                             Duration latencyP95, long successfulCalls, long failedCalls,
                             Optional<ErrorCategory> lastErrorCategory) {
    /**
     * Checks that no object component is null.
     *
     * @param provider the provider's id
     * @param state its circuit breaker's state
     * @param failureRate percentage of failed calls in the breaker's window, or -1 before enough
     *     calls
     * @param latencyP50 median latency of recent successful calls (zero before any)
     * @param latencyP95 95th percentile latency of recent successful calls (zero before any)
     * @param successfulCalls successful calls since the client started
     * @param failedCalls failed calls since the client started
     * @param lastErrorCategory the category of the most recent failure, if any
     */
    public ProviderHealth {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(latencyP50, "latencyP50");
        Objects.requireNonNull(latencyP95, "latencyP95");
        Objects.requireNonNull(lastErrorCategory, "lastErrorCategory");
    }
}
