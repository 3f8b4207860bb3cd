package dev.ttskit.spi;

import dev.ttskit.Settings;

import java.util.Optional;

/**
 * Creates a provider from configuration. Discovered with {@link java.util.ServiceLoader} by
 * {@link dev.ttskit.TtsClient#fromEnv()}; list implementations in
 * {@code META-INF/services/dev.ttskit.spi.TtsProviderFactory} (and {@code provides} in module-info).
 */
public interface TtsProviderFactory {
    /** The id of the providers this factory makes. */
    String id();

    /**
     * Makes a provider when the settings configure one (its key is present, its model directory set...),
     * or returns empty when they do not. Throws {@link IllegalArgumentException} when a setting is
     * present but invalid.
     */
    Optional<TtsProvider> create(Settings settings);

    /** Whether {@code fromEnv()} adds this provider even when nothing configures it (the embedded voice). */
    default boolean enabledByDefault() {
        return false;
    }
}
