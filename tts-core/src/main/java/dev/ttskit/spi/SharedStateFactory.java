package dev.ttskit.spi;

import dev.ttskit.Settings;

import java.util.Optional;
import java.util.ServiceLoader;

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
     * @param settings the client's settings (environment and properties)
     * @return the shared state, owned by the client that closes it; empty when not configured
     * @throws IllegalArgumentException when a setting is present but invalid
     */
    Optional<SharedState> create(Settings settings);

    /**
     * The shared state the settings configure, from the one factory on the class path that
     * configures it; empty when none does.
     *
     * @param settings the client's settings (environment and properties)
     * @return the shared state, owned by the caller; empty when no factory configures one
     * @throws IllegalStateException    when two factories configure shared state (naming both; neither is kept)
     * @throws IllegalArgumentException when a factory finds a setting invalid
     */
    static Optional<SharedState> discover(Settings settings) {
        SharedState found = null;
        String foundBy = null;
        for (SharedStateFactory f : ServiceLoader.load(SharedStateFactory.class)) {
            Optional<SharedState> state;
            try {
                state = f.create(settings);
            } catch (RuntimeException e) {
                if (found != null) found.close();
                throw e;
            }
            if (state.isEmpty()) continue;
            if (found != null) {
                found.close();
                state.get().close();
                throw new IllegalStateException("two shared-state factories on the class path are configured: " + foundBy + " and "
                        + f.getClass().getName() + "; remove one of them");
            }
            found = state.get();
            foundBy = f.getClass().getName();
        }
        return Optional.ofNullable(found);
    }
}
