package dev.ttskit.replicate.internal;

import dev.ttskit.AudioFormatException;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The size cap is on decoded bytes, whatever line breaks the encoder put in. */
class DataUriTest {
    private static final int CAP = 300_000;

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 31 + 7);
        return b;
    }

    private static String mime(byte[] b) {
        return "data:audio/wav;base64," + Base64.getMimeEncoder().encodeToString(b);   // 76-character lines, CRLF
    }

    @Test
    void aMimeWrappedOutputExactlyAtTheCapIsAccepted() {
        for (int n : new int[] {CAP, CAP - 1, CAP - 2, CAP - 300}) {
            byte[] b = bytes(n);
            assertArrayEquals(b, DataUri.decode(mime(b), CAP, "replicate", "p1"), n + " bytes");
        }
    }

    @Test
    void oneByteOverTheCapIsRefusedWithOrWithoutLineBreaksOrPadding() {
        byte[] b = bytes(CAP + 1);
        for (String uri : new String[] {mime(b), "data:audio/wav;base64," + Base64.getEncoder().encodeToString(b),
                "data:audio/wav;base64," + Base64.getEncoder().withoutPadding().encodeToString(b)}) {
            AudioFormatException e = assertThrows(AudioFormatException.class, () -> DataUri.decode(uri, CAP, "replicate", "p1"));
            assertTrue(e.getMessage().contains("more than"), e.getMessage());
            assertFalse(e.retryable());
        }
    }

    @Test
    void unpaddedAndMalformedPayloads() {
        byte[] b = bytes(CAP);
        assertArrayEquals(b, DataUri.decode("data:audio/wav;base64," + Base64.getEncoder().withoutPadding().encodeToString(b),
                CAP, "replicate", "p1"));
        assertThrows(AudioFormatException.class, () -> DataUri.decode("data:audio/wav;base64,@@@@", CAP, "replicate", "p1"));
        assertThrows(AudioFormatException.class, () -> DataUri.decode("data:audio/wav;base64", CAP, "replicate", "p1"));
        assertThrows(AudioFormatException.class, () -> DataUri.decode("data:audio/wav,plain", CAP, "replicate", "p1"));
    }
}
