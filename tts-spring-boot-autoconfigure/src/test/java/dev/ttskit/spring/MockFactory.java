package dev.ttskit.spring;

import dev.ttskit.Settings;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;
import dev.ttskit.testkit.MockTtsProvider;

import java.util.Optional;
import java.util.function.Supplier;

/** A provider of the application's own, declared as a factory bean: how tests put a scripted provider in the chain. */
class MockFactory implements TtsProviderFactory {
    private final String id;
    private final int priority;
    private final Supplier<MockTtsProvider> provider;

    MockFactory(String id, int priority, Supplier<MockTtsProvider> provider) {
        this.id = id;
        this.priority = priority;
        this.provider = provider;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Optional<TtsProvider> create(Settings settings) {
        return Optional.of(provider.get());
    }
}
