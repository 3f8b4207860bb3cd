package dev.ttskit;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A voice a provider offers.
 *
 * @param provider  the provider's id
 * @param id        the provider's own voice id
 * @param name      a display name
 * @param languages language codes the voice speaks; empty when the provider does not say
 * @param labels    provider labels (accent, gender, use case...), for display only
 */
public record Voice(String provider, VoiceId id, String name, List<String> languages, Map<String, String> labels) {
    public Voice {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(id, "id");
        name = name == null ? id.value() : name;
        languages = List.copyOf(languages);
        labels = Map.copyOf(labels);
    }

    public static Voice of(String provider, String id, String name) {
        return new Voice(provider, VoiceId.of(id), name, List.of(), Map.of());
    }
}
