package dev.ttskit.spi;

import dev.ttskit.Settings;

import java.util.Comparator;
import java.util.Optional;

/**
 * Creates a provider from configuration. Discovered with {@link java.util.ServiceLoader} by
 * {@link dev.ttskit.TtsClient#fromEnv()}; list implementations in
 * {@code META-INF/services/dev.ttskit.spi.TtsProviderFactory} (and {@code provides} in module-info).
 *
 * <p>Discovered providers fail over in {@link #priority()} order, lowest first, so core never needs to
 * know adapter ids. The bundled adapters use {@code 100} (elevenlabs), {@code 150} (openai),
 * {@code 200} (replicate), {@code 250} (polly), {@code 300} (local-xtts) and {@code 1000} (marytts,
 * the embedded last resort); a factory that
 * declares nothing gets {@link #DEFAULT_PRIORITY}, after the bundled network and local providers and
 * before the embedded voice. {@code TTSKIT_PROVIDERS} overrides the order.
 *
 * <p>Two factories with the same {@link #id()} on the class path make client construction fail,
 * naming both classes, rather than one of them winning by class-path order.
 */
public interface TtsProviderFactory {
    /** The priority of a factory that does not declare one. */
    int DEFAULT_PRIORITY = 500;

    /** {@return the id of the providers this factory makes} */
    String id();

    /**
     * Makes a provider when the settings configure one (its key is present, its model directory set...),
     * or returns empty when they do not. Throws {@link IllegalArgumentException} when a setting is
     * present but invalid.
     *
     * @param settings the client's settings (environment and properties)
     * @return the provider, owned by the client that closes it; empty when not configured
     */
    Optional<TtsProvider> create(Settings settings);

    /**
     * Like {@link #create(Settings)}, for a client whose instances share state (see
     * {@link SharedState}): a provider that takes webhooks waits on {@code shared}'s completion bus.
     * The client owns {@code shared}; the provider must not close it. By default the shared state is
     * not needed and {@link #create(Settings)} is called.
     *
     * @param settings the client's settings (environment and properties)
     * @param shared the state the client's instances share; owned by the client
     * @return the provider, owned by the client that closes it; empty when not configured
     */
    default Optional<TtsProvider> create(Settings settings, SharedState shared) {
        return create(settings);
    }

    /**
     * Whether {@code fromEnv()} adds this provider even when nothing configures it (the embedded
     * voice).
     *
     * @return true for a provider that needs no configuration; false by default
     */
    default boolean enabledByDefault() {
        return false;
    }

    /**
     * Where this provider goes in the default failover order: lower runs earlier. Ties are ordered by
     * id, so the order never depends on the class path.
     *
     * @return the priority; {@link #DEFAULT_PRIORITY} by default
     */
    default int priority() {
        return DEFAULT_PRIORITY;
    }

    /**
     * The default failover order: {@link #priority()}, then {@link #id()}.
     *
     * @return a comparator for the default failover order
     */
    static Comparator<TtsProviderFactory> byPriority() {
        return Comparator.comparingInt(TtsProviderFactory::priority).thenComparing(TtsProviderFactory::id);
    }
}
