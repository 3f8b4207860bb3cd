package dev.ttskit.marytts;

import dev.ttskit.Settings;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;

import java.util.Optional;

/**
 * Makes the embedded voice for {@code TtsClient.fromEnv()}. It needs no configuration, so it is on by
 * default and comes last in the default failover order.
 */
public final class MaryTtsProviderFactory implements TtsProviderFactory {
    @Override
    public String id() {
        return MaryTtsProvider.ID;
    }

    /** Last: the embedded voice is the fallback that works when everything else is down. */
    @Override
    public int priority() {
        return 1000;
    }

    @Override
    public Optional<TtsProvider> create(Settings settings) {
        return Optional.of(MaryTtsProvider.create());
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }
}
