package dev.ttskit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one request ended, for metrics and audit logs (see {@link TtsListener#onRequestFinished}).
 * Never holds the text or audio: only sizes.
 *
 * @param kind            how the request was made
 * @param provider        the provider that answered, or that failed last; empty when none was called
 * @param attempts        provider attempts made (retries and failover included; 0 for a cache hit)
 * @param latency         from the request's start until its result (a stream: until it ended or was closed)
 * @param timeToFirstByte a stream's time until its first audio was handed out; empty for whole results
 * @param characters      characters of (cleaned) text
 * @param bytes           audio bytes delivered
 * @param cacheHit        whether the cache answered
 * @param failure         the category of the failure; empty when the request succeeded
 */
public record RequestOutcome(Kind kind, Optional<String> provider, int attempts, Duration latency, Optional<Duration> timeToFirstByte,
                             int characters, long bytes, boolean cacheHit, Optional<ErrorCategory> failure) {
    /** How a request was made. */
    public enum Kind {
        /** A whole result, from {@code synthesize} or {@code synthesizeAsync}. */
        SYNTHESIZE,
        /** A stream, counted from its start until it ended or was closed. */
        STREAM
    }

    /**
     * Checks that no object component is null.
     *
     * @param kind how the request was made
     * @param provider the provider that answered, or that failed last; empty when none was called
     * @param attempts provider attempts made (retries and failover included; 0 for a cache hit)
     * @param latency from the request's start until its result (a stream: until it ended or was
     *     closed)
     * @param timeToFirstByte a stream's time until its first audio was handed out; empty for whole
     *     results
     * @param characters characters of (cleaned) text
     * @param bytes audio bytes delivered
     * @param cacheHit whether the cache answered
     * @param failure the category of the failure; empty when the request succeeded
     */
    public RequestOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(timeToFirstByte, "timeToFirstByte");
        Objects.requireNonNull(failure, "failure");
    }

    /** {@return whether the request succeeded} */
    public boolean succeeded() {
        return failure.isEmpty();
    }
}
