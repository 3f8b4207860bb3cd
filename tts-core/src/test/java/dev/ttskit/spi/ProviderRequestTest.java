package dev.ttskit.spi;

import dev.ttskit.SpeechRequest;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SPI request: built, copied, compared, printed without text, and its typed option reads. */
class ProviderRequestTest {
    private static final String SECRET_TEXT = "my bank PIN is 4711";

    private static ProviderRequest with(String key, Object value) {
        return ProviderRequest.builder().provider("acme").text("hi").format(AudioFormat.MP3_44K_128).option(key, value).build();
    }

    @Test
    void theBuilderFailsFastNamingWhatIsMissingOrBad() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> ProviderRequest.builder().provider("acme").format(AudioFormat.MP3_44K_128).build());
        assertTrue(missing.getMessage().contains("text"), missing.getMessage());
        assertThrows(IllegalStateException.class, () -> ProviderRequest.builder().text("hi").format(AudioFormat.MP3_44K_128).build());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> ProviderRequest.builder().provider(" "));
        assertTrue(blank.getMessage().contains("provider"), blank.getMessage());
        IllegalArgumentException speed = assertThrows(IllegalArgumentException.class, () -> ProviderRequest.builder().speed(Double.NaN));
        assertTrue(speed.getMessage().contains("NaN"), speed.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> ProviderRequest.builder().option("voices", java.util.List.of("a")));
        assertTrue(type.getMessage().contains("voices") && type.getMessage().contains("List"), type.getMessage());
    }

    @Test
    void isImmutableAndToBuilderMakesAChangedCopy() {
        Map<String, Object> options = new HashMap<>(Map.of("style", 0.5));
        ProviderRequest r = ProviderRequest.builder().provider("acme").text("hi").format(AudioFormat.MP3_44K_128)
                .voice(VoiceTarget.id("v1")).language("en").speed(1.1).seed(7L).options(options).build();
        options.put("style", 0.9);
        assertEquals(0.5, r.options().get("style"), "the request keeps its own copy");
        assertThrows(UnsupportedOperationException.class, () -> r.options().put("x", 1));
        ProviderRequest changed = r.toBuilder().text("hello").build();
        assertEquals("hi", r.text());
        assertEquals("hello", changed.text());
        assertEquals(r.voice(), changed.voice());
        assertEquals(r.options(), changed.options());
        assertEquals(Optional.of(7L), changed.seed());
        assertEquals(r, r.toBuilder().build());
        assertEquals(r.hashCode(), r.toBuilder().build().hashCode());
        assertNotEquals(r, changed);
    }

    @Test
    void toStringNeverPrintsTheTextOrOptionValues() {
        ProviderRequest r = ProviderRequest.builder().provider("acme").text(SECRET_TEXT).format(AudioFormat.MP3_44K_128)
                .option("previous_text", SECRET_TEXT).build();
        assertFalse(r.toString().contains("4711"), r.toString());
        assertTrue(r.toString().contains("chars=" + SECRET_TEXT.length()), r.toString());
        assertTrue(r.toString().contains("previous_text"), r.toString());
    }

    @Test
    void ofTakesTheProvidersOptionsAndFallsBackToTheSpeakerReference() {
        SpeechRequest caller = SpeechRequest.builder().text("hi").speakerReference(Path.of("me.wav"))
                .option("style", 0.1).option("acme.style", 0.2).option("acme.raw_field", "x").option("other.style", 0.3).build();
        ProviderRequest r = ProviderRequest.of("acme", caller, Optional.empty(), AudioFormat.WAV_PCM16_24K);
        assertEquals("acme", r.provider());
        assertEquals(Map.of("style", 0.2, "raw_field", "x"), r.options());
        assertEquals(Map.of("style", 0.2, "raw_field", "x"), r.addressedOptions());
        assertEquals(Optional.of(VoiceTarget.reference(Path.of("me.wav"))), r.voice());
        ProviderRequest mapped = ProviderRequest.of("acme", caller, Optional.of(VoiceTarget.id("v")), AudioFormat.WAV_PCM16_24K);
        assertEquals(Optional.of(VoiceTarget.id("v")), mapped.voice(), "a mapped voice wins over the reference");
        ProviderRequest unprefixedOnly = ProviderRequest.of("other2", SpeechRequest.builder().text("hi").option("style", 0.1).build(),
                Optional.empty(), AudioFormat.WAV_PCM16_24K);
        assertEquals(Map.of("style", 0.1), unprefixedOnly.options());
        assertTrue(unprefixedOnly.addressedOptions().isEmpty());
    }

    static Stream<Arguments> goodValues() {
        return Stream.of(
                Arguments.of("decimal", 0.5, 0.5), Arguments.of("decimal", "0.5", 0.5), Arguments.of("decimal", " 2 ", 2.0),
                Arguments.of("decimal", 3, 3.0), Arguments.of("decimal", new BigDecimal("1.25"), 1.25),
                Arguments.of("integer", 3, 3L), Arguments.of("integer", 3.0, 3L), Arguments.of("integer", "42", 42L),
                Arguments.of("integer", "1e3", 1000L), Arguments.of("integer", Long.MAX_VALUE, Long.MAX_VALUE),
                Arguments.of("integer", new BigInteger("-9"), -9L),
                Arguments.of("flag", true, true), Arguments.of("flag", "TRUE", true), Arguments.of("flag", " false ", false),
                Arguments.of("text", "eleven_v3", "eleven_v3"));
    }

    @ParameterizedTest(name = "{0}({1})")
    @MethodSource("goodValues")
    void typedReadsAcceptTheValueOrItsString(String reader, Object value, Object expected) {
        assertEquals(Optional.of(expected), read(reader).apply(with("k", value), "k"));
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("decimal", "fast", "must be a number", "'fast'"),
                Arguments.of("decimal", true, "must be a number", "true (Boolean)"),
                Arguments.of("decimal", Double.NaN, "finite", "NaN"),
                Arguments.of("decimal", "Infinity", "finite", "'Infinity'"),
                Arguments.of("integer", 2.5, "whole number", "2.5"),
                Arguments.of("integer", "2.5", "whole number", "'2.5'"),
                Arguments.of("integer", "ten", "whole number", "'ten'"),
                Arguments.of("integer", "1e30", "between", "'1e30'"),
                Arguments.of("flag", "yes", "true or false", "'yes'"),
                Arguments.of("flag", 1, "true or false", "1 (Integer)"),
                Arguments.of("text", 5, "must be a string", "5 (Integer)"));
    }

    @ParameterizedTest(name = "{0}({1})")
    @MethodSource("badValues")
    void aWrongValueIsAValidationErrorNamingProviderKeyAndValue(String reader, Object value, String rule, String shown) {
        ValidationException e = assertThrows(ValidationException.class, () -> read(reader).apply(with("top_k", value), "top_k"));
        assertEquals("acme", e.provider().orElseThrow());
        assertTrue(e.getMessage().contains("option top_k for provider acme"), e.getMessage());
        assertTrue(e.getMessage().contains(rule), e.getMessage());
        assertTrue(e.getMessage().contains("was " + shown), e.getMessage());
    }

    @Test
    void absentAndBlankValuesReadAsEmpty() {
        ProviderRequest r = with("model_id", "  ");
        assertEquals(Optional.empty(), r.text("model_id"));
        assertEquals(Optional.empty(), r.decimal("missing"));
        assertEquals(Optional.empty(), r.integer("missing"));
        assertEquals(Optional.empty(), r.flag("missing"));
    }

    @Test
    void aLongValueIsCutInTheMessage() {
        ValidationException e = assertThrows(ValidationException.class, () -> with("k", "x".repeat(500)).decimal("k"));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    @Test
    void withoutAProviderTheMessageNamesNone() {
        ValidationException e = assertThrows(ValidationException.class, () -> OptionValues.flag(null, "ssml", "maybe"));
        assertEquals("option ssml must be true or false, was 'maybe'", e.getMessage());
        assertTrue(e.provider().isEmpty());
    }

    private static BiFunction<ProviderRequest, String, Optional<?>> read(String reader) {
        return switch (reader) {
            case "decimal" -> ProviderRequest::decimal;
            case "integer" -> ProviderRequest::integer;
            case "flag" -> ProviderRequest::flag;
            case "text" -> ProviderRequest::text;
            default -> throw new IllegalArgumentException(reader);
        };
    }
}
