package dev.ttskit.spi;

/**
 * Loads a local model into memory for a {@link ResourceManager}.
 *
 * @param <T> the loaded model
 */
@FunctionalInterface
public interface ModelLoader<T> {
    /** Loads the model. May be interrupted when the load timeout passes. */
    T load() throws Exception;
}
