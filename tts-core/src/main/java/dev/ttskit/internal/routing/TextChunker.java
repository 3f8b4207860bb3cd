package dev.ttskit.internal.routing;

import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits long text into chunks that fit a character and UTF-8 byte limit, on sentence boundaries
 * where possible, then on clause punctuation, then on spaces, and only as a last resort inside a
 * word (never inside a surrogate pair).
 */
public final class TextChunker {
    private final int maxChars;
    private final int maxBytes;

    public TextChunker(int maxChars, int maxBytes) {
        if (maxChars < 2 || maxBytes < 4) throw new IllegalArgumentException("limits too small: " + maxChars + " chars, " + maxBytes + " bytes");
        this.maxChars = maxChars;
        this.maxBytes = maxBytes;
    }

    public List<String> split(String text, Locale locale) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String sentence : sentences(text, locale)) {
            for (String piece : fit(sentence)) {
                String joined = current.length() == 0 ? piece : current + " " + piece;
                if (fits(joined)) {
                    current.setLength(0);
                    current.append(joined);
                } else {
                    if (current.length() > 0) chunks.add(current.toString());
                    current.setLength(0);
                    current.append(piece);
                }
            }
        }
        if (current.length() > 0) chunks.add(current.toString());
        return chunks;
    }

    private static List<String> sentences(String text, Locale locale) {
        BreakIterator it = BreakIterator.getSentenceInstance(locale);
        it.setText(text);
        List<String> out = new ArrayList<>();
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String s = text.substring(start, end).strip();
            if (!s.isEmpty()) out.add(s);
        }
        return out;
    }

    /** Breaks one sentence into pieces that each fit. */
    private List<String> fit(String sentence) {
        List<String> out = new ArrayList<>();
        String rest = sentence;
        while (!fits(rest)) {
            int cut = cutPoint(rest);
            out.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) out.add(rest);
        return out;
    }

    private int cutPoint(String s) {
        int limit = longestFittingPrefix(s);
        for (String marks : new String[] {",;:", " "}) {
            for (int i = limit - 1; i > limit / 3; i--) {
                if (marks.indexOf(s.charAt(i)) >= 0) return i + 1;
            }
        }
        int cut = Math.max(1, limit);
        if (Character.isHighSurrogate(s.charAt(cut - 1)) && cut > 1) cut--;
        return cut;
    }

    private int longestFittingPrefix(String s) {
        int end = Math.min(s.length(), maxChars);
        while (end > 1 && s.substring(0, end).getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            end--;
        }
        return end;
    }

    private boolean fits(String s) {
        return s.length() <= maxChars && s.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }
}
