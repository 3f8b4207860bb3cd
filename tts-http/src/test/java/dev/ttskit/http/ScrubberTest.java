package dev.ttskit.http;

import dev.ttskit.ApiKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScrubberTest {
    private static final String KEY = "plainsecretwithoutprefix";
    private final Scrubber scrubber = Scrubber.knowing(ApiKey.of(KEY), null);

    @Test
    void theConfiguredKeyIsRedactedWhereverItAppears() {
        assertEquals("bad key [redacted], try again", scrubber.text("bad key " + KEY + ", try again"));
        assertEquals("[redacted][redacted]", scrubber.text(KEY + KEY));
        assertTrue(Scrubber.GENERIC.text("bad key " + KEY).contains(KEY), "only the scrubber that knows it can find a prefixless key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sk_3f9a2b7c1d8e4f6a", "sk-proj-AbC123xyz789", "r8_Xy12abCD34efGH56", "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
            "AKIAIOSFODNN7EXAMPLE", "Bearer abc123def456", "token r8abcdef12345", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"})
    void keyShapedTokensAreRedactedWithoutBeingConfigured(String token) {
        String out = Scrubber.GENERIC.text("upstream said: " + token + " is wrong");
        assertFalse(out.contains(token), out);
        assertTrue(out.startsWith("upstream said: ") && out.endsWith(" is wrong"), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"k3cg51x8vdrga0cmbzj9ttswzg", "21m00Tcm4TlvDq8ikWAM", "invalid_api_key", "too_many_concurrent_requests",
            "f559560eb822dc509045f3921a1921234918b91739db4bf3daab2169b71c7a13", "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            "the token is invalid", "Input validation failed", "desk_lamp"})
    void ordinaryIdsCodesAndWordsAreKept(String text) {
        assertEquals(text, scrubber.text(text));
        assertEquals(text, scrubber.id(text));
    }

    @Test
    void idsThatHoldASecretAreReplacedWhole() {
        assertEquals(Scrubber.REDACTED, scrubber.id("req-" + KEY));
        assertEquals(Scrubber.REDACTED, scrubber.id("sk_aaaaaaaaaaaaaaaa"));
        assertNull(scrubber.id("  "));
        assertNull(scrubber.id(null));
        assertEquals(Scrubber.MAX_ID + 3, scrubber.id("x".repeat(500)).length());
    }

    @Test
    void controlAndBidiCharactersBecomeSpacesAndLongTextIsCut() {
        assertEquals("line one  line two \u0020x", scrubber.text("line one\r\nline two\u2028\u202Ex"));
        assertEquals("ab...", scrubber.text("abcdef", 2));
        String emoji = "a\uD83D\uDE00b";
        assertEquals("a...", scrubber.text(emoji, 2), "never cuts a surrogate pair in half");
        assertNull(scrubber.text(null));
    }

    @Test
    void listsAndShortKeys() {
        assertEquals(List.of("[redacted]", "name"), scrubber.texts(List.of(KEY, "name"), 50));
        Scrubber shortKey = Scrubber.knowingSecrets(List.of("abc"));
        assertEquals("abc is a word", shortKey.text("abc is a word"), "a key too short to search for is ignored");
    }
}
