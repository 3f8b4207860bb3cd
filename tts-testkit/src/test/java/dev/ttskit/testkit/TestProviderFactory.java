package dev.ttskit.testkit;

import dev.ttskit.Settings;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;

import java.util.Optional;

/** Configures a mock provider "envmock" when ENVMOCK_ENABLED is set, to test discovery from settings. */
public final class TestProviderFactory implements TtsProviderFactory {
    @Override
    public String id() {
        return "envmock";
    }

    @Override
    public Optional<TtsProvider> create(Settings settings) {
        return settings.get("ENVMOCK_ENABLED").map(v -> MockTtsProvider.alwaysAudio("envmock"));
    }
}
