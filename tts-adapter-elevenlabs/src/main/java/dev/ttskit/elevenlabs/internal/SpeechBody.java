package dev.ttskit.elevenlabs.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * The JSON body of the four REST text-to-speech endpoints. Unset members are null here and left out
 * of the JSON: the API rejects explicit nulls.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpeechBody(
        @JsonProperty("text") String text,
        @JsonProperty("model_id") String modelId,
        @JsonProperty("language_code") @Nullable String languageCode,
        @JsonProperty("voice_settings") @Nullable VoiceSettingsBody voiceSettings,
        @JsonProperty("pronunciation_dictionary_locators") @Nullable List<DictionaryLocator> dictionaries,
        @JsonProperty("seed") @Nullable Long seed,
        @JsonProperty("previous_text") @Nullable String previousText,
        @JsonProperty("next_text") @Nullable String nextText,
        @JsonProperty("previous_request_ids") @Nullable List<String> previousRequestIds,
        @JsonProperty("next_request_ids") @Nullable List<String> nextRequestIds,
        @JsonProperty("apply_text_normalization") @Nullable String applyTextNormalization) {

    /** Never prints the text or the context texts. */
    @Override
    public String toString() {
        return "SpeechBody[chars=" + text.length() + ", model=" + modelId + "]";
    }
}
