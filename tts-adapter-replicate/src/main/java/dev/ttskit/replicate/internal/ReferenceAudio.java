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
        String mime = AudioSniffer.detect(bytes).map(AudioSniffer.Kind::mimeType).orElse("application/octet-stream");
        return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }
}
