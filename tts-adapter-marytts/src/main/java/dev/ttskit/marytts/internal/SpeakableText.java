package dev.ttskit.marytts.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites what MaryTTS 5.2.1 cannot read. Its English preprocessor recurses without end on e-mail
 * addresses (a StackOverflowError for {@code a@b.com}), so addresses are spelled out as words first.
 */
public final class SpeakableText {
    private static final Pattern EMAIL = Pattern.compile("([\\p{L}\\p{N}._%+-]+)@([\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+)");

    private SpeakableText() {
    }

    public static String of(String text) {
        Matcher m = EMAIL.matcher(text);
        if (!m.find()) return text;
        StringBuilder out = new StringBuilder();
        do {
            String spoken = words(m.group(1)) + " at " + words(m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(spoken));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    private static String words(String part) {
        return part.replace(".", " dot ").replace("_", " underscore ").replace("+", " plus ")
                .replace("%", " percent ").replace("-", " dash ").replaceAll(" {2,}", " ").trim();
    }
}
