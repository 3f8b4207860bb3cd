package dev.ttskit.validation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link VoiceReferenceValidator} learnt from a voice reference's headers.
 *
 * @param path              the real path of the file (links resolved); empty for in-memory audio
 * @param format            the sniffed format
 * @param sizeBytes         the file size
 * @param sampleRate        samples per second per channel
 * @param channels          channel count
 * @param duration          the playing time
 * @param durationEstimated true when the duration comes from the bitrate (constant-bitrate MP3 without a frame count)
 */
public record ReferenceAudio(Optional<Path> path, ReferenceFormat format, long sizeBytes, int sampleRate, int channels,
                             Duration duration, boolean durationEstimated) {
    /**
     * Checks that the path, format and duration are present (the path may be empty).
     *
     * @param path              the real path of the file; empty for in-memory audio
     * @param format            the sniffed format
     * @param sizeBytes         the file size
     * @param sampleRate        samples per second per channel
     * @param channels          channel count
     * @param duration          the playing time
     * @param durationEstimated true when the duration comes from the bitrate
     * @throws NullPointerException when one is null
     */
    public ReferenceAudio {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(duration, "duration");
    }
}
