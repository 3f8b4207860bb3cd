package dev.ttskit.spi;

import dev.ttskit.Settings;

import java.util.Optional;

/**
 * Creates {@link SharedState} from configuration. Discovered with {@link java.util.ServiceLoader} by
 * {@link dev.ttskit.TtsClient#fromEnv()} (and any builder given {@code settings}); list an
 * implementation in {@code META-INF/services/dev.ttskit.spi.SharedStateFactory} and {@code provides}
 * it in module-info. Two factories that both configure shared state make client construction fail,
 * naming both, rather than one winning by class-path order.
 */
public interface SharedStateFactory {
    /**
     * Shared state when the settings configure it (a database URL, say), else empty.
     *
     * @throws IllegalArgumentException when a setting is present but invalid
     */
    Optional<SharedState> create(Settings settings);
}
