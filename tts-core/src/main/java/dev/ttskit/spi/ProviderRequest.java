package dev.ttskit.spi;

import dev.ttskit.SpeechRequest;
import dev.ttskit.audio.AudioFormat;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as one provider sees it: cleaned text, the voice resolved for this provider, the format
 * it must produce and only the options meant for it.
 *
 * @param text     validated, cleaned text
 * @param voice    the voice for this provider; empty means its default voice
 * @param language BCP 47 code, if the caller gave one
 * @param format   what the provider must return (the router converts from it to the caller's format if they differ)
 * @param speed    speaking rate, if given
 * @param seed     sampling seed, if given
 * @param options  this provider's options, prefix removed
 * @param original the caller's request, for anything else
 */
public record ProviderRequest(String text, Optional<VoiceTarget> voice, Optional<String> language, AudioFormat format,
                              Optional<Double> speed, Optional<Long> seed, Map<String, Object> options,
                              SpeechRequest original) {
    public ProviderRequest {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(speed, "speed");
        Objects.requireNonNull(seed, "seed");
        options = Map.copyOf(options);
        Objects.requireNonNull(original, "original");
    }

    /** A provider request straight from a caller's request, with the given voice and format. */
    public static ProviderRequest of(String providerId, SpeechRequest request, Optional<VoiceTarget> voice, AudioFormat format) {
        return new ProviderRequest(request.text(), voice, request.language(), format, request.speed(), request.seed(),
                request.optionsFor(providerId), request);
    }

    /** Never prints the text. */
    @Override
    public String toString() {
        return "ProviderRequest[chars=" + text.length() + ", voice=" + voice.map(Object::toString).orElse("default")
                + ", language=" + language.orElse("-") + ", format=" + format + "]";
    }
}
