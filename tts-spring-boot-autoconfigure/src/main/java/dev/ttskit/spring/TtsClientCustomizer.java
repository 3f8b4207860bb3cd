package dev.ttskit.spring;

import dev.ttskit.TtsClient;

/**
 * Changes the auto-configured client's builder before it is built: add a listener, a provider
 * written in code, a validator, a clock. Declare one or more as beans; they run in their
 * {@link org.springframework.core.annotation.Order} after the {@code ttskit.*} properties were applied,
 * so what a customizer sets wins.
 */
@FunctionalInterface
public interface TtsClientCustomizer {
    /**
     * Adjusts {@code builder}; called once, while the {@link TtsClient} bean is created.
     *
     * @param builder the client's builder, the properties already applied; the caller builds it, not the customizer
     */
    void customize(TtsClient.Builder builder);
}
