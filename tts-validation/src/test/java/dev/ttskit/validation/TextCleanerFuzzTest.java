package dev.ttskit.validation;

import dev.ttskit.validation.internal.CharClasses;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property tests for the text cleaner over the committed seed corpus and deterministic seeded
 * random inputs. Runs in the small-heap surefire execution.
 */
class TextCleanerFuzzTest {
    private static final TextCleaner STANDARD = TextCleaner.standard();
    private static final TextCleaner EVERYTHING = TextCleaner.standard().withUrlMasking(true).withEmailMasking(true)
            .withInjectionPolicy(InjectionPolicy.STRICT);
    private static final TextCleaner NFKC = TextCleaner.standard().withNfkc(true);

    /** Code points weighted towards what the rules treat specially. */
    private static final int[] ALPHABET = {
            'a', 'b', 'Z', '0', '.', ',', '&', '#', ';', '$', '{', '}', '(', ')', '`', '/', '@', '<', '>', ':', '\'',
            ' ', ' ', ' ', '\t', '\n', '\r', 0x0B, 0x0C, 0x85, 0x2028, 0x2029, 0xA0, 0x3000, 0x2003,
            0x00, 0x01, 0x1B, 0x7F, 0x80, 0x9B, 0x9F,
            0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C,
            0x200B, 0xFEFF, 0x2060, 0x180E, 0x200C, 0x200D, 0x200D,
            0x1F468, 0x1F469, 0x1F600, 0x1F3F4, 0xE0067, 0xE0062, 0xE007F, 0xE0041, 0xFE0F, 0x1F3FB, 0x2764,
            0x0645, 0x06CC, 0x062E, 0x064B, 0x0915, 0x094D, 0x0937, 0x0D23, 0x0D4D,
            0x0301, 0x0302, 0x0323, 0x00E9, 0x212B, 0xFB01, 0xFF21, 0x2460, 0x1100, 0x1161, 0x11A8, 0x4E2D,
            0xD800, 0xDC00, 0xFFFD, 0xFFFF};

    @Test
    void runsInASmallHeap() {
        FuzzSupport.assertSmallHeapWhenConfigured();
    }

    @Test
    void replaysTheSeedCorpus() {
        for (Path seed : FuzzSupport.corpus("text")) {
            byte[] bytes = FuzzSupport.read(seed);
            String name = seed.getFileName().toString();
            String decoded = FuzzSupport.run(name + " as UTF-8", () -> TextCleaner.validateUtf8(bytes));
            if (decoded != null) checkAllCleaners(name, decoded);
            // The same bytes read leniently and as UTF-16 reach the cleaner with replacement characters and lone surrogates.
            checkAllCleaners(name + " lenient", new String(bytes, StandardCharsets.UTF_8));
            checkAllCleaners(name + " UTF-16", new String(bytes, StandardCharsets.UTF_16LE));
        }
    }

    @Test
    void seededRandomTextKeepsTheCleanerInvariants() {
        for (long seed = 1; seed <= 2_000; seed++) {
            Random rnd = new Random(seed);
            int length = rnd.nextInt(seed % 100 == 0 ? 20_000 : 400);
            StringBuilder sb = new StringBuilder(length * 2);
            for (int i = 0; i < length; i++) sb.appendCodePoint(ALPHABET[rnd.nextInt(ALPHABET.length)]);
            checkAllCleaners("seed " + seed, sb.toString());
        }
    }

    @Test
    void seededRandomBytesEitherDecodeOrNameAnOffset() {
        for (long seed = 1; seed <= 2_000; seed++) {
            Random rnd = new Random(seed);
            byte[] bytes = new byte[rnd.nextInt(300)];
            rnd.nextBytes(bytes);
            if (seed % 3 == 0) {
                // Mostly-ASCII input with the odd bad byte is the realistic case.
                for (int i = 0; i < bytes.length; i++) if (rnd.nextInt(10) > 0) bytes[i] &= 0x7F;
            }
            String decoded = FuzzSupport.run("bytes seed " + seed, () -> TextCleaner.validateUtf8(bytes));
            if (decoded != null) {
                assertEquals(new String(bytes, StandardCharsets.UTF_8), decoded, "seed " + seed);
                checkAllCleaners("bytes seed " + seed, decoded);
            }
        }
    }

    @Test
    void largeAdversarialInputFinishesQuickly() {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 100_000) sb.append("a\u0301\u200D\u202E \t\u200C\uD83D\uDE00\u200D");
        checkAllCleaners("100k adversarial", sb.toString());
        checkAllCleaners("100k emails", "a@".repeat(50_000));
        checkAllCleaners("100k urls", "www.".repeat(25_000));
        checkAllCleaners("100k marks", "e" + "\u0301".repeat(100_000));
    }

    private static void checkAllCleaners(String label, String input) {
        CleanedText standard = FuzzSupport.run(label, () -> STANDARD.clean(input));
        if (standard != null) checkInvariants(label, input, standard, STANDARD);
        CleanedText nfkc = FuzzSupport.run(label + " NFKC", () -> NFKC.clean(input));
        if (nfkc != null) assertTrue(Normalizer.isNormalized(nfkc.text(), Normalizer.Form.NFKC), label);
        FuzzSupport.run(label + " masking+strict", () -> EVERYTHING.clean(input));
    }

    private static void checkInvariants(String label, String input, CleanedText cleaned, TextCleaner cleaner) {
        String out = cleaned.text();
        assertFalse(out.isEmpty(), label);
        assertTrue(Normalizer.isNormalized(out, Normalizer.Form.NFC), label + ": not NFC");
        assertEquals(out, cleaner.clean(out).text(), label + ": cleaning is not idempotent");
        assertEquals(input.length(), cleaned.report().inputChars(), label);
        assertEquals(out.length(), cleaned.report().outputChars(), label);
        assertFalse(Character.isWhitespace(out.codePointAt(0)), label + ": leading whitespace");
        assertFalse(Character.isWhitespace(out.codePointBefore(out.length())), label + ": trailing whitespace");
        assertFalse(out.contains("  ") || out.contains("\n\n\n") || out.contains("\r"), label + ": whitespace run");
        for (int i = 0; i < out.length(); ) {
            int cp = out.codePointAt(i);
            assertFalse(CharClasses.isStrippedControl(cp) || CharClasses.isBidiControl(cp) || CharClasses.isZeroWidth(cp),
                    label + ": U+" + Integer.toHexString(cp) + " survived at " + i);
            assertFalse(Character.isSurrogate(out.charAt(i)) && Character.charCount(cp) == 1, label + ": lone surrogate");
            if (cp == CharClasses.ZWJ || cp == CharClasses.ZWNJ) {
                assertTrue(i > 0 && i + 1 < out.length(), label + ": joiner at an edge");
            }
            i += Character.charCount(cp);
        }
    }
}
