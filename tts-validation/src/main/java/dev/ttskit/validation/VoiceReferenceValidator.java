package dev.ttskit.validation;

import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.validation.internal.AudioHeaders;
import dev.ttskit.validation.internal.ByteSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks voice-reference recordings for cloning: where the file is, what it really is and whether
 * it is long enough.
 *
 * <ul>
 *   <li>A path must resolve, symbolic links followed, inside one of the allowed directories; relative
 *       paths are taken against the first of them.</li>
 *   <li>The format is sniffed from magic bytes (WAV, FLAC, MP3, Ogg Opus, Ogg Vorbis), never the name.</li>
 *   <li>Headers are parsed with bounds: sizes a header declares are checked against the bytes present,
 *       nothing is allocated from them, and truncated, lying or bomb-shaped headers are rejected.</li>
 *   <li>File size, duration, sample rate (8..192 kHz) and channel count (1..8) are limited.</li>
 * </ul>
 */
public final class VoiceReferenceValidator {
    private final List<Path> allowedDirectories;
    private final long maxBytes;
    private final Duration minDuration;
    private final Duration maxDuration;

    private VoiceReferenceValidator(List<Path> allowedDirectories, long maxBytes, Duration minDuration, Duration maxDuration) {
        this.allowedDirectories = List.copyOf(allowedDirectories);
        this.maxBytes = maxBytes;
        this.minDuration = minDuration;
        this.maxDuration = maxDuration;
    }

    /**
     * A validator with the policy's directories, size limit and duration range.
     *
     * @param policy the policy to apply
     * @return the validator
     */
    public static VoiceReferenceValidator from(ValidationPolicy policy) {
        return new VoiceReferenceValidator(policy.referenceDirectories(), policy.maxReferenceBytes(),
                policy.minReferenceDuration(), policy.maxReferenceDuration());
    }

    /**
     * The real path of a reference inside an allowed directory.
     *
     * @param reference the reference's path, relative paths taken from the first allowed directory
     * @return the real path (links resolved)
     * @throws ValidationException when it does not exist, is not a regular file or lies outside every allowed directory
     */
    public Path resolve(Path reference) {
        Objects.requireNonNull(reference, "reference");
        List<Path> bases = realBases();
        if (bases.isEmpty()) {
            throw ValidationException.builder("no allowed voice reference directory exists").build();
        }
        Path candidate = reference.isAbsolute() ? reference : bases.get(0).resolve(reference);
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            throw ValidationException.builder("voice reference " + name(reference) + " does not exist").build();
        } catch (AccessDeniedException e) {
            throw ValidationException.builder("voice reference " + name(reference) + " cannot be read").build();
        } catch (IOException e) {
            throw ValidationException.builder("voice reference " + name(reference) + " cannot be resolved: " + e.getClass().getSimpleName())
                    .build();
        }
        if (bases.stream().noneMatch(real::startsWith)) {
            throw ValidationException.builder("voice reference " + name(reference) + " resolves outside the allowed directories " + allowedDirectories)
                    .build();
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw ValidationException.builder("voice reference " + name(reference) + " is not a regular file").build();
        }
        return real;
    }

    /**
     * Resolves and inspects a reference file, applying the size and duration limits.
     *
     * @param reference the reference's path
     * @return what its headers say
     * @throws ValidationException naming the rule broken
     */
    public ReferenceAudio inspect(Path reference) {
        Path real = resolve(reference);
        try (FileChannel channel = FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            checkSize(size);
            AudioHeaders.Header h = AudioHeaders.parse(ByteSource.of(channel));
            return checkDuration(toAudio(Optional.of(real), size, h));
        } catch (IOException e) {
            throw ValidationException.builder("voice reference " + name(reference) + " cannot be read: " + e.getClass().getSimpleName())
                    .cause(e).build();
        }
    }

    /**
     * Inspects reference audio held in memory, applying the size and duration limits.
     *
     * @param audio the whole file's bytes
     * @return what its headers say, with an empty path
     * @throws ValidationException naming the rule broken
     */
    public ReferenceAudio inspect(byte[] audio) {
        Objects.requireNonNull(audio, "audio");
        checkSize(audio.length);
        AudioHeaders.Header h = AudioHeaders.parse(ByteSource.of(audio));
        return checkDuration(toAudio(Optional.empty(), audio.length, h));
    }

    /**
     * Checks an inspected reference against one provider's accepted durations
     * ({@code ProviderCapabilities.minReferenceAudio()} and {@code maxReferenceAudio()}).
     *
     * @param audio      the inspected reference
     * @param providerId the provider's id, for the message
     * @param min        the shortest recording the provider accepts
     * @param max        the longest recording the provider accepts
     * @throws UnsupportedRequestException when this provider cannot use it (another provider may)
     */
    public static void checkFor(ReferenceAudio audio, String providerId, Duration min, Duration max) {
        if (audio.duration().compareTo(min) < 0 || audio.duration().compareTo(max) > 0) {
            throw UnsupportedRequestException.builder("voice reference lasts " + seconds(audio.duration()) + " s; provider " + providerId + " accepts " + seconds(min) + ".." + seconds(max) + " s")
                    .provider(providerId).build();
        }
    }

    private void checkSize(long size) {
        if (size > maxBytes) {
            throw ValidationException.builder("voice reference is " + size + " bytes; at most " + maxBytes + " allowed")
                    .build();
        }
    }

    private ReferenceAudio checkDuration(ReferenceAudio audio) {
        if (audio.duration().compareTo(minDuration) < 0 || audio.duration().compareTo(maxDuration) > 0) {
            throw ValidationException.builder("voice reference lasts " + seconds(audio.duration()) + " s; allowed " + seconds(minDuration) + ".." + seconds(maxDuration) + " s")
                    .build();
        }
        return audio;
    }

    private static ReferenceAudio toAudio(Optional<Path> path, long size, AudioHeaders.Header h) {
        return new ReferenceAudio(path, h.format(), size, h.sampleRate(), h.channels(),
                Duration.ofNanos(h.durationMicros() * 1000), h.estimated());
    }

    private List<Path> realBases() {
        List<Path> out = new ArrayList<>();
        for (Path dir : allowedDirectories) {
            try {
                out.add(dir.toRealPath());
            } catch (IOException e) {
                // A configured directory that does not exist allows nothing.
            }
        }
        return out;
    }

    private static String name(Path p) {
        Path file = p.getFileName();
        return "'" + (file == null ? "" : file) + "'";
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.2f", d.toNanos() / 1e9);
    }
}
