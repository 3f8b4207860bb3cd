package dev.ttskit.internal.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How many calls one provider may have in flight now: additive increase, multiplicative decrease,
 * bounded by what the provider's account allows.
 *
 * <ul>
 *   <li>It starts at the provider's declared default, and follows the account's maximum as soon as an
 *       answer states one ({@link #advertised}), up or down.</li>
 *   <li>A concurrency rejection (a 429 saying too many requests are in flight: the account is shared
 *       with other clients, or the figure was stale) cuts it to three quarters, once per window: a
 *       rejection of a call that started before the last cut says nothing new (as TCP reacts once
 *       per window of loss).</li>
 *   <li>After a cut it climbs back by one for each {@link #CLIMB_INTERVAL} of successful calls,
 *       never above the account's maximum (or the declared default while none was stated).</li>
 *   <li>A limit the application set is fixed: nothing moves it.</li>
 * </ul>
 *
 * Thread-safe; the methods that change the limit say whether they did, so the caller resizes its
 * slots only then.
 */
final class ConcurrencyLimit {
    /** The share of the limit kept after a concurrency rejection. */
    static final double BACKOFF = 0.75;
    /** How long calls must succeed before the limit climbs by one after a cut. */
    static final Duration CLIMB_INTERVAL = Duration.ofSeconds(1);

    private final boolean fixed;
    private final Clock clock;
    // Volatile so that the check every successful call makes needs no lock while nothing climbs.
    private volatile int limit;
    private volatile int ceiling;
    private boolean advertisedSeen;
    private long window;
    private Instant lastChange;

    /**
     * @param initial the limit before any answer states the account's (the provider's declared
     *                default), or the application's limit when {@code fixed}
     * @param fixed   whether the application set the limit, which then never moves
     */
    ConcurrencyLimit(int initial, boolean fixed, Clock clock) {
        if (initial < 1) throw new IllegalArgumentException("limit must be >= 1, was " + initial);
        this.limit = initial;
        this.ceiling = initial;
        this.fixed = fixed;
        this.clock = clock;
        this.lastChange = clock.instant();
    }

    int limit() {
        return limit;
    }

    boolean fixed() {
        return fixed;
    }

    /** The window a call starting now belongs to; hand it back to {@link #rejected}. */
    synchronized long window() {
        return window;
    }

    /**
     * The provider stated the account's maximum. The first statement, and any while the limit is not
     * backing off, sets the limit to it; one below the limit lowers it at once.
     *
     * @return whether the limit changed
     */
    synchronized boolean advertised(int maximum) {
        if (fixed || maximum < 1) return false;
        if (advertisedSeen && maximum == ceiling) return false;
        int before = limit;
        boolean following = !advertisedSeen || limit >= ceiling;
        advertisedSeen = true;
        ceiling = maximum;
        if (following || limit > maximum) limit = maximum;
        if (limit != before) lastChange = clock.instant();
        return limit != before;
    }

    /**
     * A call of {@code callWindow} was refused for too many calls in flight.
     *
     * @return whether the limit was cut
     */
    synchronized boolean rejected(long callWindow) {
        if (fixed || callWindow != window) return false;
        window++;
        int cut = Math.max(1, Math.min(limit - 1, (int) Math.floor(limit * BACKOFF)));
        lastChange = clock.instant();
        if (cut == limit) return false;
        limit = cut;
        return true;
    }

    /**
     * A call succeeded: below the account's maximum, the limit climbs by one once a
     * {@link #CLIMB_INTERVAL} has passed since it last changed.
     *
     * @return whether the limit climbed
     */
    boolean succeeded() {
        if (fixed || limit >= ceiling) return false;
        return climb();
    }

    private synchronized boolean climb() {
        if (limit >= ceiling) return false;
        Instant now = clock.instant();
        if (Duration.between(lastChange, now).compareTo(CLIMB_INTERVAL) < 0) return false;
        limit++;
        lastChange = now;
        return true;
    }

    @Override
    public synchronized String toString() {
        return "ConcurrencyLimit[" + limit + (fixed ? ", fixed" : " of " + ceiling) + "]";
    }
}
