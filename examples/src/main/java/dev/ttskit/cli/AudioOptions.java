package dev.ttskit.cli;

import dev.ttskit.audio.AudioFormat;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Optional;

/** What the audio should sound like and be: {@code speak} and {@code jobs submit} take the same options. */
final class AudioOptions {
    @Option(names = "--voice", paramLabel = "V", description = "A voice name or a provider's voice id.")
    @Nullable String voice;

    @Option(names = "--language", paramLabel = "L", description = "BCP 47 language code, e.g. en or en-GB.")
    @Nullable String language;

    @Option(names = "--format", paramLabel = "F", description = "wav (default), mp3 (from providers that make MP3) or pcm (raw 16-bit little-endian mono).")
    @Nullable String format;

    @Option(names = "--sample-rate", paramLabel = "HZ", description = "Sample rate in Hz (default 24000 for wav and pcm, 44100 for mp3).")
    @Nullable String sampleRate;

    Optional<String> voice() {
        return Optional.ofNullable(voice);
    }

    Optional<String> language() {
        return Optional.ofNullable(language);
    }

    /** The format asked for, checked: a bad name or rate is a usage error naming the option and value. */
    AudioFormat audioFormat() throws UsageException {
        String name = format == null ? "wav" : format.toLowerCase(Locale.ROOT);
        if (!name.equals("wav") && !name.equals("pcm") && !name.equals("mp3")) {
            throw new UsageException("--format must be wav, mp3 or pcm, was '" + format + "'");
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
                default -> AudioFormat.wav(hz);
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException("--sample-rate " + sampleRate + " is not usable: " + e.getMessage());
        }
    }
}
