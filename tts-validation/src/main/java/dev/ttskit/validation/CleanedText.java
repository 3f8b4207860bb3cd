package dev.ttskit.validation;

import java.util.Objects;

/**
 * Text after {@link TextCleaner#clean(String)}, with counts of what changed.
 *
 * @param text   the cleaned text (input: never logged or put in messages)
 * @param report what cleaning changed, as counts
 */
public record CleanedText(String text, CleaningReport report) {
    /**
     * Checks that both components are present.
     *
     * @param text   the cleaned text
     * @param report what cleaning changed
     * @throws NullPointerException when one is null
     */
    public CleanedText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(report, "report");
    }

    /** Describes the result by its report only; the text is never printed. */
    @Override
    public String toString() {
        return "CleanedText[" + report + "]";
    }
}
