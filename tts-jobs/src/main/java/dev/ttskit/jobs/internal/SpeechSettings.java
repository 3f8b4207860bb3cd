package dev.ttskit.jobs.internal;

import org.jspecify.annotations.Nullable;
import dev.ttskit.SpeechRequest;
import dev.ttskit.audio.AudioFormat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How every chunk of a job is spoken: what a {@link SpeechRequest} says besides its text, as the
 * job's row keeps it. Nullable fields are unset.
 */
public record SpeechSettings(@Nullable String voice, @Nullable String language, AudioFormat format, @Nullable Double speed, @Nullable Long seed,
                             Map<String, Object> options, @Nullable Duration timeout, @Nullable Path speakerReference, List<String> providers,
                             boolean allowAnyVoice) {
    public SpeechSettings {
        Objects.requireNonNull(format, "format");
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        providers = List.copyOf(providers);
    }

    /** The request for one chunk. */
    public SpeechRequest request(String text) {
        SpeechRequest.Builder b = SpeechRequest.builder().text(text).format(format).allowAnyVoice(allowAnyVoice);
        if (voice != null) b.voice(voice);
        if (language != null) b.language(language);
        if (speed != null) b.speed(speed);
        if (seed != null) b.seed(seed);
        options.forEach(b::option);
        if (timeout != null) b.timeout(timeout);
        if (speakerReference != null) b.speakerReference(speakerReference);
        if (!providers.isEmpty()) b.providers(providers);
        return b.build();
    }

    /** The providers as stored: ids joined with commas, or null for the client's chain. */
    @Nullable String providersColumn() {
        return providers.isEmpty() ? null : String.join(",", providers);
    }

    static List<String> providersFrom(@Nullable String column) {
        return column == null || column.isEmpty() ? List.of() : List.of(column.split(","));
    }
}
