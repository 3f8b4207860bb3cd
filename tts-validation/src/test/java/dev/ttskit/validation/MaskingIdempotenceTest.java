package dev.ttskit.validation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Found by fuzzing: a mask's replacement could complete its neighbour into a new address, so a second cleaning changed the text. */
class MaskingIdempotenceTest {
    private static final TextCleaner MASKING = TextCleaner.standard().withUrlMasking(true).withEmailMasking(true);

    @ParameterizedTest
    @ValueSource(strings = {"Mail a@b.eHe@b.eHxaiat today.", "Mail a@b.com.x@c.org now.", "See www.a.example/www.b.example ok.",
            "x@y.example@z.example@w.example"})
    void cleaningTwiceChangesNothing(String text) {
        String once = MASKING.clean(text).text();
        assertEquals(once, MASKING.clean(once).text(), text);
        assertFalse(once.matches("(?s).*[a-z0-9]@[a-z0-9-]+\\.[a-z]{2,}.*"), "an address survived: " + once);
    }

    /** Found by fuzzing: an address ending in a letter with a combining accent left the text out of NFC. */
    @ParameterizedTest
    @ValueSource(strings = {"Write to He@b.eHxaiH\u0301 today.", "See https://example.com/cafe\u0301 now", "x@y.orgq\u0301\u0323 ok"})
    void maskedTextStaysInNormalFormAndCleaningItAgainChangesNothing(String text) {
        String once = MASKING.clean(text).text();
        assertTrue(java.text.Normalizer.isNormalized(once, java.text.Normalizer.Form.NFC), once);
        assertEquals(once, MASKING.clean(once).text());
    }
}
