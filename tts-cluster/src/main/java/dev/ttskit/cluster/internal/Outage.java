package dev.ttskit.cluster.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the cluster database is known to be down, for every shared piece of one instance at once.
 * The first call that fails marks it down (one WARN); from then on the pieces answer from their local
 * defaults without touching the database, so no request waits for a connection or a statement that
 * cannot succeed. While it is down, a background probe asks the database every retry interval; the
 * first answer (the probe's, or a call's that went through anyway, like the completion listener's
 * reconnection) marks it up again (one INFO).
 */
public final class Outage {
    private static final Logger log = LoggerFactory.getLogger(Outage.class);

    /** Asks the database whether it answers; throws when it does not. */
    @FunctionalInterface
    public interface Probe {
        void check() throws Exception;
    }

    private final Duration retry;
    private final ScheduledExecutorService scheduler;
    private final Probe probe;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicBoolean probing = new AtomicBoolean();

    public Outage(Duration retry, ScheduledExecutorService scheduler, Probe probe) {
        this.retry = retry;
        this.scheduler = scheduler;
        this.probe = probe;
    }

    /** Whether the database is known to be down: the caller uses its local default and does not ask it. */
    public boolean skip() {
        return down.get();
    }

    /** A call failed on the database: local defaults until the probe (or another call) gets an answer. */
    public void failed(Exception e) {
        if (down.compareAndSet(false, true)) {
            log.warn("the cluster database is unreachable ({}); the shared cache, limits and completions use their local defaults"
                    + " until it answers again", e.toString());
        }
        startProbing();
    }

    /** A call succeeded on the database. */
    public void ok() {
        if (down.get() && down.compareAndSet(true, false)) log.info("the cluster database answers again; shared state is back");
    }

    public boolean isDown() {
        return down.get();
    }

    /** At most one probe is scheduled at a time, however many calls fail together. */
    private void startProbing() {
        if (!probing.compareAndSet(false, true)) return;
        schedule();
    }

    private void schedule() {
        try {
            // The probe reports through ok() and reschedules itself; its future has nothing to tell.
            ScheduledFuture<?> unused = scheduler.schedule(this::runProbe, retry.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            probing.set(false);
        }
    }

    private void runProbe() {
        if (!down.get()) {
            probing.set(false);
            return;
        }
        try {
            probe.check();
            probing.set(false);
            ok();
        } catch (Exception e) {
            log.debug("the cluster database still does not answer", e);
            schedule();
        }
    }
}
