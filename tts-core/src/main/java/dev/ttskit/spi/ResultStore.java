package dev.ttskit.spi;

import dev.ttskit.SpeechResult;

import java.util.Optional;

/**
 * The far tier of the result cache: where results are shared beyond one process. The in-process
 * cache ({@link dev.ttskit.CachePolicy}) stays the near tier and is asked first; a near miss asks
 * the store, and a store hit calls no provider. Without a store (the default, {@link #NONE}) the
 * cache is the near tier alone.
 *
 * <p>Keys are opaque digests of everything that makes two requests give the same audio (text,
 * voice, language, format, parameters, provider chain); they never contain the text itself.
 * Implementations must be thread-safe and quick: they are asked on the request's own thread, before
 * any provider. A store that cannot answer (its database is down) answers empty and drops writes
 * rather than failing the request.
 */
public interface ResultStore {
    /** No far tier: the near cache alone. */
    ResultStore NONE = new ResultStore() {
        @Override
        public Optional<SpeechResult> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, SpeechResult result) {
        }

        @Override
        public String toString() {
            return "ResultStore.NONE";
        }
    };

    /**
     * The stored result for the key, or empty. Never throws for an unreachable store.
     *
     * @param key the cache key the client derived from the request
     * @return the stored result; empty when there is none or the store cannot be reached
     */
    Optional<SpeechResult> get(String key);

    /**
     * Stores a result under the key (replacing what was there). Never throws for an unreachable
     * store.
     *
     * @param key the cache key the client derived from the request
     * @param result the result to keep; the store copies what it needs, so the caller keeps
     *     ownership
     */
    void put(String key, SpeechResult result);
}
