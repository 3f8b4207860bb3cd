package dev.ttskit.elevenlabs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ttskit.Voice;
import dev.ttskit.VoiceId;
import dev.ttskit.elevenlabs.ElevenLabsModel;
import dev.ttskit.elevenlabs.Subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Reads the catalog and account answers tolerantly: unknown fields ignored, optional ones may be missing or null. */
public final class CatalogParser {
    private CatalogParser() {
    }

    /** {@code {"voices":[...]}}; entries without a usable {@code voice_id} are skipped. */
    public static List<Voice> voices(JsonNode root, String provider) {
        List<Voice> out = new ArrayList<>();
        JsonNode voices = root == null ? null : root.get("voices");
        if (voices == null || !voices.isArray()) throw new IllegalArgumentException("no voices array");
        for (JsonNode v : voices) {
            String id = Json.text(v, "voice_id");
            if (id == null || id.isBlank()) continue;
            VoiceId voiceId;
            try {
                voiceId = VoiceId.of(id);
            } catch (IllegalArgumentException e) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            JsonNode l = v.get("labels");
            if (l != null && l.isObject()) {
                for (Map.Entry<String, JsonNode> e : l.properties()) {
                    if (!e.getValue().isNull()) labels.put(e.getKey(), e.getValue().asText());
                }
            }
            String category = Json.text(v, "category");
            if (category != null) labels.putIfAbsent("category", category);
            Set<String> languages = new LinkedHashSet<>();
            JsonNode verified = v.get("verified_languages");
            if (verified != null && verified.isArray()) {
                for (JsonNode lang : verified) {
                    String code = Json.text(lang, "language");
                    if (code != null && !code.isBlank()) languages.add(code);
                }
            }
            out.add(new Voice(provider, voiceId, Json.text(v, "name"), List.copyOf(languages), labels));
        }
        return List.copyOf(out);
    }

    /** A bare array of models. */
    public static List<ElevenLabsModel> models(JsonNode root) {
        if (root == null || !root.isArray()) throw new IllegalArgumentException("models answer is not an array");
        List<ElevenLabsModel> out = new ArrayList<>();
        for (JsonNode m : root) {
            String id = Json.text(m, "model_id");
            if (id == null || id.isBlank()) continue;
            Long max = Json.longValue(m, "maximum_text_length_per_request");
            if (max == null) max = Json.longValue(m, "max_characters_request_subscribed_user");
            List<String> languages = new ArrayList<>();
            JsonNode langs = m.get("languages");
            if (langs != null && langs.isArray()) {
                for (JsonNode lang : langs) {
                    String code = Json.text(lang, "language_id");
                    if (code != null && !code.isBlank()) languages.add(code);
                }
            }
            JsonNode tts = m.get("can_do_text_to_speech");
            boolean canSpeak = tts == null || !tts.isBoolean() || tts.asBoolean();
            OptionalInt limit = max != null && max > 0 && max <= Integer.MAX_VALUE ? OptionalInt.of(max.intValue()) : OptionalInt.empty();
            out.add(new ElevenLabsModel(id, Objects.requireNonNullElse(Json.text(m, "name"), id), canSpeak, limit, languages,
                    Optional.ofNullable(Json.text(m, "concurrency_group"))));
        }
        return List.copyOf(out);
    }

    /** {@code ExtendedSubscriptionResponseModel}; the count and limit are required. */
    public static Subscription subscription(JsonNode root) {
        Long count = Json.longValue(root, "character_count");
        Long limit = Json.longValue(root, "character_limit");
        if (count == null || limit == null) throw new IllegalArgumentException("character_count or character_limit missing");
        Long reset = Json.longValue(root, "next_character_count_reset_unix");
        String tier = Json.text(root, "tier");
        String status = Json.text(root, "status");
        return new Subscription(tier == null ? "unknown" : tier, status == null ? "unknown" : status, count, limit,
                Optional.ofNullable(reset).map(Instant::ofEpochSecond));
    }
}
