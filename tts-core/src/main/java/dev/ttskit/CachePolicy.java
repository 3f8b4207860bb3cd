package dev.ttskit;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory result cache (off by default; {@code TTSKIT_CACHE_MAX_BYTES} turns it on). Entries
 * are weighed by their audio bytes; the least useful are evicted beyond the byte budget. A hit calls
 * no provider. The key is the normalised text, voice, language, format, every synthesis parameter
 * and the provider chain.
 */
public final class CachePolicy {
    private final long maxBytes;
    private final @Nullable Duration expireAfterWrite;

    private CachePolicy(long maxBytes, @Nullable Duration expireAfterWrite) {
        this.maxBytes = maxBytes;
        this.expireAfterWrite = expireAfterWrite;
    }

    /**
     * A cache holding at most {@code maxBytes} of audio, entries kept until evicted.
     *
     * @param maxBytes the audio bytes the cache may hold, at least 1
     * @return the policy, without expiry
     * @throws IllegalArgumentException when {@code maxBytes} is below 1
     */
    public static CachePolicy maxBytes(long maxBytes) {
        if (maxBytes < 1) throw new IllegalArgumentException("cache maxBytes must be >= 1, was " + maxBytes);
        return new CachePolicy(maxBytes, null);
    }

    /**
     * The same budget, entries dropped {@code ttl} after they were written.
     *
     * @param ttl how long an entry lives after it was written, positive
     * @return a new policy; this one is unchanged
     * @throws IllegalArgumentException when {@code ttl} is zero or negative
     */
    public CachePolicy expireAfterWrite(Duration ttl) {
        return new CachePolicy(maxBytes, Durations.requirePositive(ttl, "expireAfterWrite"));
    }

    /** {@return the audio bytes the cache may hold, at least 1} */
    public long maxBytes() { return maxBytes; }

    /**
     * {@return how long an entry lives after it was written; empty when entries live until evicted}
     */
    public Optional<Duration> expireAfterWrite() { return Optional.ofNullable(expireAfterWrite); }

    @Override
    public String toString() {
        return "CachePolicy[maxBytes=" + maxBytes + (expireAfterWrite == null ? "" : ", ttl=" + expireAfterWrite) + "]";
    }
}
