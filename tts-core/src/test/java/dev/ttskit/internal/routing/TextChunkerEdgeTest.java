package dev.ttskit.internal.routing;

import dev.ttskit.UnsupportedRequestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chunker's last resorts: byte limits tighter than characters, words longer than a chunk, surrogates. */
class TextChunkerEdgeTest {
    private static void allFit(List<String> chunks, int maxChars, int maxBytes) {
        for (String c : chunks) {
            assertTrue(c.length() <= maxChars && c.getBytes(StandardCharsets.UTF_8).length <= maxBytes, c);
            assertFalse(c.isEmpty());
            assertFalse(Character.isLowSurrogate(c.charAt(0)), "never starts inside a surrogate pair: " + c);
        }
    }

    @Test
    void limitsTooSmallAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TextChunker(0, 100));
        assertThrows(IllegalArgumentException.class, () -> new TextChunker(100, 0));
    }

    @Test
    void aByteLimitTighterThanTheCharacterLimitCutsMultiByteText() {
        TextChunker chunker = new TextChunker(100, 12);
        List<String> chunks = chunker.split("ééééééééééééééééééé ççççç.", Locale.ROOT);
        allFit(chunks, 100, 12);
        assertEquals("ééééééééééééééééééé ççççç.".replace(" ", ""), String.join("", chunks).replace(" ", ""), "nothing lost");
    }

    @Test
    void aWordLongerThanAChunkIsCutInsideButNeverInsideASurrogatePair() {
        TextChunker chunker = new TextChunker(5, 40);
        String emoji = "\uD83D\uDE00".repeat(6);
        List<String> chunks = chunker.split(emoji + " abcdefghijkl.", Locale.ROOT);
        allFit(chunks, 5, 40);
        assertEquals(emoji + "abcdefghijkl.", String.join("", chunks));
    }

    @Test
    void blankAndPunctuationOnlyTextGivesNoChunks() {
        TextChunker chunker = new TextChunker(50, 200);
        assertEquals(List.of(), chunker.split("   \n\t  ", Locale.ROOT));
        assertEquals(List.of("Hi. There."), chunker.split("  Hi.   There.  ", Locale.ROOT));
    }

    @Test
    void aByteLimitUnderFourCutsAsciiAndNeverHalfASurrogatePair() {
        TextChunker chunker = new TextChunker(10, 3);
        List<String> chunks = chunker.split("abcdefg.", Locale.ROOT);
        allFit(chunks, 10, 3);
        assertEquals("abcdefg.", String.join("", chunks));
        UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                () -> chunker.split("ab\uD83D\uDE00cd.", Locale.ROOT));
        assertTrue(e.getMessage().contains("U+1F600") && e.getMessage().contains("3 bytes"), e.getMessage());
        assertThrows(UnsupportedRequestException.class, () -> new TextChunker(1, 10).split("a\uD83D\uDE00.", Locale.ROOT),
                "a pair is two chars: it cannot go into one-char chunks either");
    }

    @Test
    void aByteLimitOfExactlyOneEmojiKeepsEachPairWhole() {
        String emoji = "\uD83D\uDE00";
        List<String> chunks = new TextChunker(10, 4).split(emoji.repeat(3), Locale.ROOT);
        assertEquals(List.of(emoji, emoji, emoji), chunks);
    }
}
