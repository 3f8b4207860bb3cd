package dev.ttskit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    @Test
    void explicitBeatsSystemPropertyBeatsEnvironment() {
        Map<String, String> env = Map.of("ELEVENLABS_VOICE_ID", "from-env", "TTSKIT_TIMEOUT", "9s", "REPLICATE_MODEL", "env/model");
        Map<String, String> props = Map.of("ttskit.elevenlabs.voice.id", "from-prop", "ttskit.timeout", "5s");
        Settings s = Settings.layered(Map.of("ELEVENLABS_VOICE_ID", "explicit"), props, env);
        assertEquals(Optional.of("explicit"), s.get("ELEVENLABS_VOICE_ID"));
        assertEquals(Optional.of(Duration.ofSeconds(5)), s.duration("TTSKIT_TIMEOUT"));
        assertEquals(Optional.of("env/model"), s.get("REPLICATE_MODEL"));
        assertEquals(Optional.empty(), s.get("XTTS_MODEL_DIR"));
    }

    @Test
    void blankValuesCountAsUnset() {
        Settings s = Settings.layered(Map.of("A_B", " "), Map.of("ttskit.a.b", ""), Map.of("A_B", "env"));
        assertEquals(Optional.of("env"), s.get("A_B"));
    }

    @Test
    void propertyNamesFollowOneRule() {
        assertEquals("ttskit.elevenlabs.api.key", Settings.propertyName("ELEVENLABS_API_KEY"));
        assertEquals("ttskit.timeout", Settings.propertyName("TTSKIT_TIMEOUT"));
        assertEquals("ttskit.cache.max.bytes", Settings.propertyName("TTSKIT_CACHE_MAX_BYTES"));
    }

    @ParameterizedTest
    @CsvSource({"500ms,PT0.5S", "30s,PT30S", "2m,PT2M", "1h,PT1H", "30,PT30S", "1.5,PT1.5S", "PT30S,PT30S", "pt2m,PT2M", " 45s ,PT45S"})
    void durationsInEveryDocumentedSpelling(String text, String iso) {
        assertEquals(Duration.parse(iso), Settings.parseDuration(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-5s", "0", "10 parsecs", "PTXS", "NaN", "Infinity", "1e400"})
    void badDurationsAreRejectedWithTheValue(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Settings.parseDuration(text));
        assertTrue(e.getMessage().contains("'" + text + "'") || e.getMessage().contains("positive"), e.getMessage());
    }

    @Test
    void badSettingNamesTheVariable() {
        Settings s = Settings.of(Map.of("TTSKIT_TIMEOUT", "soon", "TTSKIT_MAX_TEXT_CHARS", "many"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.duration("TTSKIT_TIMEOUT")).getMessage().contains("TTSKIT_TIMEOUT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.number("TTSKIT_MAX_TEXT_CHARS")).getMessage().contains("TTSKIT_MAX_TEXT_CHARS"));
    }

    @Test
    void toStringShowsKeysNeverValues() {
        Settings s = Settings.of(Map.of("ELEVENLABS_API_KEY", "sk_CANARY"));
        assertFalse(s.toString().contains("CANARY"));
        assertTrue(s.toString().contains("ELEVENLABS_API_KEY"));
    }
}
