package dev.ttskit.spi;

import dev.ttskit.VoiceId;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a logical voice means to one provider: one of its own voice ids, or a reference recording
 * to clone.
 */
public sealed interface VoiceTarget {

    /** A provider's own voice id. */
    record Id(VoiceId id) implements VoiceTarget {
        public Id {
            Objects.requireNonNull(id, "id");
        }
    }

    /** A reference recording for voice cloning. */
    record Reference(Path audio) implements VoiceTarget {
        public Reference {
            Objects.requireNonNull(audio, "audio");
        }
    }

    static VoiceTarget id(String id) {
        return new Id(VoiceId.of(id));
    }

    static VoiceTarget reference(Path audio) {
        return new Reference(audio);
    }
}
