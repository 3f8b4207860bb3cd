package dev.ttskit;

import java.time.Duration;
import java.util.Objects;

/**
 * A piece of the input (a character or a word) and when it is spoken.
 *
 * @param text   the character or word
 * @param offset its offset, in chars, in the text that was synthesized
 * @param start  when it starts, from the start of the audio
 * @param end    when it ends; never before {@code start}
 */
public record TimedSpan(String text, int offset, Duration start, Duration end) {
    /**
     * Checks the span.
     *
     * @param text the character or word
     * @param offset its offset, in chars, in the text that was synthesized
     * @param start when it starts, from the start of the audio
     * @param end when it ends; never before {@code start}
     * @throws IllegalArgumentException when {@code offset} or {@code start} is negative, or
     *     {@code end} is before {@code start}
     */
    public TimedSpan {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (offset < 0) throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        if (start.isNegative()) throw new IllegalArgumentException("start must be >= 0, was " + start);
        if (end.compareTo(start) < 0) throw new IllegalArgumentException("end " + end + " is before start " + start);
    }

    /** Never prints the text itself (it is part of the input). */
    @Override
    public String toString() {
        return "TimedSpan[offset=" + offset + ", length=" + text.length() + ", start=" + start + ", end=" + end + "]";
    }
}
