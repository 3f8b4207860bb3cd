package dev.ttskit.internal.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.ttskit.CachePolicy;
import dev.ttskit.CacheStats;
import dev.ttskit.SpeechResult;
import dev.ttskit.spi.ResultStore;

import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Results by {@link CacheKey}, weighed by audio bytes within a byte budget: the near tier, in this
 * process. A near miss asks the shared {@link ResultStore} (the far tier, when one is configured), and
 * what it has is kept near too.
 */
final class ResultCache {
    private final Cache<CacheKey, SpeechResult> cache;
    private final long maxBytes;
    private final ResultStore store;

    ResultCache(CachePolicy policy, Clock clock) {
        this(policy, clock, ResultStore.NONE);
    }

    ResultCache(CachePolicy policy, Clock clock, ResultStore store) {
        this.maxBytes = policy.maxBytes();
        this.store = store;
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
    @Nullable SpeechResult get(CacheKey key) {
        SpeechResult near = cache.getIfPresent(key);
        if (near != null || store == ResultStore.NONE) return near;
        SpeechResult far = store.get(StoreKey.of(key)).orElse(null);
        if (far != null) cache.put(key, far);
        return far;
    }

    void put(CacheKey key, SpeechResult result) {
        cache.put(key, result);
        if (store != ResultStore.NONE) store.put(StoreKey.of(key), result);
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
