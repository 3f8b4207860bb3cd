package dev.ttskit.http;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryAfterTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void secondsAndDates() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("7", clock));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Sat, 21 Nov 2026 10:00:30 GMT", clock));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sat, 21 Nov 2026 09:00:00 GMT", clock));
    }

    @Test
    void absentOrUnreadableIsEmpty() {
        assertEquals(Optional.empty(), RetryAfter.parse(null, clock));
        assertEquals(Optional.empty(), RetryAfter.parse(" ", clock));
        assertEquals(Optional.empty(), RetryAfter.parse("-3", clock));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", clock));
        assertEquals(Optional.empty(), RetryAfter.parse("99999999999999999999", clock));
    }
}
