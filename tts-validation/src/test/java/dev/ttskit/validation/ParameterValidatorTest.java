package dev.ttskit.validation;

import dev.ttskit.SpeechRequest;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ParameterValidatorTest {
    private static final ProviderCapabilities ELEVENLABS = ProviderCapabilities.builder()
            .formats(AudioFormat.MP3_44K_128, AudioFormat.PCM16_24K, AudioFormat.PCM16_44K)
            .parameter("speed", 0.7, 1.2).parameter("stability", 0, 1).parameter("similarity_boost", 0, 1)
            .parameter("style", 0, 1).parameter("seed", 0, 4_294_967_295.0).build();
    private static final ProviderCapabilities XTTS = ProviderCapabilities.builder()
            .formats(AudioFormat.WAV_PCM16_24K).parameter("temperature", 0.01, 5).parameter("top_k", 0, 1000)
            .parameter("top_p", 0.01, 1).parameter("speed", 0.5, 2).build();

    static Stream<Arguments> neutralViolations() {
        return Stream.of(
                arguments("stability", 1.5, "0..1"),
                arguments("elevenlabs.style", -0.1, "0..1"),
                arguments("similarity_boost", 2, "0..1"),
                arguments("temperature", 0, "> 0 and <= 10"),
                arguments("top_p", 0, "> 0 and <= 1"),
                arguments("topP", 1.5, "> 0 and <= 1"),
                arguments("top_k", 2.5, "0..100000"),
                arguments("local-xtts.top_k", -1, "0..100000"),
                arguments("repetition_penalty", 0, "> 0 and <= 100"),
                arguments("seed", 4_294_967_296L, "0..4294967295"),
                arguments("sample_rate", 4_000, "8000..192000"),
                arguments("temperature", Double.NaN, "finite"),
                arguments("temperature", "hot", "must be a number"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("neutralViolations")
    void neutralRangesNameParameterValueAndRange(String key, Object value, String range) {
        SpeechRequest r = SpeechRequest.builder().text("hi").option(key, value).build();
        ValidationException e = assertThrows(ValidationException.class, () -> ParameterValidator.checkNeutral(r));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains(range), e.getMessage());
        if (value instanceof Number && !Double.isNaN(((Number) value).doubleValue())) {
            assertTrue(e.getMessage().matches(".*= -?[0-9.]+.*"), e.getMessage());
        }
    }

    @Test
    void neutralRangesAcceptOrdinaryValues() {
        SpeechRequest r = SpeechRequest.builder().text("hi").speed(1.1).seed(4_294_967_295L).option("stability", 0.5)
                .option("elevenlabs.similarity_boost", 1).option("temperature", "0.75").option("top_k", 50)
                .option("unrelated", "anything").option("use_speaker_boost", true).build();
        assertDoesNotThrow(() -> ParameterValidator.checkNeutral(r));
    }

    static Stream<Arguments> providerViolations() {
        return Stream.of(
                arguments("elevenlabs", ELEVENLABS, request(1.5, "stability", 0.5), "speed = 1.5", "0.7..1.2"),
                arguments("elevenlabs", ELEVENLABS, request(0.5, "stability", 0.5), "speed = 0.5", "0.7..1.2"),
                arguments("elevenlabs", ELEVENLABS, request(1.0, "style", 1.01), "style = 1.01", "0..1"),
                arguments("local-xtts", XTTS, request(1.0, "temperature", 6), "temperature = 6", "0.01..5"),
                arguments("local-xtts", XTTS, request(1.0, "topK", 5000), "topK = 5000", "0..1000"),
                arguments("local-xtts", XTTS, request(2.5, "top_p", 0.5), "speed = 2.5", "0.5..2"),
                arguments("local-xtts", XTTS, request(1.0, "sample_rate", 16_000), "sample_rate = 16000", "[24000]"));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("providerViolations")
    void providerRangesNameParameterValueRangeAndProvider(String provider, ProviderCapabilities caps, ProviderRequest r,
                                                          String parameterAndValue, String range) {
        ValidationException e = assertThrows(ValidationException.class, () -> ParameterValidator.checkFor(r, provider, caps));
        assertTrue(e.getMessage().contains(parameterAndValue), e.getMessage());
        assertTrue(e.getMessage().contains(range), e.getMessage());
        assertTrue(e.getMessage().contains(provider), e.getMessage());
        assertEquals(provider, e.provider().orElseThrow());
    }

    @Test
    void providerRangesAcceptValuesInside() {
        assertDoesNotThrow(() -> ParameterValidator.checkFor(request(1.2, "stability", 0), "elevenlabs", ELEVENLABS));
        assertDoesNotThrow(() -> ParameterValidator.checkFor(request(0.5, "top_k", 0), "local-xtts", XTTS));
    }

    @Test
    void formatsThatCannotBeDeliveredAreUnsupported() {
        ProviderRequest r = ProviderRequest.of("local-xtts", SpeechRequest.of("hi"), Optional.empty(), AudioFormat.MP3_44K_128);
        UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                () -> ParameterValidator.checkFormat(r, "local-xtts", XTTS));
        assertTrue(e.getMessage().contains("[24000]"), e.getMessage());
        ProviderRequest pcm = ProviderRequest.of("local-xtts", SpeechRequest.of("hi"), Optional.empty(), AudioFormat.WAV_PCM16_16K);
        assertDoesNotThrow(() -> ParameterValidator.checkFormat(pcm, "local-xtts", XTTS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"21m00Tcm4TlvDq8ikWAM", "narrator", "Wise_Woman", "af_bella", "Rachel (calm)", "voz-espa\u00F1ola"})
    void acceptsVoiceIds(String id) {
        assertDoesNotThrow(() -> ParameterValidator.checkVoiceId(id));
    }

    static Stream<Arguments> badVoiceIds() {
        return Stream.of(
                arguments("", "1..256"),
                arguments("x".repeat(257), "1..256"),
                arguments(" narrator", "whitespace"),
                arguments("..", "relative path segment"),
                arguments("a/b", "path separator"),
                arguments("a\\b", "path separator"),
                arguments("nar\u202Erator", "invisible or control"),
                arguments("nar\u200Brator", "invisible or control"),
                arguments("nar\u0000rator", "invisible or control"));
    }

    @ParameterizedTest
    @MethodSource("badVoiceIds")
    void rejectsMalformedVoiceIds(String id, String rule) {
        ValidationException e = assertThrows(ValidationException.class, () -> ParameterValidator.checkVoiceId(id));
        assertTrue(e.getMessage().contains(rule), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"topK:top_k", "top_k:top_k", "similarityBoost:similarity_boost", "sampleRate:sample_rate", "speed:speed"})
    void matchesCamelCaseNamesInSnakeCase(String pair) {
        String[] p = pair.split(":");
        assertEquals(p[1], ParameterValidator.snakeCase(p[0]));
    }

    private static ProviderRequest request(double speed, String option, Object value) {
        SpeechRequest original = SpeechRequest.builder().text("hello").speed(speed).option(option, value).build();
        return ProviderRequest.of("any", original, Optional.empty(), SpeechRequest.DEFAULT_FORMAT);
    }
}
