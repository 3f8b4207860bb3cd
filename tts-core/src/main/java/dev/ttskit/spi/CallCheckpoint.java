package dev.ttskit.spi;

import java.util.Optional;

/**
 * Durable notes an adapter keeps about one logical call, so that the same call, re-run after a
 * crash or a deploy, can pick up what a provider already started instead of paying for it again.
 * The Replicate adapter, for example, stores a prediction's id here before waiting for it and, when
 * it finds one, fetches that prediction instead of creating another.
 *
 * <p>Keys are the adapter's own; prefix them with the provider id. {@link #put} must have stored the
 * value durably when it returns (it throws when it cannot, and the adapter lets that fail the call).
 * Whoever owns the call (a durable job, say) keeps the notes until the call's result is safe, then
 * drops them. A plain request runs with {@link #NONE}: nothing is read or kept.
 */
public interface CallCheckpoint {
    /** Reads nothing and keeps nothing: the checkpoint of every call that is not resumable. */
    CallCheckpoint NONE = new CallCheckpoint() {
        @Override
        public Optional<String> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, String value) {
            // nothing is resumable: nothing to keep
        }

        @Override
        public void remove(String key) {
            // nothing kept
        }

        @Override
        public String toString() {
            return "CallCheckpoint.NONE";
        }
    };

    /**
     * What an earlier run of this call stored under {@code key}.
     *
     * @param key the note's name, chosen by the provider
     * @return the stored value; empty when nothing is stored under {@code key}
     */
    Optional<String> get(String key);

    /**
     * Stores {@code value} under {@code key}, durably before returning.
     *
     * @param key the note's name, chosen by the provider
     * @param value what a later run of the call needs to resume, e.g. a remote prediction id
     */
    void put(String key, String value);

    /**
     * Forgets {@code key} (what it named is finished or no longer of use).
     *
     * @param key the note's name; forgetting an absent key does nothing
     */
    void remove(String key);
}
