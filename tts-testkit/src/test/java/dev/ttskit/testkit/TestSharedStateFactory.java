package dev.ttskit.testkit;

import dev.ttskit.Settings;
import dev.ttskit.spi.SharedState;
import dev.ttskit.spi.SharedStateFactory;

import java.util.Optional;

/** Configures {@link TestSharedState} when TESTSHARED_ENABLED is set, to test discovery from settings. */
public final class TestSharedStateFactory implements SharedStateFactory {
    /** The last state made, for the test to inspect. */
    public static volatile TestSharedState last;

    @Override
    public Optional<SharedState> create(Settings settings) {
        if (settings.get("TESTSHARED_ENABLED").isEmpty()) return Optional.empty();
        TestSharedState state = new TestSharedState();
        last = state;
        return Optional.of(state);
    }
}
