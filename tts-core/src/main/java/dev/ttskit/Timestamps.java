package dev.ttskit;

import java.util.ArrayList;
import java.util.List;

/**
 * Character and word timings of a synthesized text.
 *
 * @param characters one span per character, in order
 * @param words      one span per whitespace-separated word, derived from the characters
 */
public record Timestamps(List<TimedSpan> characters, List<TimedSpan> words) {
    /**
     * Copies both lists, so later changes to the caller's lists do not show.
     *
     * @param characters one span per character, in order
     * @param words one span per whitespace-separated word, derived from the characters
     */
    public Timestamps {
        characters = List.copyOf(characters);
        words = List.copyOf(words);
    }

    /**
     * Builds timestamps from character timings, deriving word timings: a word runs from its first
     * character's start to its last's end.
     *
     * @param characters one span per character of the synthesized text, in order; whitespace spans
     *     separate words
     * @return the character timings with the derived word timings
     */
    public static Timestamps fromCharacters(List<TimedSpan> characters) {
        List<TimedSpan> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        TimedSpan first = null;
        TimedSpan last = null;
        for (TimedSpan c : characters) {
            if (c.text().isBlank()) {
                if (first != null && last != null) {
                    words.add(new TimedSpan(word.toString(), first.offset(), first.start(), last.end()));
                    word.setLength(0);
                    first = null;
                }
                continue;
            }
            if (first == null) first = c;
            word.append(c.text());
            last = c;
        }
        if (first != null && last != null) {
            words.add(new TimedSpan(word.toString(), first.offset(), first.start(), last.end()));
        }
        return new Timestamps(characters, words);
    }

    @Override
    public String toString() {
        return "Timestamps[characters=" + characters.size() + ", words=" + words.size() + "]";
    }
}
