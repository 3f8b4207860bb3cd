package dev.ttskit.validation.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces URLs and e-mail addresses with words a speech engine reads naturally. */
public final class TextMasks {
    /*
     * Word boundaries are written as one-character lookarounds, not \b: java.util.regex checks \b
     * by scanning back over combining marks, which turns a long run of marks quadratic.
     */
    /** Scheme URLs and bare www. hosts; no nested quantifiers, so matching is linear. */
    private static final Pattern URL = Pattern.compile(
            "(?i)(?<![a-z0-9_])(?:(?:https?|ftp)://|www\\.)[^\\s<>\"'`{}|\\\\^]+");
    private static final Pattern EMAIL = Pattern.compile(
            "(?i)(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\\.[a-z0-9-]{1,63}){0,8}\\.[a-z]{2,24}(?![a-z0-9])");
    private static final String TRAILING_PUNCTUATION = ".,;:!?)]";

    private TextMasks() {
    }

    /** The masked text and how many replacements were made. */
    public record Result(String text, int count) {
        @Override
        public String toString() {
            return "Result[count=" + count + "]";
        }
    }

    public static Result maskUrls(String text) {
        Matcher m = URL.matcher(text);
        StringBuilder out = null;
        int last = 0;
        int count = 0;
        while (m.find()) {
            int end = m.end();
            // Sentence punctuation after a URL belongs to the sentence, not the URL.
            while (end > m.start() && TRAILING_PUNCTUATION.indexOf(text.charAt(end - 1)) >= 0) end--;
            if (out == null) out = new StringBuilder(text.length());
            out.append(text, last, m.start()).append("link");
            last = end;
            count++;
        }
        if (out == null) return new Result(text, 0);
        out.append(text, last, text.length());
        return new Result(out.toString(), count);
    }

    public static Result maskEmails(String text) {
        if (text.indexOf('@') < 0) return new Result(text, 0);
        Matcher m = EMAIL.matcher(text);
        StringBuilder out = null;
        int last = 0;
        int count = 0;
        while (m.find()) {
            if (out == null) out = new StringBuilder(text.length());
            out.append(text, last, m.start()).append("e-mail address");
            last = m.end();
            count++;
        }
        if (out == null) return new Result(text, 0);
        out.append(text, last, text.length());
        return new Result(out.toString(), count);
    }
}
