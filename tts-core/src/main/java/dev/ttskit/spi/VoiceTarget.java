package dev.ttskit.spi;

import dev.ttskit.VoiceId;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a logical voice means to one provider: one of its own voice ids, or a reference recording
 * to clone.
 */
public sealed interface VoiceTarget {

    /**
     * A provider's own voice id.
     *
     * @param id the id, as the provider names its voice
     */
    record Id(VoiceId id) implements VoiceTarget {
        /**
         * A voice id target.
         *
         * @param id the id, as the provider names its voice
         */
        public Id {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * A reference recording for voice cloning.
     *
     * @param audio the recording's file; read when a cloning provider is called
     */
    record Reference(Path audio) implements VoiceTarget {
        /**
         * A recording target.
         *
         * @param audio the recording's file; read when a cloning provider is called
         */
        public Reference {
            Objects.requireNonNull(audio, "audio");
        }
    }

    /**
     * A provider's own voice.
     *
     * @param id the provider's voice id
     * @return the target
     * @throws IllegalArgumentException when {@code id} is blank, too long or holds control characters
     */
    static VoiceTarget id(String id) {
        return new Id(VoiceId.of(id));
    }

    /**
     * A voice cloned from a recording.
     *
     * @param audio the recording's file
     * @return the target
     */
    static VoiceTarget reference(Path audio) {
        return new Reference(audio);
    }
}
