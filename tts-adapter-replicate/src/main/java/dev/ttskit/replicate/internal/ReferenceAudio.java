package dev.ttskit.replicate.internal;

import dev.ttskit.AudioFormatException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.MpegFrameHeader;
import dev.ttskit.audio.WavCodec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Turns a local voice reference recording into a {@code data:} URI, the one way to hand Replicate a
 * local file without uploading it elsewhere. Local paths themselves are never sent.
 */
public final class ReferenceAudio {
    private ReferenceAudio() {
    }

    /**
     * @param maxBytes largest file accepted (Replicate recommends data URIs of at most about 256 kB)
     * @throws ValidationException when the file is missing, unreadable, empty, too large, or not
     *                             audio by its magic bytes (a WAV must have a readable header, an MP3 a frame)
     */
    public static String toDataUri(Path file, long maxBytes, String provider) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size == 0) throw ValidationException.builder("voice reference file is empty").provider(provider).build();
            if (size > maxBytes) {
                throw ValidationException.builder("voice reference file has " + size + " bytes, more than the " + maxBytes + " bytes allowed for inline upload")
                        .provider(provider).build();
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) maxBytes + 1);
            }
        } catch (IOException e) {
            throw ValidationException.builder("voice reference file cannot be read (" + e.getClass().getSimpleName() + ")")
                    .provider(provider).cause(e).build();
        }
        if (bytes.length > maxBytes) {
            throw ValidationException.builder("voice reference file grew beyond " + maxBytes + " bytes while reading")
                    .provider(provider).build();
        }
        // Checked here, not only by tts-validation: without it on the classpath any readable file
        // named as a reference would be sent to the API.
        AudioSniffer.Kind kind = AudioSniffer.detect(bytes).orElseThrow(() -> ValidationException.builder(
                "voice reference file is not WAV, MP3, OGG or FLAC audio (by its first bytes)").provider(provider).build());
        if (kind == AudioSniffer.Kind.WAV) {
            try {
                if (WavCodec.readInfo(bytes).dataLength() == 0) {
                    throw ValidationException.builder("voice reference WAV holds no audio").provider(provider).build();
                }
            } catch (AudioFormatException e) {
                throw ValidationException.builder("voice reference WAV is not readable: " + e.getMessage()).provider(provider)
                        .cause(e).build();
            }
        } else if (kind == AudioSniffer.Kind.MP3 && MpegFrameHeader.first(bytes, 64 * 1024).isEmpty()) {
            throw ValidationException.builder("voice reference MP3 has no audio frame").provider(provider).build();
        }
        return "data:" + kind.mimeType() + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }
}
