package dev.ttskit.validation;

import dev.ttskit.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationPolicyTest {
    @Test
    void defaultsAreSafeAndChangeNothingOptional() {
        ValidationPolicy p = ValidationPolicy.defaults();
        assertFalse(p.maskUrls());
        assertFalse(p.maskEmails());
        assertEquals(InjectionPolicy.OFF, p.injectionPolicy());
        assertFalse(p.nfkcFor("local-xtts"));
        assertEquals(50L * 1024 * 1024, p.maxReferenceBytes());
        assertEquals(Duration.ofSeconds(3), p.minReferenceDuration());
        assertEquals(Duration.ofSeconds(30), p.maxReferenceDuration());
        assertEquals(List.of(Path.of("").toAbsolutePath()), p.referenceDirectories());
    }

    @Test
    void readsSettings() {
        Settings s = Settings.of(Map.of(ValidationPolicy.MAX_TEXT_CHARS, "1234",
                ValidationPolicy.REFERENCE_DIRS, "/srv/voices" + File.pathSeparator + "/opt/voices"));
        ValidationPolicy p = ValidationPolicy.fromSettings(s);
        assertEquals(1234, p.maxChars());
        assertEquals(List.of(Path.of("/srv/voices"), Path.of("/opt/voices")), p.referenceDirectories());
    }

    @Test
    void malformedSettingNamesItselfAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValidationPolicy.fromSettings(Settings.of(Map.of(ValidationPolicy.MAX_TEXT_CHARS, "lots"))));
        assertTrue(e.getMessage().contains("TTSKIT_MAX_TEXT_CHARS") && e.getMessage().contains("'lots'"), e.getMessage());
    }

    @Test
    void builderFailsFastWithTheBadValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ValidationPolicy.builder().maxChars(0))
                .getMessage().contains("was 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ValidationPolicy.builder().maxUtf8Bytes(-5))
                .getMessage().contains("was -5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ValidationPolicy.builder().maxReferenceBytes(10))
                .getMessage().contains("was 10"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ValidationPolicy.builder().referenceDuration(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .getMessage().contains("PT10S..PT5S"));
    }

    @ParameterizedTest
    @CsvSource({"eleven_v3, 3000", "eleven_flash_v2_5, 40000", "eleven_turbo_v2_5, 40000", "eleven_flash_v2, 30000",
            "eleven_turbo_v2, 30000", "eleven_multilingual_v2, 10000", "eleven_multilingual_v1, 10000",
            "eleven_english_sts_v2, 10000", "some_future_model, 5000"})
    void elevenLabsLimitsFollowTheSpecification(String model, int limit) {
        assertEquals(limit, ProviderLimits.elevenLabsMaxChars(model));
    }

    @ParameterizedTest
    @CsvSource({"en, 250", "en-GB, 250", "de, 253", "fr, 273", "zh-cn, 82", "zh-Hans-CN, 82", "ja, 71", "ko, 95",
            "hi, 150", "ar, 166", "sw, 250"})
    void xttsLimitsFollowTheSpecification(String language, int limit) {
        assertEquals(limit, ProviderLimits.xttsMaxChars(language));
    }
}
