package dev.ttskit.audio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class G711Test {

    @Test
    void knownCodesDecodeToTheReferenceValues() {
        assertEquals(0, G711.ulawToLinear((byte) 0xFF));
        assertEquals(0, G711.ulawToLinear((byte) 0x7F));
        assertEquals(32_124, G711.ulawToLinear((byte) 0x80));
        assertEquals(-32_124, G711.ulawToLinear((byte) 0x00));
        assertEquals(8, G711.alawToLinear((byte) 0xD5));
        assertEquals(-8, G711.alawToLinear((byte) 0x55));
        assertEquals(32_256, G711.alawToLinear((byte) 0xAA));
        assertEquals(-32_256, G711.alawToLinear((byte) 0x2A));
    }

    @Test
    void knownSamplesEncodeToTheReferenceCodes() {
        assertEquals((byte) 0xFF, G711.linearToUlaw(0));
        assertEquals((byte) 0x80, G711.linearToUlaw(32_767));
        assertEquals((byte) 0x00, G711.linearToUlaw(-32_768));
        assertEquals((byte) 0xD5, G711.linearToAlaw(0));
        assertEquals((byte) 0xAA, G711.linearToAlaw(32_767));
        assertEquals((byte) 0x2A, G711.linearToAlaw(-32_768));
    }

    @Test
    void everyCodeSurvivesDecodeThenEncode() {
        for (int c = 0; c < 256; c++) {
            byte code = (byte) c;
            if (c != 0x7F) {   // µ-law has two zeros; 0 encodes as 0xFF
                assertEquals(code, G711.linearToUlaw(G711.ulawToLinear(code)), "µ-law " + c);
            }
            assertEquals(code, G711.linearToAlaw(G711.alawToLinear(code)), "A-law " + c);
        }
    }

    @Test
    void encodingIsMonotonicAndCloseToTheInput() {
        int previousU = Integer.MIN_VALUE;
        int previousA = Integer.MIN_VALUE;
        for (int v = -32_768; v <= 32_767; v++) {
            int u = G711.ulawToLinear(G711.linearToUlaw(v));
            int a = G711.alawToLinear(G711.linearToAlaw(v));
            int at = v;
            assertTrue(u >= previousU && a >= previousA, () -> "monotonic at " + at);
            // Companding error stays within one step of the coarsest segment.
            assertTrue(Math.abs(u - v) <= 1_024 && Math.abs(a - v) <= 1_024, () -> "error at " + at + ": " + u + ", " + a);
            previousU = u;
            previousA = a;
        }
    }
}
