package dev.ttskit.spi;

/**
 * Loads a local model into memory for a {@link ResourceManager}.
 *
 * @param <T> the loaded model
 */
@FunctionalInterface
public interface ModelLoader<T> {
    /**
     * {@return the loaded model, never null}. May be interrupted when the load timeout passes.
     *
     * @throws Exception when the model cannot be loaded; the manager wraps it in a
     *     {@link dev.ttskit.ModelException}
     */
    T load() throws Exception;
}
