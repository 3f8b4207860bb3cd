package dev.ttskit.audio;

import dev.ttskit.AudioFormatException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcmAudioTest {

    @Test
    void isImmutable() {
        float[] s = {0.1f, 0.2f, 0.3f, 0.4f};
        PcmAudio a = PcmAudio.of(s, 16_000, 2);
        s[0] = 9f;
        assertEquals(0.1f, a.samples()[0]);
        a.samples()[1] = 9f;
        assertEquals(0.2f, a.samples()[1]);
    }

    @Test
    void describesItsLayout() {
        PcmAudio a = PcmAudio.of(new float[2 * 36_000], 24_000, 2);
        assertEquals(36_000, a.frames());
        assertEquals(24_000, a.sampleRate());
        assertEquals(2, a.channels());
        assertEquals(Duration.ofMillis(1_500), a.duration());
        assertEquals(Duration.ofNanos(45_351), PcmAudio.of(new float[1], 22_050, 1).duration());
        assertEquals("PcmAudio[36000 frames, 24000 Hz, 2 ch]", a.toString());
    }

    @Test
    void rejectsBadLayouts() {
        assertThrows(IllegalArgumentException.class, () -> PcmAudio.of(new float[3], 16_000, 2));
        assertThrows(IllegalArgumentException.class, () -> PcmAudio.of(new float[2], 0, 1));
        assertThrows(IllegalArgumentException.class, () -> PcmAudio.of(new float[2], 768_001, 1));
        assertThrows(IllegalArgumentException.class, () -> PcmAudio.of(new float[2], 16_000, 0));
        assertThrows(IllegalArgumentException.class, () -> PcmAudio.of(new float[33], 16_000, 33));
        assertThrows(NullPointerException.class, () -> PcmAudio.of(null, 16_000, 1));
    }

    @Test
    void pcm16RoundTripIsExact() {
        byte[] pcm = new byte[2 * 65_536];
        for (int v = -32_768, p = 0; v <= 32_767; v++, p += 2) {
            pcm[p] = (byte) v;
            pcm[p + 1] = (byte) (v >> 8);
        }
        PcmAudio a = PcmAudio.fromPcm16(pcm, 8_000, 1);
        assertEquals(-1f, a.samples()[0]);
        assertEquals(0f, a.samples()[32_768]);
        assertArrayEquals(pcm, a.toPcm16());
    }

    @Test
    void toPcm16ClipsAndRounds() {
        PcmAudio a = PcmAudio.of(new float[] {2f, -2f, 1f, -1f, 0.5f, Float.NaN, 1.5f / 32768f}, 8_000, 1);
        byte[] b = a.toPcm16();
        short[] v = new short[b.length / 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = (short) ((b[2 * i] & 0xFF) | (b[2 * i + 1] << 8));
        }
        assertArrayEquals(new short[] {32_767, -32_768, 32_767, -32_768, 16_384, 0, 2}, v);
    }

    @Test
    void fromPcm16RejectsPartialFrames() {
        assertThrows(AudioFormatException.class, () -> PcmAudio.fromPcm16(new byte[3], 16_000, 1));
        assertThrows(AudioFormatException.class, () -> PcmAudio.fromPcm16(new byte[6], 16_000, 2));
        assertEquals(0, PcmAudio.fromPcm16(new byte[0], 16_000, 1).frames());
    }

    @Test
    void toMonoAveragesChannels() {
        PcmAudio st = PcmAudio.of(new float[] {0.2f, 0.4f, -1f, 1f, 0.5f, 0.5f}, 16_000, 2);
        PcmAudio mono = st.toMono();
        assertEquals(1, mono.channels());
        assertEquals(16_000, mono.sampleRate());
        assertArrayEquals(new float[] {0.3f, 0f, 0.5f}, mono.samples(), 1e-7f);
        assertSame(mono, mono.toMono());
    }

    @Test
    void equalityIsByContent() {
        PcmAudio a = PcmAudio.of(new float[] {0.1f, 0.2f}, 16_000, 1);
        assertEquals(a, PcmAudio.of(new float[] {0.1f, 0.2f}, 16_000, 1));
        assertEquals(a.hashCode(), PcmAudio.of(new float[] {0.1f, 0.2f}, 16_000, 1).hashCode());
        assertNotEquals(a, PcmAudio.of(new float[] {0.1f, 0.2f}, 16_001, 1));
        assertNotEquals(a, PcmAudio.of(new float[] {0.1f, 0.2f}, 16_000, 2));
        assertNotEquals(a, PcmAudio.of(new float[] {0.1f, 0.3f}, 16_000, 1));
        assertTrue(PcmAudio.of(new float[0], 8_000, 1).isEmpty());
    }
}
