package dev.ttskit;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A voice a provider offers.
 *
 * @param provider  the provider's id
 * @param id        the provider's own voice id
 * @param name      a display name; the voice id when the provider gives none (null is taken for that)
 * @param languages language codes the voice speaks; empty when the provider does not say
 * @param labels    provider labels (accent, gender, use case...), for display only
 */
public record Voice(String provider, VoiceId id, String name, List<String> languages, Map<String, String> labels) {
    /**
     * A voice; the lists are copied.
     *
     * @param provider  the provider's id
     * @param id        the provider's own voice id
     * @param name      a display name, or null for the voice id (catalogues list voices without one)
     * @param languages language codes the voice speaks; empty when the provider does not say
     * @param labels    provider labels, for display only
     */
    public Voice(String provider, VoiceId id, @Nullable String name, List<String> languages, Map<String, String> labels) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.id = Objects.requireNonNull(id, "id");
        this.name = name == null ? id.value() : name;
        this.languages = List.copyOf(languages);
        this.labels = Map.copyOf(labels);
    }

    /**
     * A voice with no languages or labels.
     *
     * @param provider the provider's id
     * @param id       the provider's own voice id
     * @param name     a display name, or null for the voice id
     * @return the voice
     * @throws IllegalArgumentException when {@code id} is not a valid voice id
     */
    public static Voice of(String provider, String id, @Nullable String name) {
        return new Voice(provider, VoiceId.of(id), name, List.of(), Map.of());
    }
}
