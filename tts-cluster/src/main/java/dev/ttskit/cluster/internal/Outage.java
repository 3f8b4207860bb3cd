package dev.ttskit.cluster.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One shared piece's view of the database: after a failure the piece uses its local default for a
 * while instead of waiting on a database that is gone, says so once (WARN), and says once that it
 * is back when a later call succeeds.
 */
public final class Outage {
    private static final Logger log = LoggerFactory.getLogger(Outage.class);

    private final String piece;
    private final long retryNanos;
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile long retryAt;

    public Outage(String piece, Duration retryAfter) {
        this.piece = piece;
        this.retryNanos = retryAfter.toNanos();
    }

    /** Whether the database is known to be down and not due for another try yet. */
    public boolean skip() {
        return down.get() && System.nanoTime() - retryAt < 0;
    }

    /** A call failed on the database: local default until the next try. */
    public void failed(Exception e) {
        retryAt = System.nanoTime() + retryNanos;
        if (down.compareAndSet(false, true)) {
            log.warn("{}: the cluster database is unreachable ({}); using the local default until it returns", piece, e.toString());
        }
    }

    /** A call succeeded on the database. */
    public void ok() {
        if (down.get() && down.compareAndSet(true, false)) log.info("{}: the cluster database is back", piece);
    }

    public boolean isDown() {
        return down.get();
    }
}
