package dev.ttskit.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.VoiceTarget;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestShapeTest extends ElevenLabsTestSupport {

    @Test
    void onlyTextAndModelAreSentWhenNothingElseIsSet() throws Exception {
        server.enqueue(audio(bytes(10, 0)));
        provider.synthesize(request(TEXT, AudioFormat.MP3_44K_128), ctx());

        RecordedRequest r = take();
        JsonNode body = bodyOf(r);
        assertEquals(List.of("text", "model_id"), fieldNames(body));
        assertEquals(TEXT, body.get("text").asText());
        assertEquals("eleven_multilingual_v2", body.get("model_id").asText());
        assertFalse(r.getBody().utf8().contains("null"));
        assertNull(r.getUrl().queryParameter("enable_logging"));
    }

    @Test
    void everyOptionIsMappedAndUnsetVoiceSettingsMembersAreOmitted() throws Exception {
        server.enqueue(audio(bytes(10, 0)));
        SpeechRequest r = SpeechRequest.builder().text(TEXT).format(AudioFormat.MP3_44K_128)
                .language("de-AT").speed(1.1).seed(4_294_967_295L)
                .option("elevenlabs.model_id", "eleven_flash_v2_5")
                .option("elevenlabs.stability", 0.5)
                .option("elevenlabs.use_speaker_boost", true)
                .option("elevenlabs.previous_text", "Before.")
                .option("elevenlabs.next_text", "After.")
                .option("elevenlabs.previous_request_ids", "a1, b2,c3")
                .option("elevenlabs.next_request_ids", "n1")
                .option("elevenlabs.apply_text_normalization", "off")
                .option("elevenlabs.pronunciation_dictionary_locators", "dict1:v3, dict2")
                .build();
        provider.synthesize(request(r), ctx());

        JsonNode body = bodyOf(take());
        assertEquals("eleven_flash_v2_5", body.get("model_id").asText());
        assertEquals("de", body.get("language_code").asText());
        assertEquals(4_294_967_295L, body.get("seed").asLong());
        assertEquals(List.of("stability", "use_speaker_boost", "speed"), fieldNames(body.get("voice_settings")));
        assertEquals(0.5, body.get("voice_settings").get("stability").asDouble());
        assertEquals(1.1, body.get("voice_settings").get("speed").asDouble());
        assertEquals("Before.", body.get("previous_text").asText());
        assertEquals("After.", body.get("next_text").asText());
        assertEquals("[\"a1\",\"b2\",\"c3\"]", body.get("previous_request_ids").toString());
        assertEquals("[\"n1\"]", body.get("next_request_ids").toString());
        assertEquals("off", body.get("apply_text_normalization").asText());
        assertEquals("[{\"pronunciation_dictionary_id\":\"dict1\",\"version_id\":\"v3\"},{\"pronunciation_dictionary_id\":\"dict2\"}]",
                body.get("pronunciation_dictionary_locators").toString());
    }

    @Test
    void languageCodeIsSentOnlyToModelsThatTakeIt() throws Exception {
        server.enqueue(audio(bytes(10, 0)));
        provider.synthesize(request(SpeechRequest.builder().text(TEXT).language("de").format(AudioFormat.MP3_44K_128).build()), ctx());

        assertFalse(bodyOf(take()).has("language_code"));
    }

    @Test
    void builderDefaultsAreSentAndRequestOptionsOverrideSingleMembers() throws Exception {
        provider = builder().modelId("eleven_turbo_v2_5").defaultVoiceId("voiceDefault")
                .voiceSettings(VoiceSettings.builder().stability(0.3).similarityBoost(0.75).style(0.0).build())
                .applyTextNormalization(TextNormalization.AUTO).enableLogging(false).build();
        server.enqueue(audio(bytes(10, 0)));
        SpeechRequest sr = SpeechRequest.builder().text(TEXT).format(AudioFormat.MP3_44K_128)
                .option("elevenlabs.stability", 0.9).build();
        provider.synthesize(ProviderRequest.of("elevenlabs", sr, Optional.empty(), sr.format()), ctx());

        RecordedRequest r = take();
        assertEquals("/v1/text-to-speech/voiceDefault", r.getUrl().encodedPath());
        assertEquals("false", r.getUrl().queryParameter("enable_logging"));
        JsonNode body = bodyOf(r);
        assertEquals("eleven_turbo_v2_5", body.get("model_id").asText());
        assertEquals("auto", body.get("apply_text_normalization").asText());
        JsonNode vs = body.get("voice_settings");
        assertEquals(0.9, vs.get("stability").asDouble());
        assertEquals(0.75, vs.get("similarity_boost").asDouble());
        assertEquals(0.0, vs.get("style").asDouble());
        assertFalse(vs.has("speed"));
    }

    @Test
    void baseUrlWithV1AndTrailingSlashIsAccepted() throws Exception {
        provider = ElevenLabsProvider.builder().apiKey(dev.ttskit.ApiKey.of(KEY)).baseUrl(server.url("/v1/").toString()).build();
        server.enqueue(audio(bytes(10, 0)));
        provider.synthesize(request(TEXT, AudioFormat.MP3_44K_128), ctx());

        assertEquals("/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb", take().getUrl().encodedPath());
    }

    @Test
    void voiceIdIsEncodedAsOnePathSegment() throws Exception {
        server.enqueue(audio(bytes(10, 0)));
        SpeechRequest sr = SpeechRequest.builder().text(TEXT).format(AudioFormat.MP3_44K_128).build();
        provider.synthesize(ProviderRequest.of("elevenlabs", sr, Optional.of(VoiceTarget.id("a/b?c")), sr.format()), ctx());

        assertEquals("/v1/text-to-speech/a%2Fb%3Fc", take().getUrl().encodedPath());
    }

    @Test
    void outOfRangeParametersFailBeforeAnyRequest() {
        assertRejectedOffline(ValidationException.class, SpeechRequest.builder().text(TEXT).speed(1.3));
        assertRejectedOffline(ValidationException.class, SpeechRequest.builder().text(TEXT).speed(0.69));
        assertRejectedOffline(ValidationException.class, SpeechRequest.builder().text(TEXT).option("elevenlabs.stability", 1.01));
        assertRejectedOffline(ValidationException.class, SpeechRequest.builder().text(TEXT).option("elevenlabs.similarity_boost", -0.1));
        assertRejectedOffline(ValidationException.class, SpeechRequest.builder().text(TEXT).option("elevenlabs.style", 2));
        assertRejectedOffline(ValidationException.class, SpeechRequest.builder().text(TEXT).option("elevenlabs.stability", "high"));
        assertRejectedOffline(ValidationException.class, SpeechRequest.builder().text(TEXT)
                .option("elevenlabs.previous_request_ids", "a,b,c,d"));
        assertRejectedOffline(ValidationException.class, SpeechRequest.builder().text(TEXT)
                .option("elevenlabs.apply_text_normalization", "sometimes"));
        assertRejectedOffline(ValidationException.class, SpeechRequest.builder().text(TEXT)
                .option("elevenlabs.pronunciation_dictionary_locators", "a,b,c,d"));
        assertRejectedOffline(ValidationException.class, SpeechRequest.builder().text("   \n "));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void optionsOfTheWrongTypeNameTheKeyAndTheValue() {
        ValidationException stability = assertRejectedOffline(ValidationException.class,
                SpeechRequest.builder().text(TEXT).option("elevenlabs.stability", "high"));
        assertTrue(stability.getMessage().contains("option stability for provider elevenlabs must be a number, was 'high'"),
                stability.getMessage());
        ValidationException boost = assertRejectedOffline(ValidationException.class,
                SpeechRequest.builder().text(TEXT).option("elevenlabs.use_speaker_boost", "yes"));
        assertTrue(boost.getMessage().contains("use_speaker_boost") && boost.getMessage().contains("'yes'"), boost.getMessage());
        ValidationException model = assertRejectedOffline(ValidationException.class,
                SpeechRequest.builder().text(TEXT).option("elevenlabs.model_id", 3));
        assertTrue(model.getMessage().contains("model_id") && model.getMessage().contains("must be a string"), model.getMessage());
    }

    @Test
    void textLongerThanTheModelTakesIsUnsupportedSoTheRouterCanSplit() {
        String text = "a".repeat(10_001);
        UnsupportedRequestException e = assertRejectedOffline(UnsupportedRequestException.class, SpeechRequest.builder().text(text));
        assertTrue(e.getMessage().contains("10001"), e.getMessage());
        assertFalse(e.getMessage().contains("aaaa"));
        // 3,000 for eleven_v3; code points, not UTF-16 units, are counted.
        assertRejectedOffline(UnsupportedRequestException.class, SpeechRequest.builder().text("b".repeat(3001))
                .option("elevenlabs.model_id", "eleven_v3"));
    }

    @Test
    void codePointsAreCountedNotUtf16Units() throws Exception {
        server.enqueue(audio(bytes(10, 0)));
        String emoji = "\uD83D\uDE00".repeat(3000); // 3,000 code points, 6,000 chars
        provider.synthesize(request(SpeechRequest.builder().text(emoji).format(AudioFormat.MP3_44K_128)
                .option("elevenlabs.model_id", "eleven_v3").build()), ctx());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void formatsElevenLabsCannotMakeAreUnsupported() {
        assertRejectedOffline(UnsupportedRequestException.class, SpeechRequest.builder().text(TEXT)
                .format(AudioFormat.of(AudioFormat.Container.WAV, AudioFormat.Encoding.PCM_S16LE, 24_000, 2, 0)));
        assertRejectedOffline(UnsupportedRequestException.class, SpeechRequest.builder().text(TEXT).format(AudioFormat.wav(11_025)));
        assertRejectedOffline(UnsupportedRequestException.class, SpeechRequest.builder().text(TEXT)
                .format(AudioFormat.of(AudioFormat.Container.WAV, AudioFormat.Encoding.MULAW, 8_000, 1, 0)));
        assertRejectedOffline(UnsupportedRequestException.class, SpeechRequest.builder().text(TEXT).format(AudioFormat.mp3(48_000, 320)));
    }

    @Test
    void referenceRecordingsAreNotOffered() {
        SpeechRequest sr = SpeechRequest.builder().text(TEXT).build();
        ProviderRequest r = ProviderRequest.of("elevenlabs", sr, Optional.of(VoiceTarget.reference(Path.of("ref.wav"))), sr.format());
        assertThrows(UnsupportedRequestException.class, () -> provider.synthesize(r, ctx()));
        assertEquals(0, server.getRequestCount());
    }

    private <T extends TtsException> T assertRejectedOffline(Class<T> type, SpeechRequest.Builder b) {
        SpeechRequest sr = b.build();
        T e = assertThrows(type, () -> provider.synthesize(request(sr), ctx()));
        assertThrows(type, () -> provider.stream(request(sr), ctx()));
        assertEquals("elevenlabs", e.provider().orElseThrow());
        assertEquals(0, server.getRequestCount());
        return e;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
