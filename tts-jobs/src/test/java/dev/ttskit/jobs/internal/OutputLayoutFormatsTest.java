package dev.ttskit.jobs.internal;

import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.audio.AudioFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A job joins chunks byte-wise: AAC, FLAC and Ogg Vorbis files cannot be joined that way, and are refused by name. */
class OutputLayoutFormatsTest {

    @Test
    void containersWithHeadersOfTheirOwnAreRefusedNamingTheFormat() {
        for (AudioFormat f : new AudioFormat[] {AudioFormat.AAC_24K, AudioFormat.FLAC_24K, AudioFormat.OGG_VORBIS_22K, AudioFormat.OPUS_48K_64}) {
            UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class, () -> OutputLayout.of(f));
            assertTrue(e.getMessage().contains(f.providerName()) && e.getMessage().contains("cannot be joined"), e.getMessage());
        }
    }

    @Test
    void whatCanBeJoinedStillIs() {
        assertEquals(AudioFormat.WAV_PCM16_24K, OutputLayout.of(AudioFormat.WAV_PCM16_24K).format());
        assertEquals(AudioFormat.MP3_44K_128, OutputLayout.of(AudioFormat.MP3_44K_128).format());
    }
}
