package dev.ttskit.spi;

import java.util.Map;

/**
 * A snapshot of what a {@link ResourceManager} holds.
 *
 * @param openStreams       audio streams not yet closed
 * @param loadedModels      local models in memory
 * @param modelNativeBytes  native memory the loaded models declared
 * @param sharedComponents  shared components created (the HTTP client, ...)
 * @param gauges            figures reported by components, e.g. {@code http.connections}
 */
public record ResourceStats(int openStreams, int loadedModels, long modelNativeBytes,
                            int sharedComponents, Map<String, Long> gauges) {
    /**
     * A snapshot; the gauges are copied.
     *
     * @param openStreams      audio streams not yet closed
     * @param loadedModels     local models in memory
     * @param modelNativeBytes native memory the loaded models declared
     * @param sharedComponents shared components created
     * @param gauges           figures reported by components
     */
    public ResourceStats {
        gauges = Map.copyOf(gauges);
    }

    /**
     * A gauge's value, or 0 when no component reports it.
     *
     * @param name the gauge's name, e.g. {@code http.connections}
     * @return the value when the snapshot was taken
     */
    public long gauge(String name) {
        return gauges.getOrDefault(name, 0L);
    }
}
