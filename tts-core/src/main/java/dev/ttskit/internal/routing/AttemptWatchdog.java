package dev.ttskit.internal.routing;

import dev.ttskit.spi.ResourceManager;

import java.time.Clock;
import java.time.Instant;

/**
 * Ends attempts that run on their caller's thread (providers that declare they honour their
 * deadline, see {@link dev.ttskit.spi.ProviderCapabilities#honoursDeadline()}) when their time is
 * up, should the provider not have ended them itself: every few milliseconds it runs the expiry of
 * each watched attempt whose end has passed on the client's clock (a {@link Sweep}).
 */
final class AttemptWatchdog {
    /** Well inside the 100 ms by which a caller must have its TIMEOUT after the deadline. */
    private static final long TICK_MILLIS = 10;

    private final Sweep<Watch> sweep;

    AttemptWatchdog(ResourceManager resources, Clock clock) {
        this.sweep = new Sweep<>(resources, clock, TICK_MILLIS, "ending an overdue attempt", AttemptWatchdog::expireIfDue);
    }

    /**
     * Runs {@code expiry} once {@code end} has passed, unless the returned watch is closed first.
     *
     * @throws IllegalStateException when the client is closed before the first watch (see {@link Sweep#add})
     */
    Watch watch(Instant end, Runnable expiry) {
        Watch w = new Watch(end, expiry);
        sweep.add(w);
        return w;
    }

    private static void expireIfDue(Sweep<Watch> sweep, Watch w) {
        // Removed first: an attempt that closes its watch meanwhile is not also ended.
        if (!sweep.now().isBefore(w.end) && sweep.remove(w)) w.expiry.run();
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
            sweep.remove(this);
        }
    }
}
