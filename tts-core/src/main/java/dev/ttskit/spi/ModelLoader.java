package dev.ttskit.spi;

/**
 * Loads a local model into memory for a {@link ResourceManager}.
 *
 * @param <T> the loaded model
 */
@FunctionalInterface
public interface ModelLoader<T> {
    /** {@return the loaded model, never null}. May be interrupted when the load timeout passes. */
    T load() throws Exception;
}
