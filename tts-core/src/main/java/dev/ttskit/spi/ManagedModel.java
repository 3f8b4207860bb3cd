package dev.ttskit.spi;

import com.google.errorprone.annotations.MustBeClosed;

/**
 * A local model registered with a {@link ResourceManager}: loaded lazily within the load timeout,
 * unloaded when idle or when the memory budget needs room (least recently used first), never while
 * leased.
 *
 * <p>A model loads once however many callers ask for it at the same time: they all wait on the same
 * load, not on each other, and a caller that stops waiting leaves the load running for the others.
 *
 * @param <T> the loaded model
 */
public interface ManagedModel<T> {
    /**
     * Loads the model if needed and pins it in memory until the lease is closed. Waits for a load in
     * progress no longer than the load timeout; prefer {@link #acquire(CallContext)} inside a call.
     *
     * @return a lease that keeps the model loaded until closed; the caller must close it
     * @throws dev.ttskit.ModelException when the model fails to load, or does not within the load timeout
     */
    @MustBeClosed
    Lease<T> acquire();

    /**
     * Like {@link #acquire()}, but waits for a load no longer than the call may: when the call's
     * deadline passes or it is cancelled while the model loads, this throws at once and the load goes
     * on for the callers after it. The exceptions carry no provider id; the adapter adds its own.
     *
     * @param ctx the call whose deadline and cancellation bound the wait
     * @return a lease that keeps the model loaded until closed; the caller must close it
     * @throws dev.ttskit.TtsTimeoutException when the call's deadline passes first
     * @throws dev.ttskit.CancelledException  when the call is cancelled or its thread interrupted first
     * @throws dev.ttskit.ModelException      when the model fails to load, or does not within the load timeout
     */
    @MustBeClosed
    Lease<T> acquire(CallContext ctx);

    /** {@return whether the model is in memory now} */
    boolean loaded();

    /**
     * Unloads the model now unless it is leased.
     *
     * @return whether it was unloaded; false while a lease holds it or when it was not loaded
     */
    boolean unload();

    /** A pinned, loaded model. */
    interface Lease<T> extends AutoCloseable {
        /** {@return the loaded model; valid only until this lease is closed} */
        T get();

        @Override
        void close();
    }
}
