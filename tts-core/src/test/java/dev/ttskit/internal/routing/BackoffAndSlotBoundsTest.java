package dev.ttskit.internal.routing;

import dev.ttskit.RetryPolicy;
import dev.ttskit.Sleeper;
import dev.ttskit.internal.Listeners;
import dev.ttskit.spi.ResourceManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounds of the retry backoff and of the provider slots, at values the router's own paths rarely reach. */
class BackoffAndSlotBoundsTest {
    /** Starts nothing: the watchdog takes a scheduler thread only with its first watched call. */
    private static final ResourceManager RESOURCES = ResourceManager.create();

    private static ResilientCaller caller(RetryPolicy policy) {
        return new ResilientCaller(policy, Sleeper.SYSTEM, new Listeners(List.of()), Runnable::run,
                new AttemptWatchdog(RESOURCES, Clock.systemUTC()));
    }

    @AfterAll
    static void close() {
        RESOURCES.close();
    }

    @Test
    void backoffStaysWithinZeroAndTheCapForAnyNumberOfTries() {
        Duration cap = Duration.ofSeconds(30);
        // A large first wait makes the doubling overflow a long long before 40 tries: the cap must hold anyway.
        RetryPolicy policy = RetryPolicy.builder().backoff(Duration.ofSeconds(20), cap).jitterSeed(7).build();
        ResilientCaller caller = caller(policy);
        long longest = 0;
        for (int tries = 1; tries <= 100; tries++) {
            Duration d = caller.backoff(tries);
            assertTrue(!d.isNegative() && d.compareTo(cap) <= 0, "try " + tries + " waits " + d);
            longest = Math.max(longest, d.toMillis());
        }
        assertTrue(longest > Duration.ofSeconds(20).toMillis(), "full jitter over the capped bound reaches past the first wait: " + longest);
    }

    @Test
    void theFirstBackoffIsBoundedByTheInitialWait() {
        Duration initial = Duration.ofMillis(100);
        RetryPolicy policy = RetryPolicy.builder().backoff(initial, Duration.ofSeconds(5)).jitterSeed(1).build();
        ResilientCaller caller = caller(policy);
        for (int i = 0; i < 50; i++) assertTrue(caller.backoff(1).compareTo(initial) <= 0);
    }

    @Test
    void slotLimitsBelowOneAreRefusedNamingTheValue() {
        IllegalArgumentException atStart = assertThrows(IllegalArgumentException.class, () -> new FairSlots(0));
        assertEquals("limit must be >= 1, was 0", atStart.getMessage());
        FairSlots slots = new FairSlots(2);
        IllegalArgumentException resized = assertThrows(IllegalArgumentException.class, () -> slots.limit(-3));
        assertEquals("limit must be >= 1, was -3", resized.getMessage());
    }
}
