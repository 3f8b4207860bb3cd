package dev.ttskit;

import java.time.Duration;

/**
 * Receives routing events. Every method has an empty default, so implement only what you need.
 * Called on ttskit's threads: keep implementations quick and non-blocking. A listener that throws
 * is logged and otherwise ignored.
 */
public interface TtsListener {
    /**
     * A provider call is about to start. {@code attempt} counts from 1 across the whole request.
     *
     * @param provider the provider's id
     * @param attempt the attempt's number, 1 or more
     */
    default void onAttempt(String provider, int attempt) { }

    /**
     * A request joined an identical request's call to {@code provider} already in flight (single
     * flight) instead of calling the provider again.
     *
     * @param provider the provider's id
     */
    default void onSharedCall(String provider) { }

    /**
     * A provider call failed and will be retried on the same provider after {@code delay}.
     *
     * @param provider the provider's id
     * @param attempt the number of the attempt that failed
     * @param delay how long the router waits before the next attempt
     * @param cause the failure
     */
    default void onRetry(String provider, int attempt, Duration delay, TtsException cause) { }

    /**
     * The router moves on from {@code from} to {@code to} after {@code cause}.
     *
     * @param from the id of the provider given up on
     * @param to the id of the provider tried next
     * @param cause the failure that ended {@code from}
     */
    default void onFailover(String from, String to, TtsException cause) { }

    /**
     * A provider's circuit breaker changed state.
     *
     * @param provider the provider's id
     * @param from the state before
     * @param to the state now
     */
    default void onBreakerTransition(String provider, CircuitState from, CircuitState to) { }

    /**
     * A hedged call to {@code hedge} started because {@code primary} was slow.
     *
     * @param primary the id of the provider whose call was slow
     * @param hedge the id of the provider the hedge runs on
     */
    default void onHedge(String primary, String hedge) { }

    /**
     * A request finished: answered (from a provider or the cache), failed, or — for a stream —
     * ended or closed. Exactly once per request made through {@code synthesize} or {@code stream}.
     *
     * @param outcome what happened, with timings
     */
    default void onRequestFinished(RequestOutcome outcome) { }

    /**
     * A provider call finished (not called for requests that joined another's call).
     *
     * @param outcome what happened, with timings
     */
    default void onAttemptFinished(AttemptOutcome outcome) { }

    /** A request was answered from the cache. */
    default void onCacheHit() { }

    /** A cacheable request was not in the cache. */
    default void onCacheMiss() { }
}
