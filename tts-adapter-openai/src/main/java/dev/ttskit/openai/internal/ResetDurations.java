package dev.ttskit.openai.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the waits OpenAI puts in headers: {@code retry-after-ms} (milliseconds, may be fractional)
 * and the Go-style durations of {@code x-ratelimit-reset-*} ({@code 1s}, {@code 6m0s}, {@code 20ms}).
 */
final class ResetDurations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|h|m|s)");

    private ResetDurations() {
    }

    /** A Go-style duration; empty when absent or unreadable. */
    static Optional<Duration> parseGo(String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        String v = value.trim();
        Matcher m = PART.matcher(v);
        int at = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (at < v.length()) {
            if (!m.find(at) || m.start() != at) return Optional.empty();
            BigDecimal n = new BigDecimal(m.group(1));
            long unit = switch (m.group(2)) {
                case "h" -> 3_600_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "s" -> 1_000_000_000L;
                case "ms" -> 1_000_000L;
                case "us", "µs" -> 1_000L;
                default -> 1L;
            };
            nanos = nanos.add(n.multiply(BigDecimal.valueOf(unit)));
            at = m.end();
        }
        return at == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos.longValue()));
    }

    /** {@code retry-after-ms}: a non-negative number of milliseconds; empty when absent or unreadable. */
    static Optional<Duration> parseMillis(String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        try {
            double ms = Double.parseDouble(value.trim());
            if (!(ms >= 0) || Double.isInfinite(ms)) return Optional.empty();
            return Optional.of(Duration.ofNanos((long) (ms * 1_000_000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
