package dev.ttskit.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written request body is the JSON a general-purpose writer would make, escapes included. */
class SpeechJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSameBytesJacksonWritesForTheUsualBody() throws Exception {
        var expected = JSON.createObjectNode();
        expected.put("model", "gpt-4o-mini-tts");
        expected.put("input", "The quick brown fox jumped over the lazy dog.");
        expected.put("voice", "coral");
        expected.put("instructions", "Speak in a cheerful and positive tone.");
        expected.put("response_format", "mp3");
        expected.put("speed", 1.25);
        expected.put("stream_format", "sse");
        byte[] ours = SpeechJson.body("gpt-4o-mini-tts", "The quick brown fox jumped over the lazy dog.", "coral", false,
                "Speak in a cheerful and positive tone.", "mp3", 1.25, true);
        assertEquals(JSON.writeValueAsString(expected), new String(ours, StandardCharsets.UTF_8));
    }

    @Test
    void unsetMembersAreLeftOutAndACustomVoiceIsAnObject() throws Exception {
        String body = new String(SpeechJson.body("tts-1", "Hi.", "voice_1234", true, null, "pcm", null, false), StandardCharsets.UTF_8);
        assertEquals("{\"model\":\"tts-1\",\"input\":\"Hi.\",\"voice\":{\"id\":\"voice_1234\"},\"response_format\":\"pcm\"}", body);
        assertFalse(body.contains("null"));
    }

    @Test
    void everyCharacterSurvivesARoundTrip() throws Exception {
        Random random = new Random(17);
        StringBuilder edge = new StringBuilder("quote \" backslash \\ slash / tab \t newline \n return \r nul \u0000 bell \u0007 "
                + "del \u007f é ß € 中文 \uD83D\uDE00 line-sep \u2028 bom \uFEFF");
        for (int c = 0; c < 0x20; c++) edge.append((char) c);
        assertEquals(edge.toString(), roundTrip(edge.toString()));
        for (int n = 0; n < 2_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                int cp = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> random.nextInt(0x800);
                    case 2 -> 0xE000 + random.nextInt(0x2000);
                    default -> 0x10000 + random.nextInt(0x100000 - 0x10000);
                };
                s.appendCodePoint(cp);
            }
            assertEquals(s.toString(), roundTrip(s.toString()), "string " + n);
        }
    }

    @Test
    void aLoneSurrogateIsEscapedSoTheBodyStaysValidJson() throws Exception {
        String lone = "a\uD83Db\uDE00";
        byte[] body = SpeechJson.body("m", lone, "v", false, null, "mp3", null, false);
        String text = new String(body, StandardCharsets.UTF_8);
        assertTrue(text.contains("a\\ud83db\\ude00"), text);
        assertEquals(lone, JSON.readTree(body).get("input").asText());
    }

    private static String roundTrip(String input) throws Exception {
        byte[] body = SpeechJson.body("m", input, "v", false, input, "mp3", 0.25, false);
        JsonNode node = JSON.readTree(body);
        assertEquals(node.get("input").asText(), node.get("instructions").asText());
        assertEquals(0.25, node.get("speed").asDouble());
        return node.get("input").asText();
    }
}
