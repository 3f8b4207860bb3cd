package dev.ttskit.validation;

import dev.ttskit.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LanguageCodesTest {
    @ParameterizedTest
    @CsvSource({
            "en, en", "EN, en", "en-us, en-US", "EN_us, en-US", "pt-br, pt-BR", "zh-hans-cn, zh-Hans-CN",
            "sr-LATN, sr-Latn", "es-419, es-419", "eng, en", "deu, de", "ger, de", "fre, fr", "zho, zh",
            "iw, he", "in, id", "ji, yi", "de-CH-1996, de-CH-1996", "' fr-ca ', fr-CA", "yue, yue"})
    void normalises(String input, String expected) {
        assertEquals(expected, LanguageCodes.normalise(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "e", "en--US", "123", "en-US-", "en US", "toolonglanguage", "en-\u00FC", "en-abcdefghi"})
    void rejectsMalformedTags(String input) {
        ValidationException e = assertThrows(ValidationException.class, () -> LanguageCodes.normalise(input));
        assertTrue(e.getMessage().startsWith("language must be a BCP 47 tag"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert(1)</script>", "en\u202Eattack"})
    void neverEchoesValuesThatAreNotTagLike(String input) {
        ValidationException e = assertThrows(ValidationException.class, () -> LanguageCodes.normalise(input));
        assertFalse(e.getMessage().contains("script") || e.getMessage().contains("attack"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "local-xtts, zh, zh-cn", "local-xtts, zh-CN, zh-cn", "local-xtts, zh-Hans, zh-cn", "local-xtts, zho, zh-cn",
            "local-xtts, en-GB, en", "local-xtts, pt-BR, pt", "replicate, zh-cn, zh", "replicate, en-US, en",
            "elevenlabs, pt-BR, pt", "elevenlabs, ger, de", "elevenlabs, ja, ja", "marytts, en_us, en-US",
            "mock, zh-hant-tw, zh-Hant-TW"})
    void mapsToEachProvidersCodes(String provider, String tag, String expected) {
        assertEquals(expected, LanguageCodes.forProvider(provider, tag));
    }

    @ParameterizedTest
    @CsvSource({"pt-BR, pt", "zh-Hans-CN, zh", "eng, en", "fr, fr"})
    void givesThePrimarySubtag(String tag, String expected) {
        assertEquals(expected, LanguageCodes.primary(tag));
    }
}
