package dev.ttskit.internal.routing;

import java.time.Duration;

/** Durations as people write them in messages: {@code 10s}, {@code 1.5s}, {@code 250ms}. */
final class Durations {
    private Durations() {
    }

    static String text(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) return millis + "ms";
        if (millis % 1000 == 0) return (millis / 1000) + "s";
        return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
