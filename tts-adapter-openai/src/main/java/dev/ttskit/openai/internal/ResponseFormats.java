package dev.ttskit.openai.internal;

import dev.ttskit.audio.AudioFormat;

import java.util.Optional;

/**
 * Which {@code response_format} a ttskit {@link AudioFormat} is asked for with. WAV is not asked for
 * natively: the API's streamed WAV may carry placeholder sizes, so the adapter asks for {@code pcm}
 * and writes an exact header itself.
 */
public final class ResponseFormats {
    private ResponseFormats() {
    }

    /** The wire name for a format, or empty when the API has no such encoding. */
    public static Optional<String> wireName(AudioFormat format) {
        if (format.channels() != 1) return Optional.empty();
        return switch (format.encoding()) {
            case PCM_S16LE -> Optional.of("pcm");
            case MP3 -> Optional.of("mp3");
            case OPUS -> Optional.of("opus");
            case AAC -> format.container() == AudioFormat.Container.ADTS ? Optional.of("aac") : Optional.empty();
            case FLAC -> Optional.of("flac");
            default -> Optional.empty();
        };
    }

    /** Whether the adapter puts a WAV header in front of the PCM it receives. */
    public static boolean wrapsWav(AudioFormat format) {
        return format.container() == AudioFormat.Container.WAV;
    }
}
