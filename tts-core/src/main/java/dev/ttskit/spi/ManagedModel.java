package dev.ttskit.spi;

/**
 * A local model registered with a {@link ResourceManager}: loaded lazily within the load timeout,
 * unloaded when idle or when the memory budget needs room (least recently used first), never while
 * leased.
 *
 * @param <T> the loaded model
 */
public interface ManagedModel<T> {
    /** Loads the model if needed and pins it in memory until the lease is closed. */
    Lease<T> acquire();

    /** Whether the model is in memory now. */
    boolean loaded();

    /** Unloads the model now unless it is leased; returns whether it was unloaded. */
    boolean unload();

    /** A pinned, loaded model. */
    interface Lease<T> extends AutoCloseable {
        T get();

        @Override
        void close();
    }
}
