package dev.ttskit;

import dev.ttskit.spi.CancellationToken;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits between retries. Injected so that tests advance a fake clock instead of sleeping.
 *
 * <p>The router always waits through {@link #sleep(Duration, CancellationToken)}, so a cancelled
 * request stops waiting at once whichever sleeper is configured. An implementation that only
 * overrides {@link #sleep(Duration)} still works: it is simply not woken early.
 */
@FunctionalInterface
public interface Sleeper {
    /** The real thing: parks the thread, waking early when the cancellation fires. */
    Sleeper SYSTEM = new Sleeper() {
        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            }
        }

        @Override
        public void sleep(Duration duration, CancellationToken cancellation) throws InterruptedException {
            if (duration.isNegative() || duration.isZero() || cancellation.isCancelled()) return;
            CountDownLatch cancelled = new CountDownLatch(1);
            try (CancellationToken.Registration ignored = cancellation.onCancel(cancelled::countDown)) {
                cancelled.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public String toString() {
            return "Sleeper.SYSTEM";
        }
    };

    /**
     * Waits {@code duration}.
     *
     * @param duration how long to wait; zero or negative means no wait
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Waits {@code duration}, returning as soon as {@code cancellation} fires (the caller checks the
     * token afterwards). The default checks the token first and then waits the whole duration.
     *
     * @param duration how long to wait; zero or negative means no wait
     * @param cancellation ends the wait early when it fires
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    default void sleep(Duration duration, CancellationToken cancellation) throws InterruptedException {
        if (cancellation.isCancelled()) return;
        sleep(duration);
    }
}
