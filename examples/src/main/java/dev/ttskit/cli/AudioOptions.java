package dev.ttskit.cli;

import dev.ttskit.audio.AudioFormat;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the audio should sound like and be: {@code speak} and {@code jobs submit} take the same options. */
final class AudioOptions {
    @Option(names = "--voice", paramLabel = "V", description = "A voice name or a provider's voice id.")
    @Nullable String voice;

    @Option(names = "--language", paramLabel = "L", description = "BCP 47 language code, e.g. en or en-GB.")
    @Nullable String language;

    @Option(names = "--format", paramLabel = "F", description = "wav, mp3 (from providers that make MP3), pcm (raw 16-bit little-endian mono), "
            + "aac (ADTS), flac or ogg (Vorbis); the last four as a provider makes them, never converted. "
            + "Default: the --out file's extension when it is one of these, else wav.")
    @Nullable String format;

    @Option(names = "--sample-rate", paramLabel = "HZ", description = "Sample rate in Hz (default 44100 for mp3, 24000 for the others).")
    @Nullable String sampleRate;

    Optional<String> voice() {
        return Optional.ofNullable(voice);
    }

    Optional<String> language() {
        return Optional.ofNullable(language);
    }

    /** The format names {@code --format} takes; each is also an output file extension. */
    static final List<String> FORMAT_NAMES = List.of("wav", "mp3", "pcm", "aac", "flac", "ogg");

    /**
     * The format asked for, checked: a bad name or rate is a usage error naming the option and value.
     * Without {@code --format}, the one {@code out}'s extension names (so {@code --out speech.flac}
     * asks for FLAC), else WAV.
     */
    AudioFormat audioFormat(@Nullable String out) throws UsageException {
        String name = format != null ? format.toLowerCase(Locale.ROOT) : out == null ? "wav" : extension(out).orElse("wav");
        if (!FORMAT_NAMES.contains(name)) {
            throw new UsageException("--format must be one of " + String.join(", ", FORMAT_NAMES) + ", was '" + format + "'");
        }
        int hz;
        try {
            hz = sampleRate == null ? (name.equals("mp3") ? 44_100 : 24_000) : Integer.parseInt(sampleRate.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--sample-rate must be a whole number of Hz, was '" + sampleRate + "'");
        }
        try {
            return switch (name) {
                case "pcm" -> AudioFormat.pcm(hz);
                case "mp3" -> AudioFormat.mp3(hz, 128);
                case "aac" -> AudioFormat.aac(hz);
                case "flac" -> AudioFormat.flac(hz);
                case "ogg" -> AudioFormat.vorbis(hz);
                default -> AudioFormat.wav(hz);
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException("--sample-rate " + sampleRate + " is not usable: " + e.getMessage());
        }
    }

    /** The file's extension when it is a format name, lower-cased. */
    private static Optional<String> extension(String out) {
        String file = out.replace('\\', '/');
        file = file.substring(file.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        if (dot <= 0) return Optional.empty();
        String ext = file.substring(dot + 1).toLowerCase(Locale.ROOT);
        return FORMAT_NAMES.contains(ext) ? Optional.of(ext) : Optional.empty();
    }
}
