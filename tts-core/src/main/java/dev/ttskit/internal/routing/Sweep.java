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
import java.util.function.BiConsumer;

/**
 * Looks at each of a set of things every few milliseconds, on the client's clock: one task on the
 * client's scheduler, started with the first thing added, stopped when the client closes, so that
 * watching a call or a stream costs a set insertion and removal, no timer each. A check that throws
 * is logged and the sweep goes on with the others: a scheduled task that throws is never run again,
 * and every later call or stream would go unwatched.
 *
 * @param <T> what is watched
 */
final class Sweep<T> {
    private static final Logger log = LoggerFactory.getLogger(Sweep.class);

    private final ResourceManager resources;
    private final Clock clock;
    private final long periodMillis;
    private final String what;
    private final BiConsumer<Sweep<T>, T> check;
    private final Set<T> watched = ConcurrentHashMap.newKeySet();
    private volatile boolean started;

    /**
     * @param what  what a check does, for the log when one throws
     * @param check called with this sweep (to {@link #remove} from) and each watched thing, every period
     */
    Sweep(ResourceManager resources, Clock clock, long periodMillis, String what, BiConsumer<Sweep<T>, T> check) {
        this.resources = resources;
        this.clock = clock;
        this.periodMillis = periodMillis;
        this.what = what;
        this.check = check;
    }

    /**
     * Watches {@code item} until it is removed.
     *
     * @throws IllegalStateException when the client is closed before the first item (its scheduler is
     *                               gone; {@link RejectedExecutionException} when it closes meanwhile)
     */
    void add(T item) {
        if (!started) start();
        watched.add(item);
    }

    /** Stops watching {@code item}; true when it was watched (so that only one caller acts on its removal). */
    boolean remove(T item) {
        return watched.remove(item);
    }

    Instant now() {
        return clock.instant();
    }

    private synchronized void start() {
        if (started) return;
        resources.scheduler().scheduleWithFixedDelay(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        started = true;
    }

    private void tick() {
        if (watched.isEmpty()) return;
        for (T item : watched) {
            try {
                check.accept(this, item);
            } catch (RuntimeException e) {
                log.warn("{} failed", what, e);
            }
        }
    }
}
