package dev.ttskit.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP date. */
public final class RetryAfter {
    private RetryAfter() {
    }

    /**
     * The delay the header asks for. Dates in the past give zero.
     *
     * @param header the header's value, or null when the response had none
     * @param clock  the clock an HTTP date is measured against
     * @return the delay; empty when the header is absent or unreadable
     */
    public static Optional<Duration> parse(String header, Clock clock) {
        if (header == null || header.isBlank()) return Optional.empty();
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), when.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
