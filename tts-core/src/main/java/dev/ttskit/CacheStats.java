package dev.ttskit;

/**
 * A snapshot of the result cache's statistics.
 *
 * @param hits      lookups answered from the cache
 * @param misses    lookups that went to a provider
 * @param evictions entries evicted for size or age
 * @param entries   entries held now (approximate)
 * @param bytes     audio bytes held now (approximate)
 * @param maxBytes  the byte budget
 */
public record CacheStats(long hits, long misses, long evictions, long entries, long bytes, long maxBytes) {
    /** {@return hits over lookups, 0 before any lookup} */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
