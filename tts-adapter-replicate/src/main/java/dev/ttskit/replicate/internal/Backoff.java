package dev.ttskit.replicate.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Poll intervals: start near {@code initial}, grow by {@code factor} up to {@code max}, each with
 * ±20 % jitter so that many waiting calls do not poll in step.
 *
 * @param initial first interval
 * @param factor  growth per poll
 * @param max     largest interval
 */
public record Backoff(Duration initial, double factor, Duration max) {
    /** 400 ms growing by 1.5 to 5 s: well under Replicate's 3000 requests/min for GETs. */
    public static final Backoff POLLING = new Backoff(Duration.ofMillis(400), 1.5, Duration.ofSeconds(5));

    /** The interval before poll number {@code attempt} (0-based). */
    public Duration delay(int attempt) {
        double base = (double) initial.toMillis() * Math.pow(factor, Math.min(attempt, 30));
        double capped = Math.min(base, (double) max.toMillis());
        double jittered = capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(Math.max(1, Math.round(Math.min(jittered, (double) max.toMillis()))));
    }
}
