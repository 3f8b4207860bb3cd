package dev.ttskit.replicate.internal;

import dev.ttskit.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter's own check of a speaker reference, with no tts-validation on the classpath. */
class ReferenceAudioTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    static byte[] wav(int frames) {
        ByteBuffer b = ByteBuffer.allocate(44 + frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + frames * 2).put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(24_000).putInt(48_000).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(frames * 2);
        for (int i = 0; i < frames; i++) b.putShort((short) (Math.sin(i * 0.1) * 9_000));
        return b.array();
    }

    @Test
    void filesThatAreNotAudioAreRefusedBeforeAnyUpload() throws IOException {
        byte[][] notAudio = {
                "root:x:0:0:root:/root:/bin/bash\n".getBytes(StandardCharsets.US_ASCII),
                "-----BEGIN OPENSSH PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII),
                {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0},
                "ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000 but no frame follows".getBytes(StandardCharsets.ISO_8859_1),
                "RIFF\u0004\u0000\u0000\u0000WAVEjunk".getBytes(StandardCharsets.ISO_8859_1),
                wav(0),
        };
        for (byte[] bytes : notAudio) {
            Path p = file("voice.wav", bytes);
            ValidationException e = assertThrows(ValidationException.class, () -> ReferenceAudio.toDataUri(p, 1 << 20, "replicate"),
                    new String(bytes, StandardCharsets.ISO_8859_1));
            assertTrue(e.getMessage().startsWith("voice reference"), e.getMessage());
        }
    }

    @Test
    void realAudioIsSentWithItsOwnMimeType() throws IOException {
        assertTrue(ReferenceAudio.toDataUri(file("a.bin", wav(2_400)), 1 << 20, "replicate").startsWith("data:audio/wav;base64,"));
        byte[] flac = "fLaC\u0000\u0000\u0000\"".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(ReferenceAudio.toDataUri(file("a.flac", flac), 1 << 20, "replicate").startsWith("data:audio/flac;base64,"));
        byte[] mp3 = new byte[417 * 2];
        for (int o = 0; o < mp3.length; o += 417) {
            mp3[o] = (byte) 0xFF; mp3[o + 1] = (byte) 0xFB; mp3[o + 2] = (byte) 0x90; mp3[o + 3] = (byte) 0xC4;
        }
        assertTrue(ReferenceAudio.toDataUri(file("a.mp3", mp3), 1 << 20, "replicate").startsWith("data:audio/mpeg;base64,"));
    }
}
