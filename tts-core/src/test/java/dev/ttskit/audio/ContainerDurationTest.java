package dev.ttskit.audio;

import dev.ttskit.AudioFormatException;
import dev.ttskit.UnsupportedRequestException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Durations read from the headers of real files (1.5 s of a 330 Hz tone encoded by ffmpeg: AAC in
 * ADTS and FLAC at 24 kHz, Vorbis in Ogg at 22.05 kHz), and bytes that are not the container.
 */
class ContainerDurationTest {

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = ContainerDurationTest.class.getResourceAsStream("/audio/" + name)) {
            if (in == null) throw new IOException("no fixture " + name);
            return in.readAllBytes();
        }
    }

    @Test
    void flacStreamInfoTotalSamples() throws IOException {
        assertEquals(Optional.of(Duration.ofMillis(1500)), ContainerDuration.of(fixture("speech_24k.flac"), AudioFormat.FLAC_24K));
    }

    @Test
    void flacWithAnUnknownTotalHasNoDuration() throws IOException {
        byte[] flac = fixture("speech_24k.flac");
        // STREAMINFO data starts at 8; its total samples are the low 36 bits of bytes 13..17
        flac[8 + 13] &= (byte) 0xF0;
        Arrays.fill(flac, 8 + 14, 8 + 18, (byte) 0);
        assertEquals(Optional.empty(), ContainerDuration.of(flac, AudioFormat.FLAC_24K));
    }

    @Test
    void oggVorbisLastGranuleOverTheRate() throws IOException {
        assertEquals(Optional.of(Duration.ofMillis(1500)), ContainerDuration.of(fixture("speech_22k.ogg"), AudioFormat.OGG_VORBIS_22K));
    }

    @Test
    void oggCutBeforeItsLastPageReadsTheLastWholeGranule() throws IOException {
        byte[] ogg = fixture("speech_22k.ogg");
        Duration cut = ContainerDuration.of(Arrays.copyOf(ogg, ogg.length - 200), AudioFormat.OGG_VORBIS_22K).orElseThrow();
        assertTrue(cut.compareTo(Duration.ofMillis(1500)) < 0 && !cut.isNegative(), cut.toString());
    }

    @Test
    void adtsFramesTimes1024OverTheRate() throws IOException {
        // ffmpeg wrote 37 frames: 36,000 samples plus the encoder's priming frame
        Duration d = ContainerDuration.of(fixture("speech_24k.aac"), AudioFormat.AAC_24K).orElseThrow();
        assertEquals(Duration.ofNanos(37L * 1024 * 1_000_000_000L / 24_000), d);
    }

    @Test
    void aCutFinalAdtsFrameIsNotCounted() throws IOException {
        byte[] aac = fixture("speech_24k.aac");
        Duration d = ContainerDuration.of(Arrays.copyOf(aac, aac.length - 3), AudioFormat.AAC_24K).orElseThrow();
        assertEquals(Duration.ofNanos(36L * 1024 * 1_000_000_000L / 24_000), d);
    }

    @Test
    void bytesThatAreNotTheContainerAreRefused() throws IOException {
        byte[] mp3ish = new byte[400];
        Arrays.fill(mp3ish, (byte) 0x55);
        assertThrows(AudioFormatException.class, () -> ContainerDuration.of(mp3ish, AudioFormat.FLAC_24K));
        assertThrows(AudioFormatException.class, () -> ContainerDuration.of(mp3ish, AudioFormat.AAC_24K));
        assertThrows(AudioFormatException.class, () -> ContainerDuration.of(mp3ish, AudioFormat.OGG_VORBIS_22K));
        assertThrows(AudioFormatException.class, () -> ContainerDuration.of(fixture("speech_24k.flac"), AudioFormat.AAC_24K));
        assertThrows(AudioFormatException.class, () -> ContainerDuration.of(new byte[0], AudioFormat.FLAC_24K));
        assertThrows(IllegalArgumentException.class, () -> ContainerDuration.of(mp3ish, AudioFormat.MP3_44K_128));
    }

    @Test
    void noConversionToOrFromThem() throws IOException {
        byte[] flac = fixture("speech_24k.flac");
        assertThrows(UnsupportedRequestException.class, () -> AudioConverter.convert(flac, AudioFormat.FLAC_24K, AudioFormat.PCM16_24K));
        byte[] pcm = new byte[4800];
        assertThrows(UnsupportedRequestException.class, () -> AudioConverter.convert(pcm, AudioFormat.PCM16_24K, AudioFormat.AAC_24K));
        assertThrows(UnsupportedRequestException.class, () -> AudioConverter.convert(pcm, AudioFormat.PCM16_24K, AudioFormat.OGG_VORBIS_22K));
    }
}
