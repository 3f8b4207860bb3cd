package dev.ttskit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that moves only when a test moves it, for deadlines, breakers and retry tests that must
 * never sleep. Inject it with {@code TtsClient.builder().clock(clock)}. Thread-safe.
 */
public final class ManualClock extends Clock {
    private volatile Instant now;

    /** Starts at 2026-01-01T00:00:00Z. */
    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /**
     * Starts at the given instant.
     *
     * @param start the clock's first reading
     */
    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far; zero is allowed, negative is not
     */
    public synchronized void advance(Duration duration) {
        if (duration.isNegative()) throw new IllegalArgumentException("a clock only moves forward, not by " + duration);
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public String toString() {
        return "ManualClock[" + now + "]";
    }
}
