package dev.ttskit.validation;

import dev.ttskit.ValidationException;
import dev.ttskit.validation.internal.CharClasses;
import dev.ttskit.validation.internal.InjectionScreen;
import dev.ttskit.validation.internal.TextMasks;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Objects;

/**
 * Provider-neutral text cleaning. Immutable and thread-safe; {@link #standard()} gives the default
 * rules, the {@code with...} methods derive variants.
 *
 * <p>Rules, in order: no unpaired surrogates (rejected); Unicode normalisation to NFC (or NFKC);
 * C0 and C1 controls removed except newline and tab; carriage returns, NEL and the Unicode line and
 * paragraph separators turned into newlines; bidirectional controls (U+202A..U+202E, U+2066..U+2069,
 * U+200E, U+200F, U+061C) removed; zero-width characters (U+200B, U+2060, U+FEFF, U+180E) removed;
 * ZWJ kept only between emoji or between letters of scripts that join, ZWNJ only between letters of
 * such scripts (Persian, the Indic scripts...); tag characters kept only in emoji flag sequences;
 * whitespace runs collapsed (two or more line breaks to a paragraph break, one to a newline,
 * horizontal runs to one space) and trimmed; then optional masking and injection screening.
 * Text that is empty after cleaning is rejected.
 */
public final class TextCleaner {
    private static final TextCleaner STANDARD = new TextCleaner(Normalizer.Form.NFC, false, false, InjectionPolicy.OFF);

    private final Normalizer.Form form;
    private final boolean maskUrls;
    private final boolean maskEmails;
    private final InjectionPolicy injectionPolicy;

    private TextCleaner(Normalizer.Form form, boolean maskUrls, boolean maskEmails, InjectionPolicy injectionPolicy) {
        this.form = form;
        this.maskUrls = maskUrls;
        this.maskEmails = maskEmails;
        this.injectionPolicy = injectionPolicy;
    }

    /**
     * NFC, no masking, no injection screening.
     *
     * @return the shared standard cleaner
     */
    public static TextCleaner standard() {
        return STANDARD;
    }

    /**
     * The same rules normalising to NFKC instead of NFC (full-width forms, ligatures and the like folded).
     *
     * @param nfkc true for NFKC, false for NFC
     * @return a cleaner with that normal form
     */
    public TextCleaner withNfkc(boolean nfkc) {
        return new TextCleaner(nfkc ? Normalizer.Form.NFKC : Normalizer.Form.NFC, maskUrls, maskEmails, injectionPolicy);
    }

    /**
     * The same rules, replacing URLs by the word "link".
     *
     * @param mask whether to mask URLs
     * @return a cleaner with that setting
     */
    public TextCleaner withUrlMasking(boolean mask) {
        return new TextCleaner(form, mask, maskEmails, injectionPolicy);
    }

    /**
     * The same rules, replacing e-mail addresses by the words "e-mail address".
     *
     * @param mask whether to mask e-mail addresses
     * @return a cleaner with that setting
     */
    public TextCleaner withEmailMasking(boolean mask) {
        return new TextCleaner(form, maskUrls, mask, injectionPolicy);
    }

    /**
     * The same rules with injection screening.
     *
     * @param policy how strictly to screen; {@link InjectionPolicy#OFF} for none
     * @return a cleaner with that policy
     */
    public TextCleaner withInjectionPolicy(InjectionPolicy policy) {
        return new TextCleaner(form, maskUrls, maskEmails, Objects.requireNonNull(policy, "policy"));
    }

    /**
     * Cleans the text.
     *
     * @param text the caller's text
     * @return the cleaned text and a count-only report of what changed
     * @throws ValidationException when the text holds an unpaired surrogate, is empty after cleaning or
     *                             matches an injection pattern; the message names the rule, never the text
     */
    public CleanedText clean(String text) {
        Objects.requireNonNull(text, "text");
        requireWellFormed(text);
        String normalisedText = Normalizer.isNormalized(text, form) ? text : Normalizer.normalize(text, form);
        Tally tally = new Tally();
        String cleaned = passes(normalisedText, tally);
        if (cleaned.isEmpty()) {
            throw ValidationException.builder("text is empty after cleaning (" + text.length() + " characters in, " + tally.removed() + " invisible or control characters removed)")
                    .build();
        }
        int urls = 0;
        int emails = 0;
        // Masked until nothing matches: a replacement can complete a neighbour into a new match
        // ("a@b.eHe@b.org" leaves "e-mail address@b.org"), and cleaning must be idempotent. Each
        // round removes a "://", "www." or "@" and adds none, so the loops end.
        while (maskUrls || maskEmails) {
            int before = urls + emails;
            if (maskUrls) {
                for (TextMasks.Result r = TextMasks.maskUrls(cleaned); r.count() > 0; r = TextMasks.maskUrls(cleaned)) {
                    cleaned = r.text();
                    urls += r.count();
                }
            }
            if (maskEmails) {
                for (TextMasks.Result r = TextMasks.maskEmails(cleaned); r.count() > 0; r = TextMasks.maskEmails(cleaned)) {
                    cleaned = r.text();
                    emails += r.count();
                }
            }
            if (urls + emails == before) break;
            // A mask can leave the combining marks of the last character it replaced on its own last
            // letter ("address" and an acute accent): the result must still be in normal form. And
            // that letter now decides whether a joiner after it stays, so the masked text is cleaned
            // again, as the next clean would; then masked again, in case that removed anything.
            if (!Normalizer.isNormalized(cleaned, form)) cleaned = Normalizer.normalize(cleaned, form);
            cleaned = passes(cleaned, tally);
        }
        if (injectionPolicy != InjectionPolicy.OFF) {
            InjectionScreen.check(cleaned, injectionPolicy);
        }
        CleaningReport report = new CleaningReport(text.length(), cleaned.length(), !normalisedText.equals(text),
                tally.controls, tally.bidi, tally.invisibles, tally.collapsed, tally.lineBreaks, urls, emails);
        return new CleanedText(cleaned, report);
    }

    /**
     * Cleaning passes over normalised text until their result is in normal form. Removing a
     * character between a base and a combining mark can leave a composable pair ("i", NUL, acute);
     * composed, it is one letter of another script than the mark the pass saw, so a joiner after it
     * may now have to go: the composed text is cleaned again, as the next clean would. Each round
     * removes at least one character, so this ends.
     */
    private String passes(String normalised, Tally tally) {
        String cleaned = normalised;
        while (true) {
            Pass pass = new Pass(cleaned);
            cleaned = pass.run();
            tally.add(pass);
            if (!pass.removedAny() || Normalizer.isNormalized(cleaned, form)) return cleaned;
            cleaned = Normalizer.normalize(cleaned, form);
        }
    }

    /** What all passes of one {@link #clean} changed, for its report. */
    private static final class Tally {
        int controls;
        int bidi;
        int invisibles;
        int collapsed;
        int lineBreaks;

        void add(Pass pass) {
            controls += pass.controls;
            bidi += pass.bidi;
            invisibles += pass.invisibles;
            collapsed += pass.collapsed;
            lineBreaks += pass.lineBreaks;
        }

        int removed() {
            return controls + bidi + invisibles;
        }
    }

    /**
     * Decodes strict UTF-8: overlong forms, encoded surrogates, code points above U+10FFFF and
     * truncated sequences are rejected.
     *
     * @param bytes the text as UTF-8
     * @return the decoded text (not yet cleaned)
     * @throws ValidationException naming the byte offset of the first malformed sequence
     */
    public static String validateUtf8(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            throw ValidationException.builder("text is not valid UTF-8: malformed sequence at byte offset " + in.position() + " (" + result.length() + " byte" + (result.length() == 1 ? "" : "s") + ")")
                    .build();
        }
        out.flip();
        return out.toString();
    }

    /**
     * The length of the text in UTF-8 bytes, counted without encoding it.
     *
     * @param text the text; an unpaired surrogate counts as 3 bytes
     * @return its length in UTF-8 bytes
     */
    public static int utf8Length(CharSequence text) {
        int bytes = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** @throws ValidationException at the first unpaired surrogate, naming its index */
    static void requireWellFormed(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw ValidationException.builder("text holds an unpaired surrogate at index " + i).build();
                }
            }
        }
    }

    /**
     * One cleaning pass over normalised text: removal, joiner decisions and whitespace in a single
     * scan. Output is written to a char array (it is never longer than the input) because runs of
     * ASCII are then copied with {@link String#getChars}, several times faster than appending.
     */
    private static final class Pass {
        private final String in;
        private final char[] out;
        private int len;
        int controls;
        int bidi;
        int invisibles;
        int collapsed;
        int lineBreaks;
        private int lastKept = -1;
        private int runLength;
        private int runNewlines;
        private int runSingle;

        Pass(String in) {
            this.in = in;
            this.out = new char[in.length()];
        }

        String run() {
            int n = in.length();
            int i = 0;
            while (i < n) {
                char c = in.charAt(i);
                if (c > 0x20 && c < 0x7F) {
                    // A run of printable ASCII, most of most texts: no rule applies to it, copy it whole.
                    int start = i;
                    while (i < n && (c = in.charAt(i)) > 0x20 && c < 0x7F) i++;
                    if (runLength > 0) flushWhitespace();
                    in.getChars(start, i, out, len);
                    len += i - start;
                    lastKept = in.charAt(i - 1);
                    continue;
                }
                if (c == ' ') {
                    addWhitespace(' ', false);
                    i++;
                    continue;
                }
                int cp = in.codePointAt(i);
                int next = i + Character.charCount(cp);
                if (cp == '\r') {
                    if (next < n && in.charAt(next) == '\n') {
                        lineBreaks++;
                    } else {
                        addWhitespace('\n', true);
                        lineBreaks++;
                    }
                } else if (CharClasses.isLineBreak(cp)) {
                    if (cp != '\n') lineBreaks++;
                    addWhitespace('\n', true);
                } else if (CharClasses.isHorizontalSpace(cp)) {
                    addWhitespace(cp, false);
                } else if (CharClasses.isStrippedControl(cp)) {
                    controls++;
                } else if (CharClasses.isBidiControl(cp)) {
                    bidi++;
                } else if (CharClasses.isZeroWidth(cp)) {
                    invisibles++;
                } else if (cp == CharClasses.ZWJ || cp == CharClasses.ZWNJ) {
                    int following = next < n ? in.codePointAt(next) : -1;
                    if (runLength == 0 && keepJoiner(cp, lastKept, following)) {
                        keep(cp);
                    } else {
                        invisibles++;
                    }
                } else if (CharClasses.isTag(cp)) {
                    if (runLength == 0 && CharClasses.continuesTagSequence(lastKept)) {
                        keep(cp);
                    } else {
                        invisibles++;
                    }
                } else {
                    keep(cp);
                }
                i = next;
            }
            if (runLength > 0) collapsed++;   // trailing whitespace trimmed
            boolean unchanged = len == in.length() && controls + bidi + invisibles + collapsed + lineBreaks == 0;
            return unchanged ? in : new String(out, 0, len);
        }

        boolean removedAny() {
            return controls + bidi + invisibles > 0;
        }

        private static boolean keepJoiner(int joiner, int previous, int following) {
            if (previous < 0 || following < 0) return false;
            if (joiner == CharClasses.ZWJ && CharClasses.isEmojiComponent(previous) && CharClasses.isEmojiComponent(following)) {
                return true;
            }
            return CharClasses.isJoiningScriptLetter(previous) && CharClasses.isJoiningScriptLetter(following)
                    && Character.isLetter(following);
        }

        private void addWhitespace(int cp, boolean newline) {
            if (runLength == 0) runSingle = cp;
            runLength++;
            if (newline) runNewlines++;
        }

        private void keep(int cp) {
            if (runLength > 0) flushWhitespace();
            len += Character.toChars(cp, out, len);
            lastKept = cp;
        }

        private void flushWhitespace() {
            if (len == 0) {
                collapsed++;          // leading whitespace trimmed
            } else if (runNewlines >= 2) {
                out[len++] = '\n';
                out[len++] = '\n';
                if (runLength > 2) collapsed++;
            } else if (runNewlines == 1) {
                out[len++] = '\n';
                if (runLength > 1) collapsed++;
            } else if (runLength == 1) {
                len += Character.toChars(runSingle, out, len);
            } else {
                out[len++] = ' ';
                collapsed++;
            }
            lastKept = ' ';
            runLength = 0;
            runNewlines = 0;
        }
    }
}
