package dev.ttskit.internal.routing;

import dev.ttskit.UnsupportedRequestException;

import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits long text into chunks that fit a character and UTF-8 byte limit, on sentence boundaries
 * where possible, then on clause punctuation, then on spaces, and only as a last resort inside a
 * word (never inside a surrogate pair). A character that alone exceeds the limits (an emoji under a
 * byte limit of 3) is an {@link UnsupportedRequestException}, never half a character.
 */
public final class TextChunker {
    private final int maxChars;
    private final int maxBytes;

    public TextChunker(int maxChars, int maxBytes) {
        if (maxChars < 1 || maxBytes < 1) throw new IllegalArgumentException("limits too small: " + maxChars + " chars, " + maxBytes + " bytes");
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
        if (limit == 0) {
            int cp = s.codePointAt(0);
            throw UnsupportedRequestException.builder(String.format(Locale.ROOT,
                    "the character U+%04X (%d UTF-16 units, %d UTF-8 bytes) does not fit a chunk of at most %d characters and %d bytes",
                    cp, Character.charCount(cp), utf8Length(cp), maxChars, maxBytes)).build();
        }
        for (String marks : new String[] {",;:", " "}) {
            for (int i = limit - 1; i > limit / 3; i--) {
                if (marks.indexOf(s.charAt(i)) >= 0) return i + 1;
            }
        }
        return limit;
    }

    /**
     * The length of the longest prefix of whole code points that fits both limits; 0 when not even
     * the first does. Walking code points (not chars) is what keeps a surrogate pair together.
     */
    private int longestFittingPrefix(String s) {
        int end = 0;
        int bytes = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int next = end + Character.charCount(cp);
            int b = utf8Length(cp);
            if (next > maxChars || bytes + b > maxBytes) break;
            bytes += b;
            end = next;
        }
        return end;
    }

    /** Bytes of one code point as {@link String#getBytes} writes it (a lone surrogate becomes '?'). */
    private static int utf8Length(int cp) {
        if (cp < 0x80 || (cp <= 0xFFFF && Character.isSurrogate((char) cp))) return 1;
        if (cp < 0x800) return 2;
        return cp <= 0xFFFF ? 3 : 4;
    }

    private boolean fits(String s) {
        return s.length() <= maxChars && s.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }
}
