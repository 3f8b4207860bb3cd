package dev.ttskit.internal.routing;

import dev.ttskit.spi.CancellationToken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A provider's call slots: at most {@link #limit()} held at once, the limit changeable while calls
 * hold slots. Callers that find none free queue and are served strictly in arrival order: a freed
 * slot goes to the longest waiter, never to a newcomer. A waiter blocks until its turn, its
 * deadline or its cancellation, whichever comes first, and is woken by that event, not by polling.
 *
 * <p>Deadlines are instants of the request's clock. With the system clock the wait is timed to the
 * deadline exactly; under another clock (a test's manual clock, which moves only when told) a waiter
 * reads it again every {@link #FOREIGN_CLOCK_SLICE}, since nothing tells it the clock moved.
 */
final class FairSlots {
    static final Duration FOREIGN_CLOCK_SLICE = Duration.ofMillis(10);
    private static final Class<?> SYSTEM_CLOCK = Clock.systemUTC().getClass();

    /** How an {@link #acquire} ended. */
    enum Outcome { ACQUIRED, TIMED_OUT, CANCELLED }

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private int limit;
    private int inUse;

    FairSlots(int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        this.limit = limit;
    }

    /**
     * Takes a slot, waiting in line until {@code until} on {@code clock} at the latest.
     *
     * @throws InterruptedException when the thread is interrupted while waiting (it holds no slot then)
     */
    Outcome acquire(Clock clock, Instant until, CancellationToken cancellation) throws InterruptedException {
        Waiter me;
        lock.lock();
        try {
            if (queue.isEmpty() && inUse < limit) {
                inUse++;
                return Outcome.ACQUIRED;
            }
            if (cancellation.isCancelled()) return Outcome.CANCELLED;
            me = new Waiter(lock.newCondition());
            queue.addLast(me);
        } finally {
            lock.unlock();
        }
        CancellationToken.Registration wake = cancellation.onCancel(() -> wake(me));
        try {
            return await(me, clock, until, cancellation);
        } finally {
            wake.close();
        }
    }

    private Outcome await(Waiter me, Clock clock, Instant until, CancellationToken cancellation) throws InterruptedException {
        boolean exact = isSystemClock(clock);
        lock.lock();
        try {
            while (!me.granted) {
                if (cancellation.isCancelled()) {
                    queue.remove(me);
                    return Outcome.CANCELLED;
                }
                long left = Duration.between(clock.instant(), until).toNanos();
                if (left <= 0) {
                    queue.remove(me);
                    return Outcome.TIMED_OUT;
                }
                me.turn.awaitNanos(exact ? left : Math.min(left, FOREIGN_CLOCK_SLICE.toNanos()));
            }
            if (!clock.instant().isBefore(until)) {
                // Granted just as its time ran out: too late to call; the slot goes to the next in line.
                releaseLocked();
                return Outcome.TIMED_OUT;
            }
            return Outcome.ACQUIRED;
        } catch (InterruptedException e) {
            if (me.granted) releaseLocked();
            else queue.remove(me);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code clock} is the system clock, whose deadlines a timed wait can keep exactly. */
    static boolean isSystemClock(Clock clock) {
        return clock.getClass() == SYSTEM_CLOCK;
    }

    private void wake(Waiter waiter) {
        lock.lock();
        try {
            waiter.turn.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Gives a slot back; the longest waiter gets it if the limit allows. */
    void release() {
        lock.lock();
        try {
            releaseLocked();
        } finally {
            lock.unlock();
        }
    }

    private void releaseLocked() {
        inUse--;
        grantLocked();
    }

    /** Changes the limit; a higher one serves waiters at once, a lower one takes effect as calls end. */
    void limit(int value) {
        if (value < 1) throw new IllegalArgumentException("limit must be >= 1, was " + value);
        lock.lock();
        try {
            limit = value;
            grantLocked();
        } finally {
            lock.unlock();
        }
    }

    private void grantLocked() {
        while (inUse < limit && !queue.isEmpty()) {
            Waiter next = queue.pollFirst();
            next.granted = true;
            inUse++;
            next.turn.signal();
        }
    }

    int limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    /** Callers waiting for a slot now. */
    int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** One queued caller: signalled when it is granted a slot, cancelled, or (under a foreign clock) to look again. */
    private static final class Waiter {
        final Condition turn;
        boolean granted;

        Waiter(Condition turn) {
            this.turn = turn;
        }
    }
}
