package dev.ttskit.internal.routing;

import dev.ttskit.spi.ResourceManager;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Ends streams whose provider stopped sending: every few milliseconds it looks at each open
 * {@link RoutedStream} and times out a read that has waited longer than the idle limit. One task on
 * the client's scheduler, started with the first stream, stopped when the client closes.
 */
final class StreamWatchdog {
    private static final long TICK_MILLIS = 25;

    private final ResourceManager resources;
    private final Clock clock;
    private final Set<RoutedStream> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean started;

    StreamWatchdog(ResourceManager resources, Clock clock) {
        this.resources = resources;
        this.clock = clock;
    }

    java.time.Instant now() {
        return clock.instant();
    }

    void watch(RoutedStream stream) {
        streams.add(stream);
        if (!started) start();
    }

    void unwatch(RoutedStream stream) {
        streams.remove(stream);
    }

    private synchronized void start() {
        if (started) return;
        resources.scheduler().scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        started = true;
    }

    private void tick() {
        if (streams.isEmpty()) return;
        java.time.Instant now = clock.instant();
        for (RoutedStream s : streams) s.checkIdle(now);
    }
}
