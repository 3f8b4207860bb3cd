package dev.ttskit.elevenlabs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A model as {@code GET /v1/models} describes it.
 *
 * @param id               the {@code model_id}
 * @param name             display name
 * @param textToSpeech     whether it can do text to speech ({@code can_do_text_to_speech})
 * @param maxCharacters    characters per request for a subscribed account, when reported
 * @param languages        language codes it speaks
 * @param concurrencyGroup {@code standard} or {@code turbo}, when reported
 */
public record ElevenLabsModel(String id, String name, boolean textToSpeech, OptionalInt maxCharacters,
                              List<String> languages, Optional<String> concurrencyGroup) {
    /**
     * Checks and copies the components.
     *
     * @param id               the {@code model_id}
     * @param name             display name; {@code id} when null
     * @param textToSpeech     whether it can do text to speech
     * @param maxCharacters    characters per request for a subscribed account, or empty
     * @param languages        language codes it speaks; copied
     * @param concurrencyGroup {@code standard} or {@code turbo}, or empty
     * @throws NullPointerException when {@code id}, {@code maxCharacters}, {@code languages} (or one of its
     *                              codes) or {@code concurrencyGroup} is null; a null {@code name} becomes {@code id}
     */
    public ElevenLabsModel {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        Objects.requireNonNull(maxCharacters, "maxCharacters");
        languages = List.copyOf(languages);
        Objects.requireNonNull(concurrencyGroup, "concurrencyGroup");
    }
}
