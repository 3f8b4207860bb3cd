package dev.ttskit.elevenlabs.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ttskit.elevenlabs.VoiceSettings;
import org.jspecify.annotations.Nullable;

/** {@code voice_settings} on the wire: unset members are left out, never sent as null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VoiceSettingsBody(
        @JsonProperty("stability") @Nullable Double stability,
        @JsonProperty("similarity_boost") @Nullable Double similarityBoost,
        @JsonProperty("style") @Nullable Double style,
        @JsonProperty("use_speaker_boost") @Nullable Boolean useSpeakerBoost,
        @JsonProperty("speed") @Nullable Double speed) {

    /** The wire form of the settings, or null when none is set (the whole object is then left out). */
    public static @Nullable VoiceSettingsBody of(VoiceSettings s) {
        if (s.isEmpty()) return null;
        return new VoiceSettingsBody(s.stability().orElse(null), s.similarityBoost().orElse(null),
                s.style().orElse(null), s.useSpeakerBoost().orElse(null), s.speed().orElse(null));
    }
}
