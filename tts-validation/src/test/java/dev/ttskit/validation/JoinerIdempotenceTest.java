package dev.ttskit.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Found by fuzzing: a joiner is kept or dropped by the letter before it, and that letter could change
 * after the pass had decided, when a removal let a base and its mark compose or a mask ended in the
 * mark. A second cleaning then dropped the joiner.
 */
class JoinerIdempotenceTest {
    private static final TextCleaner MASKING = TextCleaner.standard().withUrlMasking(true).withEmailMasking(true);
    private static final String ZWJ = "\u200d";
    private static final String ZWNJ = "\u200c";

    @ParameterizedTest
    @ValueSource(strings = {
            "Hi i\u0000\u0301\u200d\u0683 there.",                 // i, NUL, acute: composes to a Latin letter once NUL goes
            "Write to b.e@b.eHb\u0301\u200d\u0683 today.",         // the address's mark lands on the mask's last letter
            "Then y\u0000\u0301\u200c\u0628 ok."})                  // the same with a non-joiner
    void cleaningTwiceChangesNothing(String text) {
        String once = MASKING.clean(text).text();
        assertEquals(once, MASKING.clean(once).text(), text);
        assertFalse(once.contains(ZWJ) || once.contains(ZWNJ), "a joiner after a Latin letter is dropped: " + once);
    }

    @Test
    void aComposedLetterBeforeAJoinerDropsItAndTheReportCountsIt() {
        CleanedText cleaned = TextCleaner.standard().clean("Hi i\u0000\u0301\u200d\u0683 there.");
        assertEquals("Hi \u00ed\u0683 there.", cleaned.text());
        assertEquals(1, cleaned.report().controlsRemoved());
        assertEquals(1, cleaned.report().invisiblesRemoved());
    }
}
