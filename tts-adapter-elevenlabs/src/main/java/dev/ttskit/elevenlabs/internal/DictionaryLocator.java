package dev.ttskit.elevenlabs.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code pronunciation_dictionary_locators}: a dictionary id and, optionally, its version
 * (left out when unset, never sent as null).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DictionaryLocator(
        @JsonProperty("pronunciation_dictionary_id") String dictionaryId,
        @JsonProperty("version_id") @Nullable String versionId) {
}
