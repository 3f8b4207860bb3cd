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

    /**
     * A builder for a logical voice; map it onto at least one provider.
     *
     * @param name the name requests use as their voice: 1 to 256 characters, no control characters
     * @return a new builder
     * @throws IllegalArgumentException when {@code name} is not a valid voice id
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** {@return the name requests use as their voice} */
    public String name() { return name; }

    /**
     * The voice for one provider, if mapped.
     *
     * @param providerId the provider's id
     * @return what the voice means to that provider; empty when it is not mapped there
     */
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

        /**
         * On {@code providerId}, speak with its voice {@code voiceId}.
         *
         * @param providerId the provider's id
         * @param voiceId the provider's own id of the voice
         * @return this builder; a later mapping for the same provider replaces this one
         */
        public Builder on(String providerId, String voiceId) {
            targets.put(Objects.requireNonNull(providerId, "providerId"), VoiceTarget.id(voiceId));
            return this;
        }

        /**
         * On {@code providerId}, clone the voice in this reference recording.
         *
         * @param providerId the provider's id
         * @param referenceAudio a recording of the voice to clone, read when a request uses it
         * @return this builder; a later mapping for the same provider replaces this one
         */
        public Builder on(String providerId, Path referenceAudio) {
            targets.put(Objects.requireNonNull(providerId, "providerId"), VoiceTarget.reference(referenceAudio));
            return this;
        }

        /**
         * {@return the logical voice}
         *
         * @throws IllegalStateException when the voice maps to no provider
         */
        public LogicalVoice build() {
            if (targets.isEmpty()) throw new IllegalStateException("voice " + name + " maps to no provider");
            return new LogicalVoice(name, targets);
        }
    }
}
