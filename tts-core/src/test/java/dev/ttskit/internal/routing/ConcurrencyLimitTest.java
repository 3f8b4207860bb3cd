package dev.ttskit.internal.routing;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-provider concurrency limit: what the account states, backing off on refusals, climbing back slowly. */
class ConcurrencyLimitTest {

    /** A clock the test moves by hand (the testkit's ManualClock is not on tts-core's path). */
    private static final class SteppedClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
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
    }

    private final SteppedClock clock = new SteppedClock();

    @Test
    void aLimitBelowOneIsRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimit(0, false, clock));
        assertTrue(e.getMessage().contains("was 0"), e.getMessage());
    }

    @Test
    void aLimitTheApplicationSetNeverMoves() {
        ConcurrencyLimit fixed = new ConcurrencyLimit(3, true, clock);
        assertFalse(fixed.advertised(10), "an advertised maximum does not override the application");
        assertFalse(fixed.rejected(fixed.window()), "a refusal does not cut it");
        clock.advance(Duration.ofMinutes(1));
        assertFalse(fixed.succeeded());
        assertEquals(3, fixed.limit());
        assertTrue(fixed.fixed());
        assertEquals("ConcurrencyLimit[3, fixed]", fixed.toString());
    }

    @Test
    void theFirstStatedMaximumIsTakenAndRepeatingItChangesNothing() {
        ConcurrencyLimit limit = new ConcurrencyLimit(2, false, clock);
        assertFalse(limit.advertised(0), "a nonsensical maximum is ignored");
        assertTrue(limit.advertised(10));
        assertEquals(10, limit.limit());
        assertFalse(limit.advertised(10), "the same statement again is no change");
        assertEquals("ConcurrencyLimit[10 of 10]", limit.toString());
    }

    @Test
    void whileBackingOffAHigherMaximumWaitsForTheClimbButALowerOneCutsAtOnce() {
        ConcurrencyLimit limit = new ConcurrencyLimit(2, false, clock);
        limit.advertised(10);
        assertTrue(limit.rejected(limit.window()));
        int backedOff = limit.limit();
        assertTrue(backedOff < 10, "cut to " + backedOff);

        assertFalse(limit.advertised(12), "a higher ceiling does not undo the back-off");
        assertEquals(backedOff, limit.limit());
        assertTrue(limit.advertised(3), "a maximum below the limit lowers it at once");
        assertEquals(3, limit.limit());
    }

    @Test
    void onlyTheFirstRefusalOfAWindowCutsTheLimit() {
        ConcurrencyLimit limit = new ConcurrencyLimit(8, false, clock);
        long window = limit.window();
        assertTrue(limit.rejected(window));
        int afterFirst = limit.limit();
        assertFalse(limit.rejected(window), "calls that started before the cut do not cut again");
        assertEquals(afterFirst, limit.limit());
    }

    @Test
    void aLimitOfOneIsNeverCutBelowOne() {
        ConcurrencyLimit limit = new ConcurrencyLimit(1, false, clock);
        assertFalse(limit.rejected(limit.window()));
        assertEquals(1, limit.limit());
    }

    @Test
    void successClimbsByOneOncePerIntervalAndStopsAtTheCeiling() {
        ConcurrencyLimit limit = new ConcurrencyLimit(4, false, clock);
        assertTrue(limit.rejected(limit.window()));
        int cut = limit.limit();
        assertFalse(limit.succeeded(), "no climb within the interval of the cut");
        clock.advance(ConcurrencyLimit.CLIMB_INTERVAL);
        assertTrue(limit.succeeded());
        assertEquals(cut + 1, limit.limit());
        assertFalse(limit.succeeded(), "one step per interval");
        for (int i = 0; i < 10; i++) {
            clock.advance(ConcurrencyLimit.CLIMB_INTERVAL);
            limit.succeeded();
        }
        assertEquals(4, limit.limit(), "never above the ceiling");
        clock.advance(ConcurrencyLimit.CLIMB_INTERVAL);
        assertFalse(limit.succeeded());
    }
}
