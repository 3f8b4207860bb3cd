package dev.ttskit.validation;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Per-request limits of the providers ttskit ships adapters for, as data: adapters declare them in
 * their {@code ProviderCapabilities} and {@link StandardValidator} applies model-specific ones, so one
 * table drives routing and validation. Values follow the provider specifications; a provider's own
 * catalogue (ElevenLabs {@code /v1/models}) overrides them at run time.
 */
public final class ProviderLimits {
    /** Characters per request for ElevenLabs models without a known limit. */
    public static final int ELEVENLABS_DEFAULT_MAX_CHARS = 5_000;
    /** Replicate's lucataco/xtts-v2 asks for at least 6 s of reference audio. */
    public static final Duration REPLICATE_XTTS_MIN_REFERENCE = Duration.ofSeconds(6);
    /** XTTS conditions on at most 30 s of reference audio. */
    public static final Duration XTTS_MAX_REFERENCE = Duration.ofSeconds(30);

    private static final Map<String, Integer> ELEVENLABS = Map.of(
            "eleven_v3", 3_000,
            "eleven_flash_v2_5", 40_000,
            "eleven_turbo_v2_5", 40_000,
            "eleven_flash_v2", 30_000,
            "eleven_turbo_v2", 30_000,
            "eleven_multilingual_v2", 10_000,
            "eleven_multilingual_v1", 10_000,
            "eleven_english_sts_v2", 10_000,
            "eleven_english_sts_v1", 10_000);

    /** XTTS-v2 soft character limits by base language (Coqui's {@code char_limits}). */
    private static final Map<String, Integer> XTTS = Map.ofEntries(
            Map.entry("en", 250), Map.entry("de", 253), Map.entry("fr", 273), Map.entry("es", 239),
            Map.entry("it", 213), Map.entry("pt", 203), Map.entry("pl", 224), Map.entry("zh", 82),
            Map.entry("ar", 166), Map.entry("cs", 186), Map.entry("ru", 182), Map.entry("nl", 251),
            Map.entry("tr", 226), Map.entry("ja", 71), Map.entry("hu", 224), Map.entry("ko", 95),
            Map.entry("hi", 150));

    private ProviderLimits() {
    }

    /**
     * The character limit of an ElevenLabs model; {@value #ELEVENLABS_DEFAULT_MAX_CHARS} for unknown models.
     *
     * @param modelId the model id, e.g. {@code eleven_multilingual_v2}; case-insensitive
     * @return the most characters one request may carry
     */
    public static int elevenLabsMaxChars(String modelId) {
        return ELEVENLABS.getOrDefault(modelId.toLowerCase(Locale.ROOT), ELEVENLABS_DEFAULT_MAX_CHARS);
    }

    /**
     * XTTS-v2 character limits keyed by base language code ({@code zh}, not {@code zh-cn}).
     *
     * @return an unmodifiable map from language code to the most characters a request may carry
     */
    public static Map<String, Integer> xttsCharLimits() {
        return XTTS;
    }

    /**
     * The XTTS-v2 limit for a BCP 47 tag or XTTS tag ({@code zh-cn} finds {@code zh}); 250 when unknown.
     *
     * @param language a BCP 47 or XTTS language tag
     * @return the most characters one request may carry
     */
    public static int xttsMaxChars(String language) {
        return XTTS.getOrDefault(LanguageCodes.primary(language), 250);
    }

    /**
     * A model-specific limit stricter than a provider's capabilities can express, from the request's
     * options: ElevenLabs' {@code model_id}.
     */
    static Optional<Integer> modelLimit(String providerId, Map<String, Object> options) {
        if (!"elevenlabs".equals(providerId)) return Optional.empty();
        for (String key : new String[] {"model_id", "modelId", "model"}) {
            Object model = options.get(key);
            if (model instanceof String) return Optional.of(elevenLabsMaxChars((String) model));
        }
        return Optional.empty();
    }
}
