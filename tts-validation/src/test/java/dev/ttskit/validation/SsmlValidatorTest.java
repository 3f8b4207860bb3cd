package dev.ttskit.validation;

import dev.ttskit.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SsmlValidatorTest {
    private static final SsmlValidator SSML = SsmlValidator.standard();

    @Test
    void acceptsAllowListedSsmlAndReturnsItsText() {
        String doc = "<speak version=\"1.1\" xmlns=\"http://www.w3.org/2001/10/synthesis\" xml:lang=\"en-US\">"
                + "<p><s>Hello <break time=\"300ms\"/><emphasis level=\"strong\">world</emphasis>.</s></p>"
                + "<prosody rate=\"slow\" pitch=\"+2st\">Slowly,</prosody> <say-as interpret-as=\"date\" format=\"mdy\">1/2/2025</say-as>"
                + " <sub alias=\"World Wide Web\">WWW</sub> <phoneme alphabet=\"ipa\" ph=\"t\u0259\u02C8m\u0251\u02D0to\u028A\">tomato</phoneme>"
                + "<mark name=\"end\"/></speak>";
        assertEquals("Hello world.Slowly, 1/2/2025 WWW tomato", SSML.validate(doc));
    }

    static final String XXE = "<?xml version=\"1.0\"?><!DOCTYPE speak [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + "<speak>&xxe;</speak>";
    static final String BILLION_LAUGHS = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
            + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
            + "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
            + "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
            + "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
            + "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
            + "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>"
            + "<speak>&lol9;</speak>";
    static final String EXTERNAL_DTD = "<!DOCTYPE speak SYSTEM \"http://attacker.example/evil.dtd\"><speak>hi</speak>";

    static Stream<Arguments> rejected() {
        return Stream.of(
                arguments("XXE", XXE, "DOCTYPE"),
                arguments("billion laughs", BILLION_LAUGHS, "DOCTYPE"),
                arguments("external DTD", EXTERNAL_DTD, "DOCTYPE"),
                arguments("audio fetches a URL", "<speak><audio src=\"http://x.example/a.wav\"/></speak>", "element audio is not allowed"),
                arguments("lexicon fetches a URL", "<speak><lexicon uri=\"http://x.example/l.pls\"/></speak>", "element lexicon is not allowed"),
                arguments("script element", "<speak><script>x</script></speak>", "element script is not allowed"),
                arguments("event attribute", "<speak><p onload=\"x()\">hi</p></speak>", "attribute onload is not allowed on p"),
                arguments("foreign namespace", "<speak xmlns:x=\"urn:evil\"><x:p>hi</x:p></speak>", "namespace that is not allowed"),
                arguments("not well-formed", "<speak><p>hi</speak>", "not well-formed"),
                arguments("wrong root", "<p>hi</p>", "root element must be speak"),
                arguments("too deep", "<speak>" + "<s>".repeat(40) + "x" + "</s>".repeat(40) + "</speak>", "deeper than 32"),
                arguments("no text", "<speak><break time=\"1s\"/></speak>", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsUnsafeOrUnknownSsmlQuickly(String name, String doc, String fragment) {
        if (fragment == null) {
            assertTrue(SSML.validate(doc).isBlank());
            return;
        }
        ValidationException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(ValidationException.class, () -> SSML.validate(doc)));
        assertTrue(e.getMessage().contains(fragment), name + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("passwd") || e.getMessage().contains("attacker"), e.getMessage());
    }

    @Test
    void providerExtensionsCanBeAllowed() {
        String doc = "<speak><amazon-effect name=\"whispered\">psst</amazon-effect></speak>";
        assertThrows(ValidationException.class, () -> SSML.validate(doc));
        assertEquals("psst", SSML.allow("amazon-effect", "name").validate(doc));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plain text|plain text",
            "Tom & Jerry|Tom &amp; Jerry",
            "<speak>|&lt;speak&gt;",
            "say \"hi\" & 'bye'|say &quot;hi&quot; &amp; &apos;bye&apos;"})
    void escapesPlainText(String input, String expected) {
        assertEquals(expected, SsmlValidator.escape(input));
        assertEquals(input, SSML.validate("<speak>" + SsmlValidator.escape(input) + "</speak>"));
    }
}
