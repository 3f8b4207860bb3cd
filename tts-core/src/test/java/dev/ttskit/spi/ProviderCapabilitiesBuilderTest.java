package dev.ttskit.spi;

import dev.ttskit.audio.AudioFormat;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The builder's format setter replaces, so a copy can narrow what a provider offers. */
class ProviderCapabilitiesBuilderTest {

    @Test
    void formatsOnACopyReplaceTheCopiedFormats() {
        ProviderCapabilities wide = ProviderCapabilities.builder()
                .formats(AudioFormat.PCM16_24K, AudioFormat.WAV_PCM16_24K, AudioFormat.MP3_44K_128).streaming(true).build();
        ProviderCapabilities narrow = wide.toBuilder().formats(AudioFormat.MP3_44K_128).build();
        assertEquals(Set.of(AudioFormat.MP3_44K_128), narrow.formats());
        assertEquals(true, narrow.streaming(), "everything else is copied");
        assertEquals(3, wide.formats().size(), "the original is unchanged");
    }

    @Test
    void aSecondCallReplacesTheFirst() {
        ProviderCapabilities caps = ProviderCapabilities.builder().formats(AudioFormat.PCM16_16K)
                .formats(Set.of(AudioFormat.PCM16_24K)).build();
        assertEquals(Set.of(AudioFormat.PCM16_24K), caps.formats());
    }
}
