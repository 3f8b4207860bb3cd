package dev.ttskit.internal.routing;

import dev.ttskit.AudioCheckPolicy;
import dev.ttskit.AudioFormatException;
import dev.ttskit.ErrorCategory;
import dev.ttskit.audio.PcmAudio;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audio checks' edges, below what whole requests through the router reach. */
class AudioCheckEdgeTest {
    /** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: 417 bytes, 1,152 samples. */
    private static final byte[] HEADER_44K = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x00};
    /** The same at 48 kHz: 384 bytes, another stream. */
    private static final byte[] HEADER_48K = {(byte) 0xFF, (byte) 0xFB, (byte) 0x94, 0x00};

    private static byte[] frames(byte[] header, int length, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            byte[] frame = new byte[length];
            System.arraycopy(header, 0, frame, 0, 4);
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    @Test
    void mp3DurationCountsOnlyTheFirstStreamsFramesAfterAnyLeadingBytes() {
        byte[] tenFrames = frames(HEADER_44K, 417, 10);
        assertEquals(Optional.of(Duration.ofNanos(11_520L * 1_000_000_000L / 44_100)), AudioCheck.mp3Duration(tenFrames));

        byte[] afterJunk = concat(new byte[] {1, 2, 3, 0x49, 0x44}, tenFrames);
        assertEquals(AudioCheck.mp3Duration(tenFrames), AudioCheck.mp3Duration(afterJunk), "bytes before the first frame are skipped");

        byte[] thenAnotherStream = concat(tenFrames, frames(HEADER_48K, 384, 5));
        assertEquals(AudioCheck.mp3Duration(tenFrames), AudioCheck.mp3Duration(thenAnotherStream), "another stream's frames are not counted");

        byte[] truncated = concat(tenFrames, new byte[] {(byte) 0xFF, (byte) 0xFB});
        assertEquals(AudioCheck.mp3Duration(tenFrames), AudioCheck.mp3Duration(truncated), "a cut-off header ends the walk");

        assertEquals(Optional.empty(), AudioCheck.mp3Duration(new byte[2048]));
    }

    @Test
    void mp3ChecksNeedFramesAlwaysAndEnoughDurationOnlyWhenChecksAreOn() {
        byte[] oneFrame = frames(HEADER_44K, 417, 1);   // 26 ms
        String text = "A sentence long enough to need far more than one MPEG frame of speech.";
        AudioFormatException shortOne = assertThrows(AudioFormatException.class,
                () -> AudioCheck.checkMp3(oneFrame, text, AudioCheckPolicy.DEFAULT, "p", "r1"));
        assertEquals(ErrorCategory.BAD_AUDIO, shortOne.category());
        assertTrue(shortOne.getMessage().contains("ms of MP3"), shortOne.getMessage());
        assertDoesNotThrow(() -> AudioCheck.checkMp3(oneFrame, text, AudioCheckPolicy.OFF, "p", "r1"));
        AudioFormatException none = assertThrows(AudioFormatException.class,
                () -> AudioCheck.checkMp3(new byte[600], text, AudioCheckPolicy.OFF, "p", "r1"));
        assertTrue(none.getMessage().contains("without a single MPEG frame"), none.getMessage());
    }

    @Test
    void noSamplesAreBadAudioEvenWithChecksOffAndOffSkipsTheRest() {
        PcmAudio empty = PcmAudio.of(new float[0], 24_000, 1);
        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> AudioCheck.check(empty, "Hi.", AudioCheckPolicy.OFF, "p", null));
        assertTrue(e.getMessage().contains("no audio samples"), e.getMessage());
        assertEquals(0, SampleLevels.measure(SampleLevels.floats(empty.samples()), 0, 24_000, 1, -50, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY).activeFraction, "no frames: nothing active");
        PcmAudio silence = PcmAudio.of(new float[24_000], 24_000, 1);
        assertDoesNotThrow(() -> AudioCheck.check(silence, "Hi.", AudioCheckPolicy.OFF, "p", null));
        assertThrows(AudioFormatException.class, () -> AudioCheck.check(silence, "Hi.", AudioCheckPolicy.DEFAULT, "p", null));
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertEquals("250ms", Durations.text(Duration.ofMillis(250)));
        assertEquals("10s", Durations.text(Duration.ofSeconds(10)));
        assertEquals("1.5s", Durations.text(Duration.ofMillis(1500)));
    }
}
