package dev.ttskit.marytts;

import dev.ttskit.marytts.internal.SpeakableText;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class SpeakableTextTest {
    @Test
    void spellsOutEmailAddresses() {
        assertEquals("Mail jane dot doe at example dot co dot uk now.", SpeakableText.of("Mail jane.doe@example.co.uk now."));
        assertEquals("a plus tag at b dash c dot org and x at y dot io",
                SpeakableText.of("a+tag@b-c.org and x@y.io"));
    }

    @Test
    void leavesOtherTextAlone() {
        String text = "Meet @ noon, price 3.50 at home.";
        assertSame(text, SpeakableText.of(text));
    }
}
