package dev.ttskit.internal;

import dev.ttskit.AttemptPolicy;
import dev.ttskit.AudioCheckPolicy;
import dev.ttskit.BreakerPolicy;
import dev.ttskit.CachePolicy;
import dev.ttskit.HedgePolicy;
import dev.ttskit.LongTextPolicy;
import dev.ttskit.RetryPolicy;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The router's resolved policies.
 *
 * @param retry              retries on one provider
 * @param breaker            each provider's circuit breaker
 * @param hedge              hedged requests
 * @param cache              the result cache, or null when off
 * @param longText           long-text synthesis
 * @param maxConcurrentCalls bulkhead sizes by provider id, overriding the providers' capabilities
 * @param attempts           limits of one provider attempt
 * @param attemptsByProvider limits of one provider's attempts, overriding {@code attempts}
 * @param audioChecks        what provider audio must look like
 */
public record RoutingConfig(RetryPolicy retry, BreakerPolicy breaker, HedgePolicy hedge, @Nullable CachePolicy cache,
                            LongTextPolicy longText, Map<String, Integer> maxConcurrentCalls,
                            AttemptPolicy attempts, Map<String, AttemptPolicy> attemptsByProvider, AudioCheckPolicy audioChecks) {
    public static final RoutingConfig DEFAULTS = new RoutingConfig(RetryPolicy.DEFAULT, BreakerPolicy.DEFAULT, HedgePolicy.OFF,
            null, LongTextPolicy.DEFAULT, Map.of(), AttemptPolicy.DEFAULT, Map.of(), AudioCheckPolicy.DEFAULT);

    public RoutingConfig {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(hedge, "hedge");
        Objects.requireNonNull(longText, "longText");
        Objects.requireNonNull(attempts, "attempts");
        Objects.requireNonNull(audioChecks, "audioChecks");
        maxConcurrentCalls = Map.copyOf(maxConcurrentCalls);
        attemptsByProvider = Map.copyOf(attemptsByProvider);
    }

    public Optional<CachePolicy> cachePolicy() {
        return Optional.ofNullable(cache);
    }

    /** The attempt limits of one provider. */
    public AttemptPolicy attemptsFor(String providerId) {
        return attemptsByProvider.getOrDefault(providerId, attempts);
    }
}
