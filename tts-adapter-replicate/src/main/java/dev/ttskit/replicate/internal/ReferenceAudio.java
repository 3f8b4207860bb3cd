package dev.ttskit.replicate.internal;

import dev.ttskit.ValidationException;

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
     * @throws ValidationException when the file is missing, unreadable, empty or too large
     */
    public static String toDataUri(Path file, long maxBytes, String provider) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size == 0) throw new ValidationException(provider, "voice reference file is empty", null, null);
            if (size > maxBytes) {
                throw new ValidationException(provider, "voice reference file has " + size + " bytes, more than the "
                        + maxBytes + " bytes allowed for inline upload", null, null);
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) maxBytes + 1);
            }
        } catch (IOException e) {
            throw new ValidationException(provider, "voice reference file cannot be read (" + e.getClass().getSimpleName() + ")", null, e);
        }
        if (bytes.length > maxBytes) {
            throw new ValidationException(provider, "voice reference file grew beyond " + maxBytes + " bytes while reading", null, null);
        }
        String mime = AudioSniffer.detect(bytes).map(AudioSniffer.Kind::mimeType).orElse("application/octet-stream");
        return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }
}
