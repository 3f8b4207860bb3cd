package dev.ttskit;

import dev.ttskit.spi.VoiceTarget;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An application's name for a voice ({@code narrator}) and what it means to each provider: one of the
 * provider's own voice ids, or a reference recording to clone. A provider with no mapping is skipped
 * for requests using this voice, unless the request allows any voice.
 */
public final class LogicalVoice {
    private final String name;
    private final Map<String, VoiceTarget> targets;

    private LogicalVoice(String name, Map<String, VoiceTarget> targets) {
        this.name = name;
        this.targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() { return name; }

    /** The voice for one provider, if mapped. */
    public Optional<VoiceTarget> target(String providerId) {
        return Optional.ofNullable(targets.get(providerId));
    }

    /** {@return all mappings, by provider id} */
    public Map<String, VoiceTarget> targets() { return targets; }

    @Override
    public String toString() {
        return "LogicalVoice[" + name + " on " + targets.keySet() + "]";
    }

    /** Maps a logical voice onto providers. */
    public static final class Builder {
        private final String name;
        private final Map<String, VoiceTarget> targets = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = VoiceId.of(name).value();
        }

        /** On {@code providerId}, speak with its voice {@code voiceId}. */
        public Builder on(String providerId, String voiceId) {
            targets.put(Objects.requireNonNull(providerId, "providerId"), VoiceTarget.id(voiceId));
            return this;
        }

        /** On {@code providerId}, clone the voice in this reference recording. */
        public Builder on(String providerId, Path referenceAudio) {
            targets.put(Objects.requireNonNull(providerId, "providerId"), VoiceTarget.reference(referenceAudio));
            return this;
        }

        public LogicalVoice build() {
            if (targets.isEmpty()) throw new IllegalStateException("voice " + name + " maps to no provider");
            return new LogicalVoice(name, targets);
        }
    }
}
