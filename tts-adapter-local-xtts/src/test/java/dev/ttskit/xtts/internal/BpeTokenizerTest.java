package dev.ttskit.xtts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BpeTokenizerTest {
    private final BpeTokenizer tokenizer = BpeTokenizer.read(TinyModel.dir().resolve("vocab.json"));

    @Test
    void matchesTheReferenceEncoderOnEverySample() {
        JsonNode samples = TinyModel.golden().get("tokenizer");
        assertTrue(samples.size() >= 8);
        for (JsonNode s : samples) {
            int[] expected = new int[s.get("ids").size()];
            for (int i = 0; i < expected.length; i++) expected[i] = s.get("ids").get(i).asInt();
            assertArrayEquals(expected, tokenizer.encode(s.get("text").asText()), "ids of sample " + s.get("text").asText().length());
        }
    }

    @Test
    void specialTokensComeFromTheVocabularyNotFromConstants() {
        assertEquals(0, tokenizer.id("[STOP]").getAsInt());
        assertEquals(1, tokenizer.id("[UNK]").getAsInt());
        assertEquals(2, tokenizer.id("[SPACE]").getAsInt());
        assertEquals(8, tokenizer.id("[START]").getAsInt());
        assertEquals(3, tokenizer.id("[en]").getAsInt());
    }

    @Test
    void mergesFollowRankNotPosition() {
        // "the": (t,h) rank 0 then (th,e) rank 1 beat (h,e) rank 2
        int the = tokenizer.id("the").getAsInt();
        assertArrayEquals(new int[] {the}, tokenizer.encode("the"));
        // "hello": he + ll (ranks 2, 3) then hell (rank 9), o stays
        assertArrayEquals(new int[] {tokenizer.id("hell").getAsInt(), tokenizer.id("o").getAsInt()}, tokenizer.encode("hello"));
    }

    @Test
    void unknownCharactersBecomeOneUnkEachAndAreNeverFused() {
        assertArrayEquals(new int[] {1, 1}, tokenizer.encode("€€"));
        // a supplementary code point is one symbol, not two UTF-16 units
        assertArrayEquals(new int[] {1}, tokenizer.encode("\uD83D\uDE00"));
    }

    @Test
    void whitespaceSeparatesPiecesAndPunctuationRunsStayTogether() {
        int[] ids = tokenizer.encode("a b");
        assertArrayEquals(new int[] {tokenizer.id("a").getAsInt(), tokenizer.id("b").getAsInt()}, ids);
        assertEquals(2, tokenizer.encode("?!").length); // "?!" is one pre-token but not one symbol
    }
}
