package dev.ttskit.testkit;

import dev.ttskit.Sleeper;
import dev.ttskit.spi.CancellationToken;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Sleeper} that records each wait and advances a {@link ManualClock} instead of sleeping,
 * so retry tests run instantly and can assert the backoff. A wait asked for under a cancellation
 * that has already fired is recorded but does not move the clock, like a real wait cut short.
 * Thread-safe.
 */
public final class ManualSleeper implements Sleeper {
    private final @Nullable ManualClock clock;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    /** Records waits without moving any clock. */
    public ManualSleeper() {
        this(null);
    }

    /**
     * Records waits and advances {@code clock} by each one.
     *
     * @param clock the clock the client under test reads; null moves none, as {@link #ManualSleeper()}
     */
    public ManualSleeper(@Nullable ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        if (clock != null) clock.advance(duration);
    }

    @Override
    public void sleep(Duration duration, CancellationToken cancellation) {
        if (cancellation.isCancelled()) {
            sleeps.add(duration);
            return;
        }
        sleep(duration);
    }

    /**
     * Every wait asked for, in order.
     *
     * @return a copy of the waits so far
     */
    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
