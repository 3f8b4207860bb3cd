package dev.ttskit.xtts.internal;

import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextFrontEndTest {
    private static XttsModel model;
    private static TextFrontEnd front;

    @BeforeAll
    static void load() {
        model = TinyModel.load();
        front = new TextFrontEnd(model.tokenizer(), model.manifest(), model.gptSpec());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void languageTagsFollowTheSpec() {
        assertEquals(new TextFrontEnd.Language("en", "en"), TextFrontEnd.language("en-US"));
        assertEquals(new TextFrontEnd.Language("zh", "zh-cn"), TextFrontEnd.language("zh-CN"));
        assertEquals(new TextFrontEnd.Language("pt", "pt"), TextFrontEnd.language("pt-BR"));
    }

    @Test
    void unknownLanguageIsUnsupported() {
        assertThrows(UnsupportedRequestException.class, () -> front.resolve("it"));
        assertEquals("fr", front.resolve("fr-CA").tag());
    }

    @Test
    void englishNumbersAbbreviationsAndSymbols() {
        TextNormalizer en = TextNormalizers.forLanguage("en").orElseThrow();
        assertEquals("mister smith has one thousand, two hundred and thirty-four apples and twenty-one percent more",
                en.normalize("Mr. Smith has 1,234 apples & 21% more"));
        assertEquals("it costs five dollars, fifty cents", en.normalize("It costs $5.50"));
        assertEquals("three point one four", en.normalize("3.14"));
        assertEquals("the first and the twenty-second and the one hundredth", en.normalize("the 1st and the 22nd and the 100th"));
        assertEquals("zero one hundred and five", en.normalize("0 105"));
        assertEquals("two million and seven", en.normalize("2000007"));
        assertEquals("say hi", en.normalize("  say \"hi\"  "));
    }

    @Test
    void encodingAddsTheTagSpacesAndStartStop() {
        TextFrontEnd.Language en = front.resolve("en");
        List<int[]> pieces = front.encode("Hello there.", en);
        assertEquals(1, pieces.size());
        assertArrayEquals(toInts(TinyModel.golden().get("greedy_text_ids")), pieces.get(0));
    }

    private static int[] toInts(com.fasterxml.jackson.databind.JsonNode n) {
        int[] out = new int[n.size()];
        for (int i = 0; i < out.length; i++) out[i] = n.get(i).asInt();
        return out;
    }

    @Test
    void sentencesArePackedWithinTheLimitAndLongOnesWrapped() {
        List<String> parts = TextFrontEnd.split("One two. Three four! Five six seven eight nine ten eleven twelve.", 20);
        for (String p : parts) assertTrue(p.length() <= 20, "piece of " + p.length() + " chars");
        assertEquals("One two. Three four! Five six seven eight nine ten eleven twelve.", String.join(" ", parts));
        assertEquals(List.of("One two. Three four!"), TextFrontEnd.split("One two. Three four!", 20));
    }

    @Test
    void streamsStartWithTheFirstSentenceAlone() {
        String text = "Hi there. This second sentence would fit. So would this one.";
        assertEquals(List.of(text), TextFrontEnd.split(text, 250));
        assertEquals(List.of("Hi there.", "This second sentence would fit. So would this one."), TextFrontEnd.split(text, 250, true));
        assertEquals(List.of("One two", "three four.", "Five six."), TextFrontEnd.split("One two three four. Five six.", 12, true),
                "an over-long first sentence is wrapped, and only its wraps make up the first pieces");
        assertEquals(List.of("Alone."), TextFrontEnd.split("Alone.", 250, true));
    }

    @Test
    void textOverTheTokenLimitIsSplitOnWords() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 25; i++) sb.append("9999999 ");
        // 200 characters (one piece by the char limit) whose spelled-out numbers need far more than 401 tokens
        assertEquals(1, TextFrontEnd.split(sb.toString(), 250).size());
        List<int[]> pieces = front.encode(sb.toString(), front.resolve("en"));
        assertTrue(pieces.size() > 1);
        for (int[] p : pieces) assertTrue(p.length - 2 < model.gptSpec().maxTextTokens());
    }

    @Test
    void onlyTheFirstPieceIsEncodedBeforeGenerationAndTheRestAsTheyAreReached() {
        TextFrontEnd.Language en = front.resolve("en");
        StringBuilder text = new StringBuilder("Hello there.");
        for (int i = 0; i < 40; i++) text.append(" This is sentence number ").append(i).append(" of a long text.");
        List<int[]> eager = front.encode(text.toString(), en, true);
        assertTrue(eager.size() > 3, "a text of several pieces");

        TextPieces lazy = front.pieces(text.toString(), en, true);
        assertEquals(1, lazy.encodedSoFar(), "the first piece only, before anything is generated");
        java.util.Iterator<int[]> it = lazy.iterator();
        it.next();
        assertEquals(1, lazy.encodedSoFar());
        assertTrue(it.hasNext());
        assertEquals(2, lazy.encodedSoFar(), "the next piece when generation reaches it");
        List<int[]> all = new java.util.ArrayList<>();
        for (int[] piece : lazy) all.add(piece);
        assertEquals(eager.size(), all.size());
        for (int i = 0; i < eager.size(); i++) assertArrayEquals(eager.get(i), all.get(i), "piece " + i);
        while (it.hasNext()) it.next();
        assertThrows(java.util.NoSuchElementException.class, it::next, "an exhausted iteration says so");
    }

    @Test
    void piecesEmptyAfterCleaningAreSkippedAndAnEmptyTextIsRefusedBeforeGeneration() {
        TextFrontEnd.Language en = front.resolve("en");
        assertThrows(ValidationException.class, () -> front.pieces("  \"\"  ", en, true));
        String text = "\"\" \"\". Hello there. How are you?";
        List<int[]> eager = front.encode(text, en, true);
        java.util.Iterator<int[]> lazy = front.pieces(text, en, true).iterator();
        for (int[] expected : eager) assertArrayEquals(expected, lazy.next());
        assertTrue(!lazy.hasNext());
    }

    @Test
    void emptyTextAfterCleaningIsInvalid() {
        assertThrows(ValidationException.class, () -> front.encode("  \"\"  ", front.resolve("en")));
    }

    @Test
    void romanisedLanguagesHaveNoNormalizer() {
        assertTrue(TextNormalizers.forLanguage("ja").isEmpty());
        assertTrue(TextNormalizers.forLanguage("de").isPresent());
        assertEquals("strasse ist ok", TextNormalizers.forLanguage("de").orElseThrow().normalize("STRASSE ist  OK"));
    }
}
