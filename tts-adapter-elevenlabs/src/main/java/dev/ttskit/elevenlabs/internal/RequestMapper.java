package dev.ttskit.elevenlabs.internal;

import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.elevenlabs.TextNormalization;
import dev.ttskit.elevenlabs.VoiceSettings;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.VoiceTarget;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Turns a {@link ProviderRequest} into what ElevenLabs is sent, checking everything the API would
 * reject before any I/O (spec section 3.4). Per-request options use the API's own names:
 * {@code model_id}, {@code stability}, {@code similarity_boost}, {@code style},
 * {@code use_speaker_boost}, {@code previous_text}, {@code next_text}, {@code previous_request_ids}
 * and {@code next_request_ids} (comma-separated), {@code apply_text_normalization}, and
 * {@code pronunciation_dictionary_locators} (comma-separated {@code id} or {@code id:version}).
 */
public final class RequestMapper {
    /** Most request ids the API takes in {@code previous_request_ids} or {@code next_request_ids}. */
    public static final int MAX_REQUEST_IDS = 3;
    /** Most pronunciation dictionaries one request may name. */
    public static final int MAX_DICTIONARIES = 3;

    private final String provider;
    private final String defaultVoiceId;
    private final String defaultModelId;
    private final VoiceSettings defaultSettings;
    private final @Nullable TextNormalization defaultNormalization;
    private final ToIntFunction<String> maxCharsOfModel;

    /**
     * @param maxCharsOfModel the character limit of a model (the static table, overridden by what
     *                        {@code /v1/models} reported)
     */
    public RequestMapper(String provider, String defaultVoiceId, String defaultModelId, VoiceSettings defaultSettings,
                         @Nullable TextNormalization defaultNormalization, ToIntFunction<String> maxCharsOfModel) {
        this.provider = provider;
        this.defaultVoiceId = defaultVoiceId;
        this.defaultModelId = defaultModelId;
        this.defaultSettings = defaultSettings;
        this.defaultNormalization = defaultNormalization;
        this.maxCharsOfModel = maxCharsOfModel;
    }

    /**
     * Checks and maps a request.
     *
     * @param requireText false for a WebSocket session, whose text may all come later
     * @throws ValidationException         for blank text or a parameter out of range
     * @throws UnsupportedRequestException for a format, voice kind or text length this provider cannot serve
     */
    public PreparedSpeech prepare(ProviderRequest request, boolean requireText) {
        String voiceId = voiceId(request);
        String outputFormat = outputFormat(request.format());
        String modelId = request.text("model_id").map(String::trim).orElse(defaultModelId);

        String text = request.text();
        if (requireText && text.isBlank()) {
            throw ValidationException.builder("text must not be blank").provider(provider).build();
        }
        int chars = text.codePointCount(0, text.length());
        int limit = maxCharsOfModel.applyAsInt(modelId);
        if (chars > limit) {
            throw UnsupportedRequestException.builder("text has " + chars + " characters, more than the " + limit + " that model " + modelId + " accepts in one request")
                    .provider(provider).build();
        }

        VoiceSettings settings = defaultSettings.overriddenBy(settingsFrom(request));
        Long seed = request.seed().orElse(null);
        if (seed != null && (seed < 0 || seed > 0xFFFF_FFFFL)) {
            throw invalid("seed must be 0..4294967295, was " + seed);
        }
        String languageCode = request.language()
                .filter(l -> ModelTable.acceptsLanguageCode(modelId))
                .map(RequestMapper::primarySubtag)
                .orElse(null);
        Optional<String> normalization = request.text("apply_text_normalization");
        TextNormalization applied;
        try {
            applied = normalization.isEmpty() ? defaultNormalization : TextNormalization.parse(normalization.get());
        } catch (IllegalArgumentException e) {
            throw invalid(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
        SpeechBody body = new SpeechBody(text, modelId, languageCode, VoiceSettingsBody.of(settings), dictionaries(request), seed,
                request.text("previous_text").orElse(null), request.text("next_text").orElse(null),
                requestIds(request, "previous_request_ids"), requestIds(request, "next_request_ids"),
                applied == null ? null : applied.wireValue());
        return new PreparedSpeech(voiceId, modelId, outputFormat, request.format(), body);
    }

    /** The {@code output_format} for a requested format. */
    public String outputFormat(AudioFormat format) {
        return OutputFormats.outputFormatFor(format).orElseThrow(() -> UnsupportedRequestException.builder("ElevenLabs cannot produce " + format)
                .provider(provider).build());
    }

    private String voiceId(ProviderRequest request) {
        if (request.voice().isEmpty()) return defaultVoiceId;
        VoiceTarget target = request.voice().get();
        if (target instanceof VoiceTarget.Id) return ((VoiceTarget.Id) target).id().value();
        throw UnsupportedRequestException.builder("ElevenLabs voices are ids; cloning from a reference recording is not offered")
                .provider(provider).build();
    }

    private VoiceSettings settingsFrom(ProviderRequest request) {
        VoiceSettings.Builder b = VoiceSettings.builder();
        try {
            request.decimal("stability").ifPresent(b::stability);
            request.decimal("similarity_boost").ifPresent(b::similarityBoost);
            request.decimal("style").ifPresent(b::style);
            request.flag("use_speaker_boost").ifPresent(b::useSpeakerBoost);
            if (request.speed().isPresent()) b.speed(request.speed().get());
        } catch (IllegalArgumentException e) {
            throw invalid(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
        return b.build();
    }

    private @Nullable List<String> requestIds(ProviderRequest request, String name) {
        String value = request.text(name).orElse(null);
        if (value == null) return null;
        List<String> ids = new ArrayList<>();
        for (String id : value.split(",")) {
            if (!id.isBlank()) ids.add(id.trim());
        }
        if (ids.size() > MAX_REQUEST_IDS) {
            throw invalid(name + " takes at most " + MAX_REQUEST_IDS + " ids, was " + ids.size());
        }
        return ids.isEmpty() ? null : List.copyOf(ids);
    }

    private @Nullable List<DictionaryLocator> dictionaries(ProviderRequest request) {
        String value = request.text("pronunciation_dictionary_locators").orElse(null);
        if (value == null) return null;
        List<DictionaryLocator> locators = new ArrayList<>();
        for (String item : value.split(",")) {
            if (item.isBlank()) continue;
            String[] parts = item.trim().split(":", 2);
            String id = parts[0].trim();
            String version = parts.length == 2 && !parts[1].isBlank() ? parts[1].trim() : null;
            if (id.isEmpty()) throw invalid("pronunciation_dictionary_locators has an entry without a dictionary id");
            locators.add(new DictionaryLocator(id, version));
        }
        if (locators.size() > MAX_DICTIONARIES) {
            throw invalid("pronunciation_dictionary_locators takes at most " + MAX_DICTIONARIES + " dictionaries, was " + locators.size());
        }
        return locators.isEmpty() ? null : List.copyOf(locators);
    }

    private ValidationException invalid(String message) {
        return ValidationException.builder(message).provider(provider).build();
    }

    private static String primarySubtag(String language) {
        int dash = language.indexOf('-');
        return (dash > 0 ? language.substring(0, dash) : language).toLowerCase(Locale.ROOT);
    }
}
