package dev.ttskit.validation;

import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.Validator;
import dev.ttskit.spi.VoiceTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardValidatorTest {
    private static final ProviderCapabilities XTTS = xtts().build();
    private static final ProviderCapabilities ELEVENLABS = ProviderCapabilities.builder()
            .formats(AudioFormat.MP3_44K_128, AudioFormat.PCM16_24K).maxChars(40_000).maxUtf8Bytes(160_000)
            .parameter("speed", 0.7, 1.2).paid(true).build();

    private final StandardValidator validator = new StandardValidator(ValidationPolicy.defaults());

    private static ProviderCapabilities.Builder xtts() {
        ProviderCapabilities.Builder b = ProviderCapabilities.builder().formats(AudioFormat.WAV_PCM16_24K)
                .languages("en", "es", "fr", "de", "it", "pt", "pl", "tr", "ru", "nl", "cs", "ar", "zh-cn", "hu", "ko", "ja", "hi")
                .maxChars(273).local(true).voiceCloning(true).parameter("temperature", 0.01, 5);
        ProviderLimits.xttsCharLimits().forEach(b::maxCharsForLanguage);
        return b;
    }

    @Test
    void isFoundByServiceLoader() {
        List<Validator> found = ServiceLoader.load(Validator.class).stream().map(ServiceLoader.Provider::get)
                .collect(Collectors.toList());
        assertEquals(1, found.size());
        assertTrue(found.get(0) instanceof StandardValidator);
    }

    @Test
    void returnsTheSameRequestWhenNothingChanges() {
        SpeechRequest clean = SpeechRequest.builder().text("Hello there.").language("en-US").build();
        assertSame(clean, validator.validate(clean));
    }

    @Test
    void cleansTextAndNormalisesTheLanguage() {
        SpeechRequest dirty = SpeechRequest.builder().text("  Hello\u202E   there\u200B.\r\n").language("EN-us").speed(1.0).build();
        SpeechRequest cleaned = validator.validate(dirty);
        assertEquals("Hello there.", cleaned.text());
        assertEquals("en-US", cleaned.language().orElseThrow());
        assertEquals(dirty.speed(), cleaned.speed());
        assertEquals(dirty.format(), cleaned.format());
    }

    @Test
    void appliesTheOverallLimitWithoutEchoingText() {
        StandardValidator small = new StandardValidator(ValidationPolicy.builder().maxChars(10).build());
        ValidationException e = assertThrows(ValidationException.class,
                () -> small.validate(SpeechRequest.of("confidential words here")));
        assertTrue(e.getMessage().contains("23 characters; at most 10"), e.getMessage());
        assertFalse(e.getMessage().contains("confidential"));
    }

    @Test
    void validatesSsmlWhenTheOptionIsSet() {
        SpeechRequest ok = SpeechRequest.builder().text("<speak>Hi <break time=\"1s\"/> there</speak>").option("ssml", true).build();
        assertEquals(ok.text(), validator.validate(ok).text());
        SpeechRequest xxe = SpeechRequest.builder().text(SsmlValidatorTest.XXE).option("ssml", true).build();
        assertThrows(ValidationException.class, () -> validator.validate(xxe));
        SpeechRequest notSsml = SpeechRequest.of("<speak>this is just text</speak>");
        assertDoesNotThrow(() -> validator.validate(notSsml));
    }

    @Test
    void rejectsBadParametersBeforeAnyProvider() {
        SpeechRequest r = SpeechRequest.builder().text("hi").option("elevenlabs.stability", 3).build();
        ValidationException e = assertThrows(ValidationException.class, () -> validator.validate(r));
        assertTrue(e.getMessage().contains("elevenlabs.stability = 3"), e.getMessage());
    }

    @Test
    void textTooLongForAProviderIsUnsupportedSoTheRouterSplits() {
        String text = "word ".repeat(60).trim();      // 299 characters
        SpeechRequest caller = SpeechRequest.builder().text(text).language("en").build();
        ProviderRequest r = providerRequest("local-xtts", caller, XTTS);
        UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                () -> validator.validateFor(r, "local-xtts", XTTS));
        assertTrue(e.getMessage().contains("299 characters") && e.getMessage().contains("at most 250 for language en"), e.getMessage());
        assertTrue(e.failover());
        assertDoesNotThrow(() -> validator.validateFor(providerRequest("elevenlabs", caller, ELEVENLABS), "elevenlabs", ELEVENLABS));
    }

    @Test
    void mapsLanguagesPerProviderAndUsesTheLanguageLimit() {
        SpeechRequest chinese = SpeechRequest.builder().text("\u4F60\u597D".repeat(30)).language("zh-CN").build();
        ProviderRequest mapped = validator.validateFor(providerRequest("local-xtts", chinese, XTTS), "local-xtts", XTTS);
        assertEquals("zh-cn", mapped.language().orElseThrow());
        SpeechRequest longer = chinese.toBuilder().text("\u4F60\u597D".repeat(42)).build();    // 84 > 82
        assertThrows(UnsupportedRequestException.class,
                () -> validator.validateFor(providerRequest("local-xtts", longer, XTTS), "local-xtts", XTTS));
        SpeechRequest portuguese = SpeechRequest.builder().text("Ol\u00E1").language("pt-BR").build();
        assertEquals("pt", validator.validateFor(providerRequest("elevenlabs", portuguese, ELEVENLABS), "elevenlabs", ELEVENLABS)
                .language().orElseThrow());
    }

    @Test
    void unsupportedLanguageIsUnsupported() {
        SpeechRequest swahili = SpeechRequest.builder().text("Habari").language("sw").build();
        UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                () -> validator.validateFor(providerRequest("local-xtts", swahili, XTTS), "local-xtts", XTTS));
        assertTrue(e.getMessage().contains("language sw"), e.getMessage());
    }

    @Test
    void elevenLabsModelLimitComesFromTheModelOption() {
        SpeechRequest r = SpeechRequest.builder().text("a".repeat(3_001)).option("elevenlabs.model_id", "eleven_v3").build();
        UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                () -> validator.validateFor(providerRequest("elevenlabs", r, ELEVENLABS), "elevenlabs", ELEVENLABS));
        assertTrue(e.getMessage().contains("at most 3000"), e.getMessage());
        SpeechRequest flash = r.toBuilder().option("elevenlabs.model_id", "eleven_flash_v2_5").build();
        assertDoesNotThrow(() -> validator.validateFor(providerRequest("elevenlabs", flash, ELEVENLABS), "elevenlabs", ELEVENLABS));
    }

    @Test
    void utf8ByteLimitIsUnsupported() {
        ProviderCapabilities tight = ELEVENLABS.toBuilder().maxUtf8Bytes(100).build();
        SpeechRequest r = SpeechRequest.of("\u4E2D".repeat(40));    // 40 chars, 120 bytes
        UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                () -> validator.validateFor(providerRequest("elevenlabs", r, tight), "elevenlabs", tight));
        assertTrue(e.getMessage().contains("120 UTF-8 bytes"), e.getMessage());
    }

    @Test
    void parameterOutsideTheProvidersRangeIsAValidationError() {
        SpeechRequest r = SpeechRequest.builder().text("hi").speed(1.5).build();
        ValidationException e = assertThrows(ValidationException.class,
                () -> validator.validateFor(providerRequest("elevenlabs", r, ELEVENLABS), "elevenlabs", ELEVENLABS));
        assertEquals(TtsException.class, e.getClass().getSuperclass());
        assertTrue(e.getMessage().contains("speed = 1.5") && e.getMessage().contains("0.7..1.2"), e.getMessage());
    }

    @Test
    void masksUrlsForLocalEnginesOnlyWhenEnabled() {
        StandardValidator masking = new StandardValidator(ValidationPolicy.builder().maskUrls(true).maskEmails(true).build());
        SpeechRequest r = SpeechRequest.builder().text("Visit https://example.com or mail a@example.com.").language("en").build();
        assertEquals("Visit link or mail e-mail address.",
                masking.validateFor(providerRequest("local-xtts", r, XTTS), "local-xtts", XTTS).text());
        assertEquals(r.text(), masking.validateFor(providerRequest("elevenlabs", r, ELEVENLABS), "elevenlabs", ELEVENLABS).text());
        assertEquals(r.text(), validator.validateFor(providerRequest("local-xtts", r, XTTS), "local-xtts", XTTS).text());
    }

    @Test
    void appliesNfkcForConfiguredProviders() {
        StandardValidator nfkc = new StandardValidator(ValidationPolicy.builder().nfkcFor("local-xtts").build());
        SpeechRequest r = SpeechRequest.builder().text("\uFB01ne \uFF21").language("en").build();
        assertEquals("fine A", nfkc.validateFor(providerRequest("local-xtts", r, XTTS), "local-xtts", XTTS).text());
        assertEquals(r.text(), nfkc.validateFor(providerRequest("elevenlabs", r, ELEVENLABS), "elevenlabs", ELEVENLABS).text());
    }

    @Test
    void checksSpeakerReferencesAndEachProvidersMinimum(@TempDir Path dir) throws IOException {
        Path fiveSeconds = Files.write(dir.resolve("five.wav"), AudioFixtures.wav(16_000, 1, 5));
        StandardValidator v = new StandardValidator(ValidationPolicy.builder().allowReferencesFrom(dir).build());
        SpeechRequest r = v.validate(SpeechRequest.builder().text("hi").language("en").speakerReference(fiveSeconds).build());
        assertEquals(fiveSeconds.toRealPath(), r.speakerReference().orElseThrow());

        ProviderCapabilities replicate = ProviderCapabilities.builder().formats(AudioFormat.WAV_PCM16_24K).voiceCloning(true)
                .referenceAudioDuration(ProviderLimits.REPLICATE_XTTS_MIN_REFERENCE, Duration.ofSeconds(60)).build();
        ProviderRequest toReplicate = ProviderRequest.of("replicate", r, Optional.of(VoiceTarget.reference(fiveSeconds)),
                AudioFormat.WAV_PCM16_24K);
        assertThrows(UnsupportedRequestException.class, () -> v.validateFor(toReplicate, "replicate", replicate));
        assertDoesNotThrow(() -> v.validateFor(toReplicate, "local-xtts", XTTS));
        assertThrows(UnsupportedRequestException.class, () -> v.validateFor(toReplicate, "elevenlabs", ELEVENLABS));
    }

    @Test
    void rejectsReferencesOutsideTheAllowedDirectory(@TempDir Path dir) throws IOException {
        Path allowed = Files.createDirectories(dir.resolve("voices"));
        Path outside = Files.write(dir.resolve("x.wav"), AudioFixtures.wav(16_000, 1, 5));
        StandardValidator v = new StandardValidator(ValidationPolicy.builder().allowReferencesFrom(allowed).build());
        assertThrows(ValidationException.class,
                () -> v.validate(SpeechRequest.builder().text("hi").speakerReference(outside).build()));
    }

    private static ProviderRequest providerRequest(String id, SpeechRequest r, ProviderCapabilities caps) {
        return ProviderRequest.of(id, r, Optional.empty(), caps.formats().iterator().next());
    }
}
