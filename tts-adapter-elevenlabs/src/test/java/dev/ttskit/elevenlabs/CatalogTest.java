package dev.ttskit.elevenlabs;

import dev.ttskit.AuthenticationException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.Voice;
import dev.ttskit.audio.AudioFormat;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogTest extends ElevenLabsTestSupport {

    @Test
    void voicesMapIdNameAndLabels() throws Exception {
        server.enqueue(json(200, "{\"voices\":[{\"voice_id\":\"21m00Tcm4TlvDq8ikWAM\",\"name\":\"Rachel\",\"category\":\"premade\","
                + "\"labels\":{\"accent\":\"American\",\"age\":\"young\",\"gender\":\"female\",\"use_case\":\"narration\"},"
                + "\"description\":\"Calm, clear narration voice.\",\"available_for_tiers\":[],"
                + "\"settings\":{\"stability\":0.5,\"similarity_boost\":0.75,\"style\":0,\"use_speaker_boost\":true,\"speed\":1},"
                + "\"high_quality_base_model_ids\":[\"eleven_turbo_v2_5\"],\"is_legacy\":false,\"brand_new_field\":{\"x\":1},"
                + "\"verified_languages\":[{\"language\":\"en\",\"model_id\":\"eleven_multilingual_v2\"}]},"
                + "{\"name\":\"no id\"},{\"voice_id\":\"v2\",\"name\":null,\"labels\":null}]}"));

        List<Voice> voices = provider.voices(ctx());

        RecordedRequest r = take();
        assertEquals("GET", r.getMethod());
        assertEquals("/v1/voices", r.getUrl().encodedPath());
        assertEquals(KEY, r.getHeaders().get("xi-api-key"));
        assertEquals(2, voices.size());
        Voice rachel = voices.get(0);
        assertEquals("elevenlabs", rachel.provider());
        assertEquals("21m00Tcm4TlvDq8ikWAM", rachel.id().value());
        assertEquals("Rachel", rachel.name());
        assertEquals("female", rachel.labels().get("gender"));
        assertEquals("premade", rachel.labels().get("category"));
        assertEquals(List.of("en"), rachel.languages());
        assertEquals("v2", voices.get(1).name());
        assertEquals(Map.of(), voices.get(1).labels());
    }

    @Test
    void modelsAreABareArrayAndTheirLimitsOverrideTheTable() throws Exception {
        server.enqueue(json(200, "[{\"model_id\":\"eleven_multilingual_v2\",\"name\":\"Multilingual v2\",\"can_do_text_to_speech\":true,"
                + "\"max_characters_request_free_user\":2500,\"max_characters_request_subscribed_user\":5000,"
                + "\"maximum_text_length_per_request\":5000,\"languages\":[{\"language_id\":\"en\",\"name\":\"English\"}],"
                + "\"model_rates\":{\"character_cost_multiplier\":1.0},\"concurrency_group\":\"standard\",\"new\":1},"
                + "{\"model_id\":\"eleven_flash_v2_5\",\"name\":\"Eleven Flash v2.5\",\"can_do_text_to_speech\":true,"
                + "\"maximum_text_length_per_request\":40000,\"languages\":[{\"language_id\":\"de\",\"name\":\"German\"}],"
                + "\"concurrency_group\":\"turbo\"},{\"model_id\":\"sts\",\"can_do_text_to_speech\":false}]"));
        assertEquals(10_000, provider.capabilities().maxChars());

        List<ElevenLabsModel> models = provider.models(ctx());

        assertEquals("/v1/models", take().getUrl().encodedPath());
        assertEquals(3, models.size());
        assertEquals(5000, models.get(0).maxCharacters().getAsInt());
        assertEquals(List.of("de"), models.get(1).languages());
        assertEquals("turbo", models.get(1).concurrencyGroup().orElseThrow());
        assertFalse(models.get(2).textToSpeech());
        assertEquals(5000, provider.capabilities().maxChars());
        SpeechRequest tooLong = SpeechRequest.builder().text("a".repeat(5001)).format(AudioFormat.MP3_44K_128).build();
        assertThrows(UnsupportedRequestException.class, () -> provider.synthesize(request(tooLong), ctx()));
    }

    @Test
    void subscriptionGivesUsedLimitRemainingAndReset() throws Exception {
        server.enqueue(json(200, "{\"tier\":\"creator\",\"character_count\":81234,\"character_limit\":100000,"
                + "\"max_character_limit_extension\":null,\"can_extend_character_limit\":true,\"next_character_count_reset_unix\":1767225600,"
                + "\"voice_slots_used\":3,\"currency\":\"usd\",\"status\":\"active\",\"billing_period\":\"monthly_period\","
                + "\"next_invoice\":{\"amount_due_cents\":2200,\"next_payment_attempt_unix\":1767225600},\"has_open_invoices\":false}"));

        Subscription s = provider.subscription(ctx());

        assertEquals("/v1/user/subscription", take().getUrl().encodedPath());
        assertEquals("creator", s.tier());
        assertEquals("active", s.status());
        assertEquals(81234, s.characterCount());
        assertEquals(100000, s.characterLimit());
        assertEquals(18766, s.remainingCharacters());
        assertEquals(Instant.ofEpochSecond(1767225600), s.nextReset().orElseThrow());
    }

    @Test
    void missingPermissionIsAuthAndOddShapesAreUnavailable() {
        server.enqueue(json(401, "{\"detail\":{\"status\":\"missing_permissions\",\"message\":\"The API key you used is missing "
                + "the permission user_read to execute this operation.\"}}"));
        server.enqueue(json(200, "{\"voices\":{}}"));
        server.enqueue(json(200, "{\"not\":\"an array\"}"));
        server.enqueue(json(200, "[1,"));

        AuthenticationException auth = assertThrows(AuthenticationException.class, () -> provider.subscription(ctx()));
        assertTrue(auth.getMessage().contains("missing_permissions"));
        assertThrows(ProviderUnavailableException.class, () -> provider.voices(ctx()));
        assertThrows(ProviderUnavailableException.class, () -> provider.models(ctx()));
        assertThrows(ProviderUnavailableException.class, () -> provider.models(ctx()));
    }
}
