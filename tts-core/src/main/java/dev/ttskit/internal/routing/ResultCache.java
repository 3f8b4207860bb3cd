package dev.ttskit.internal.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.ttskit.CachePolicy;
import dev.ttskit.CacheStats;
import dev.ttskit.SpeechResult;

import java.time.Clock;
import java.time.Instant;

/** Results by {@link CacheKey}, weighed by audio bytes within a byte budget. */
final class ResultCache {
    private final Cache<CacheKey, SpeechResult> cache;
    private final long maxBytes;

    ResultCache(CachePolicy policy, Clock clock) {
        this.maxBytes = policy.maxBytes();
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        Caffeine<CacheKey, SpeechResult> builder = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((CacheKey key, SpeechResult value) -> (int) Math.min(Integer.MAX_VALUE, (long) key.weight() + value.size()))
                // Maintenance on the calling thread: no pool threads, and evictions are visible at once.
                .executor(Runnable::run)
                .ticker(ticker)
                .recordStats();
        policy.expireAfterWrite().ifPresent(builder::expireAfterWrite);
        this.cache = builder.build();
    }

    /** The cached result, or null (counted as a hit or a miss). */
    SpeechResult get(CacheKey key) {
        return cache.getIfPresent(key);
    }

    void put(CacheKey key, SpeechResult result) {
        cache.put(key, result);
    }

    CacheStats stats() {
        com.github.benmanes.caffeine.cache.stats.CacheStats s = cache.stats();
        long bytes = cache.policy().eviction().flatMap(e -> e.weightedSize().isPresent()
                ? java.util.Optional.of(e.weightedSize().getAsLong()) : java.util.Optional.empty()).orElse(0L);
        return new CacheStats(s.hitCount(), s.missCount(), s.evictionCount(), cache.estimatedSize(), bytes, maxBytes);
    }

    void clear() {
        cache.invalidateAll();
        cache.cleanUp();
    }
}
