package dev.ttskit.audio;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AudioConcatTest {

    private static PcmAudio constant(float value, int frames, int channels) {
        float[] s = new float[frames * channels];
        Arrays.fill(s, value);
        return PcmAudio.of(s, 1_000, channels);
    }

    @Test
    void plainConcatenationKeepsEverySample() {
        PcmAudio a = PcmAudio.of(new float[] {0.1f, 0.2f}, 8_000, 1);
        PcmAudio b = PcmAudio.of(new float[] {0.3f}, 8_000, 1);
        PcmAudio out = AudioConcat.concat(List.of(a, b, a), Duration.ZERO, Duration.ZERO);
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.1f, 0.2f}, out.samples());
        assertEquals(8_000, out.sampleRate());
    }

    @Test
    void gapInsertsSilenceBetweenParts() {
        PcmAudio a = constant(0.5f, 3, 2);
        PcmAudio out = AudioConcat.concat(List.of(a, a), Duration.ofMillis(2), Duration.ZERO);   // 2 frames at 1 kHz
        assertEquals(8, out.frames());
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0f, 0f, 0f, 0f,
            0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f}, out.samples());
    }

    @Test
    void crossfadeOverlapsWithEqualPowerCurves() {
        PcmAudio a = constant(1f, 100, 1);
        PcmAudio b = constant(-1f, 100, 1);
        PcmAudio out = AudioConcat.concat(List.of(a, b), Duration.ZERO, Duration.ofMillis(10));
        assertEquals(190, out.frames());
        float[] s = out.samples();
        assertEquals(1f, s[89]);
        assertEquals(-1f, s[100]);
        for (int f = 0; f < 10; f++) {
            double theta = Math.PI / 2 * (f + 0.5) / 10;
            assertEquals(Math.cos(theta) - Math.sin(theta), s[90 + f], 1e-6, "frame " + f);
        }
        // Equal power: the two gains' squares always sum to one.
        PcmAudio ones = AudioConcat.concat(List.of(a, constant(1f, 100, 1)), Duration.ZERO, Duration.ofMillis(10));
        for (int f = 0; f < 10; f++) {
            double theta = Math.PI / 2 * (f + 0.5) / 10;
            assertEquals(Math.cos(theta) + Math.sin(theta), ones.samples()[90 + f], 1e-6);
        }
    }

    @Test
    void crossfadeIsClampedToWhatThePartsHave() {
        PcmAudio a = constant(1f, 100, 1);
        PcmAudio shortPart = constant(0.5f, 4, 1);
        // Overlap with a 4-frame part is 4 frames; that part then has nothing left to fade out over.
        PcmAudio out = AudioConcat.concat(List.of(a, shortPart, a), Duration.ZERO, Duration.ofMillis(50));
        assertEquals(100 + 0 + 100, out.frames());
    }

    @Test
    void stereoCrossfadeKeepsChannelsApart() {
        float[] l = {1f, 0f, 1f, 0f, 1f, 0f, 1f, 0f};
        PcmAudio a = PcmAudio.of(l, 1_000, 2);
        PcmAudio out = AudioConcat.concat(List.of(a, a), Duration.ZERO, Duration.ofMillis(2));
        assertEquals(6, out.frames());
        float[] s = out.samples();
        for (int f = 0; f < 6; f++) {
            assertEquals(0f, s[2 * f + 1], "right channel stays silent, frame " + f);
        }
    }

    @Test
    void rejectsMismatchedOrMissingParts() {
        PcmAudio a = PcmAudio.of(new float[4], 16_000, 1);
        assertThrows(IllegalArgumentException.class,
                () -> AudioConcat.concat(List.of(a, PcmAudio.of(new float[4], 24_000, 1)), Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> AudioConcat.concat(List.of(a, PcmAudio.of(new float[4], 16_000, 2)), Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> AudioConcat.concat(List.of(), Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> AudioConcat.concat(List.of(a), Duration.ofMillis(-1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> AudioConcat.concat(List.of(a), Duration.ofMillis(1), Duration.ofMillis(1)));
    }

    @Test
    void singlePartIsReturnedAsIs() {
        PcmAudio a = PcmAudio.of(new float[] {0.1f, 0.2f}, 16_000, 1);
        assertEquals(a, AudioConcat.concat(List.of(a), Duration.ofMillis(5), Duration.ZERO));
    }
}
