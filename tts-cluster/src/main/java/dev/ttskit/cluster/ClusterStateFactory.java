package dev.ttskit.cluster;

import dev.ttskit.Settings;
import dev.ttskit.spi.SharedState;
import dev.ttskit.spi.SharedStateFactory;

import java.util.Optional;

/**
 * Lets {@link dev.ttskit.TtsClient#fromEnv()} share state through PostgreSQL when
 * {@code TTSKIT_CLUSTER_DB_URL} is set (see {@link TtsCluster#fromSettings}).
 */
public final class ClusterStateFactory implements SharedStateFactory {
    @Override
    public Optional<SharedState> create(Settings settings) {
        return TtsCluster.fromSettings(settings).map(c -> c);
    }
}
