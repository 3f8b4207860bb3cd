package dev.ttskit;

import dev.ttskit.audio.AudioFormat;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every input check of the request builder fails fast, naming the bad value. */
class SpeechRequestInputTest {
    private static void refused(String part, Runnable r) {
        Exception e = assertThrows(RuntimeException.class, r::run);
        assertTrue(String.valueOf(e.getMessage()).contains(part), e.getMessage());
    }

    @Test
    void badValuesAreRefusedByName() {
        SpeechRequest.Builder b = SpeechRequest.builder();
        refused("text", () -> b.text(null));
        refused("BCP 47", () -> b.language("english language"));
        refused("BCP 47", () -> b.language("e"));
        refused("format", () -> b.format(null));
        for (double speed : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) refused("speed", () -> b.speed(speed));
        refused("seed", () -> b.seed(-1));
        refused("seed", () -> b.seed(0x1_0000_0000L));
        refused("option key", () -> b.option(null, "x"));
        refused("option value for k", () -> b.option("k", null));
        refused("must be a String, Number or Boolean", () -> b.option("k", List.of()));
        refused("blank", () -> b.option(" ", "x"));
        refused("timeout", () -> b.timeout(Duration.ZERO));
        refused("timeout", () -> b.timeout(Duration.ofSeconds(-1)));
        refused("text is required", b::build);
    }

    @Test
    void goodValuesRoundTripThroughToBuilder() {
        SpeechRequest r = SpeechRequest.builder().text("Hi.").voice("narrator").language("pt-BR").format(AudioFormat.MP3_44K_128)
                .speed(1.25).seed(4_294_967_295L).option("a", 1).option("b", true).option("c", "x").timeout(Duration.ofSeconds(5))
                .speakerReference(Path.of("voice.wav")).providers(List.of("mock")).allowAnyVoice(true).language(null).build();
        SpeechRequest copy = r.toBuilder().build();
        assertEquals(r, copy);
        assertEquals(r.hashCode(), copy.hashCode());
        assertEquals(Map.of("a", 1, "b", true, "c", "x"), copy.options());
        assertNotEquals(r, r.toBuilder().seed(1).build());
        assertFalse(r.toString().contains("Hi."), "toString never prints the text");
        assertEquals(SpeechRequest.of("Hi."), SpeechRequest.builder().text("Hi.").build());
    }
}
