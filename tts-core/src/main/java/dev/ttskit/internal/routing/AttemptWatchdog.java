package dev.ttskit.internal.routing;

import dev.ttskit.spi.ResourceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Ends attempts that run on their caller's thread (providers that declare they honour their
 * deadline, see {@link dev.ttskit.spi.ProviderCapabilities#honoursDeadline()}) when their time is
 * up, should the provider not have ended them itself: every few milliseconds it runs the expiry of
 * each watched attempt whose end has passed on the client's clock. One task on the client's
 * scheduler, started with the first watched attempt, stopped when the client closes; watching an
 * attempt costs a set insertion and removal, no timer per call.
 */
final class AttemptWatchdog {
    private static final Logger log = LoggerFactory.getLogger(AttemptWatchdog.class);
    /** Well inside the 100 ms by which a caller must have its TIMEOUT after the deadline. */
    private static final long TICK_MILLIS = 10;

    private final ResourceManager resources;
    private final Clock clock;
    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private volatile boolean started;

    AttemptWatchdog(ResourceManager resources, Clock clock) {
        this.resources = resources;
        this.clock = clock;
    }

    /**
     * Runs {@code expiry} once {@code end} has passed, unless the returned watch is closed first.
     *
     * @throws RejectedExecutionException when the client is closed before the first watch
     */
    Watch watch(Instant end, Runnable expiry) {
        if (!started) start();
        Watch w = new Watch(end, expiry);
        watched.add(w);
        return w;
    }

    private synchronized void start() {
        if (started) return;
        resources.scheduler().scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        started = true;
    }

    private void tick() {
        if (watched.isEmpty()) return;
        Instant now = clock.instant();
        for (Watch w : watched) {
            if (!now.isBefore(w.end) && watched.remove(w)) {
                try {
                    w.expiry.run();
                } catch (RuntimeException e) {
                    // One failing expiry must not end the task that watches every other attempt.
                    log.warn("ending an overdue attempt failed", e);
                }
            }
        }
    }

    /** One watched attempt. */
    final class Watch implements AutoCloseable {
        private final Instant end;
        private final Runnable expiry;

        private Watch(Instant end, Runnable expiry) {
            this.end = end;
            this.expiry = expiry;
        }

        /** Stops watching: the attempt ended. */
        @Override
        public void close() {
            watched.remove(this);
        }
    }
}
