package dev.ttskit.internal.routing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextChunkerTest {

    @Test
    void splitsOnSentenceBoundariesWithinTheLimit() {
        String text = "First sentence here. Second one is a bit longer than the first. Third! Fourth?";
        List<String> chunks = new TextChunker(45, 1_000).split(text, Locale.ENGLISH);
        assertEquals(List.of("First sentence here.", "Second one is a bit longer than the first.", "Third! Fourth?"), chunks);
    }

    @Test
    void overlongSentencesBreakAtClausesThenSpaces() {
        String text = "alpha beta gamma, delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho";
        List<String> chunks = new TextChunker(30, 1_000).split(text, Locale.ENGLISH);
        for (String c : chunks) assertTrue(c.length() <= 30, c);
        assertEquals("alpha beta gamma,", chunks.get(0));
        assertEquals(text.replace(" ", ""), String.join("", chunks).replace(" ", ""), "nothing lost");
    }

    @Test
    void respectsTheUtf8ByteLimitAndNeverSplitsSurrogatePairs() {
        String text = "😀".repeat(50);
        List<String> chunks = new TextChunker(1_000, 22).split(text, Locale.ROOT);
        for (String c : chunks) {
            assertTrue(c.getBytes(StandardCharsets.UTF_8).length <= 22);
            assertFalse(Character.isHighSurrogate(c.charAt(c.length() - 1)), "no lone high surrogate");
        }
        assertEquals(text, String.join("", chunks));
    }

    @Test
    void randomTextAlwaysFitsAndKeepsEveryWord() {
        Random random = new Random(42);
        String[] words = {"the", "quick", "brown", "fox.", "jumps,", "over", "a", "lazy", "dog!", "Ünïcödé", "文字", "supercalifragilistic"};
        for (int round = 0; round < 200; round++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(200);
            for (int i = 0; i < n; i++) sb.append(words[random.nextInt(words.length)]).append(' ');
            String text = sb.toString().strip();
            int maxChars = 25 + random.nextInt(200);
            List<String> chunks = new TextChunker(maxChars, maxChars * 2).split(text, Locale.ENGLISH);
            for (String c : chunks) {
                assertTrue(c.length() <= maxChars && c.getBytes(StandardCharsets.UTF_8).length <= maxChars * 2);
                assertFalse(c.isBlank());
            }
            assertEquals(text.replace(" ", ""), String.join("", chunks).replace(" ", ""));
        }
    }
}
