package dev.ttskit;

import java.time.Duration;

/**
 * Waits between retries. Injected so that tests advance a fake clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
    /** The real thing: {@link Thread#sleep}. */
    Sleeper SYSTEM = duration -> {
        if (!duration.isNegative() && !duration.isZero()) Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    };

    void sleep(Duration duration) throws InterruptedException;
}
