package dev.ttskit.elevenlabs.internal;

import java.util.Map;
import java.util.Set;

/**
 * What ttskit knows about ElevenLabs models before asking {@code /v1/models}: the per-request
 * character limit, the languages, whether {@code language_code} may be sent, and the concurrency
 * group. Kept as data: {@code /v1/models} answers override the limits.
 */
public final class ModelTable {
    /** The model the API uses when none is sent. */
    public static final String DEFAULT_MODEL = "eleven_multilingual_v2";

    /** Limit for a model ttskit does not know (a conservative choice; {@code /v1/models} overrides it). */
    public static final int UNKNOWN_MODEL_MAX_CHARS = 5_000;

    private static final Map<String, Integer> MAX_CHARS = Map.ofEntries(
            Map.entry("eleven_v3", 3_000),
            Map.entry("eleven_flash_v2_5", 40_000),
            Map.entry("eleven_turbo_v2_5", 40_000),
            Map.entry("eleven_flash_v2", 30_000),
            Map.entry("eleven_turbo_v2", 30_000),
            Map.entry("eleven_multilingual_v2", 10_000),
            Map.entry("eleven_multilingual_v1", 10_000),
            Map.entry("eleven_english_sts_v2", 10_000),
            Map.entry("eleven_english_sts_v1", 10_000));

    /** Only these models take {@code language_code}; others reject or ignore it. */
    private static final Set<String> LANGUAGE_CODE_MODELS = Set.of("eleven_flash_v2_5", "eleven_turbo_v2_5");

    private static final Set<String> TURBO_GROUP = Set.of(
            "eleven_flash_v2_5", "eleven_turbo_v2_5", "eleven_flash_v2", "eleven_turbo_v2");

    private static final Set<String> MULTILINGUAL_V2_LANGUAGES = Set.of(
            "en", "ja", "zh", "de", "hi", "fr", "ko", "pt", "it", "es", "id", "nl", "tr", "fil", "pl", "sv",
            "bg", "ro", "ar", "cs", "el", "fi", "hr", "ms", "sk", "da", "ta", "uk", "ru");

    private static final Set<String> V2_5_LANGUAGES;

    static {
        java.util.Set<String> v25 = new java.util.HashSet<>(MULTILINGUAL_V2_LANGUAGES);
        v25.addAll(Set.of("hu", "no", "vi"));
        V2_5_LANGUAGES = Set.copyOf(v25);
    }

    private ModelTable() {
    }

    /** The documented per-request character limit of a model. */
    public static int maxChars(String modelId) {
        return MAX_CHARS.getOrDefault(modelId, UNKNOWN_MODEL_MAX_CHARS);
    }

    /** Whether {@code language_code} may be sent with this model. */
    public static boolean acceptsLanguageCode(String modelId) {
        return LANGUAGE_CODE_MODELS.contains(modelId);
    }

    /** Languages the model speaks; empty when ttskit does not know (no restriction). */
    public static Set<String> languages(String modelId) {
        switch (modelId) {
            case "eleven_multilingual_v2":
                return MULTILINGUAL_V2_LANGUAGES;
            case "eleven_flash_v2_5":
            case "eleven_turbo_v2_5":
                return V2_5_LANGUAGES;
            case "eleven_flash_v2":
            case "eleven_turbo_v2":
            case "eleven_monolingual_v1":
            case "eleven_english_sts_v2":
            case "eleven_english_sts_v1":
                return Set.of("en");
            default:
                return Set.of();
        }
    }

    /**
     * Calls one account may run at once with this model, at the Creator plan (5 for the standard
     * group, 10 for Turbo and Flash). Accounts on other plans set their own.
     */
    public static int defaultConcurrency(String modelId) {
        return TURBO_GROUP.contains(modelId) ? 10 : 5;
    }
}
