package dev.ttskit.replicate.internal;

import java.time.Duration;

/** Formats the {@code Cancel-After} header: the remaining deadline rounded up, 5 s to 24 h. */
public final class CancelAfter {
    private static final long MIN_SECONDS = 5;
    private static final long MAX_SECONDS = 24 * 3600;

    private CancelAfter() {
    }

    /** E.g. {@code 5s}, {@code 1m30s}, {@code 2m}, {@code 1h0m1s}. */
    public static String format(Duration remaining) {
        long seconds = remaining.getSeconds() + (remaining.getNano() > 0 ? 1 : 0);
        seconds = Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, seconds));
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        StringBuilder sb = new StringBuilder();
        if (h > 0) sb.append(h).append('h');
        if (m > 0 || (h > 0 && s > 0)) sb.append(m).append('m');
        if (s > 0) sb.append(s).append('s');
        return sb.toString();
    }
}
