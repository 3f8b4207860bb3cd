package dev.ttskit;

import dev.ttskit.audio.AudioFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioFormatTest {

    @ParameterizedTest
    @ValueSource(strings = {"pcm_16000", "pcm_22050", "pcm_24000", "pcm_44100", "pcm_48000", "wav_24000", "mp3_44100_128",
            "mp3_22050_32", "ulaw_8000", "alaw_8000", "opus_48000_64", "aac_24000", "aac_24000_64", "flac_24000", "vorbis_22050",
            "vorbis_24000_96"})
    void providerNamesRoundTrip(String name) {
        assertEquals(name, AudioFormat.parse(name).providerName());
    }

    @Test
    void parsedValuesMatchConstants() {
        assertEquals(AudioFormat.PCM16_24K, AudioFormat.parse("pcm_24000"));
        assertEquals(AudioFormat.MP3_44K_128, AudioFormat.parse("MP3_44100_128"));
        assertEquals(AudioFormat.MULAW_8K, AudioFormat.parse("ulaw_8000"));
        assertEquals(48_000, AudioFormat.parse("pcm_24000").bytesPerSecond());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "pcm", "pcm_", "pcm_abc", "mp3_44100", "flac_44100_16", "aac", "vorbis_22050_64_1", "pcm_1", "pcm_24000_16", "opus_48000_0", "wav_999999"})
    void badNamesAreRejectedWithTheName(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AudioFormat.parse(name));
        assertTrue(e.getMessage().length() > 10);
    }

    @Test
    void impossibleCombinationsFailFast() {
        assertThrows(IllegalArgumentException.class, () -> AudioFormat.of(AudioFormat.Container.MP3, AudioFormat.Encoding.PCM_S16LE, 24_000, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> AudioFormat.of(AudioFormat.Container.WAV, AudioFormat.Encoding.PCM_S16LE, 24_000, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> AudioFormat.mp3(44_100, 0));
        assertThrows(IllegalArgumentException.class, () -> AudioFormat.of(AudioFormat.Container.RAW, AudioFormat.Encoding.PCM_S16LE, 24_000, 1, 128));
    }

    @Test
    void derivedProperties() {
        assertEquals("audio/wav", AudioFormat.WAV_PCM16_24K.mimeType());
        assertEquals("mp3", AudioFormat.MP3_44K_128.fileExtension());
        assertEquals(AudioFormat.PCM16_24K, AudioFormat.WAV_PCM16_24K.withContainer(AudioFormat.Container.RAW));
        assertEquals(AudioFormat.WAV_PCM16_16K, AudioFormat.WAV_PCM16_24K.withSampleRate(16_000));
        assertEquals(16_000, AudioFormat.MP3_44K_128.bytesPerSecond());
        assertTrue(AudioFormat.WAV_PCM16_24K.isPcmBased() && AudioFormat.PCM16_16K.isPcmBased());
        assertTrue(AudioFormat.MULAW_8K.isPcmBased() && AudioFormat.ALAW_8K.isPcmBased());
        assertFalse(AudioFormat.MP3_44K_128.isPcmBased() || AudioFormat.OPUS_48K_64.isPcmBased());
    }

    @Test
    void aacFlacAndVorbisAreRealFormats() {
        assertEquals(AudioFormat.AAC_24K, AudioFormat.parse("aac_24000"));
        assertEquals(AudioFormat.FLAC_24K, AudioFormat.parse("FLAC_24000"));
        assertEquals(AudioFormat.OGG_VORBIS_22K, AudioFormat.parse("vorbis_22050"));
        assertEquals(AudioFormat.Container.ADTS, AudioFormat.AAC_24K.container());
        assertEquals(AudioFormat.Container.OGG, AudioFormat.OGG_VORBIS_24K.container());
        assertEquals("audio/aac", AudioFormat.AAC_24K.mimeType());
        assertEquals("audio/flac", AudioFormat.FLAC_24K.mimeType());
        assertEquals("audio/ogg", AudioFormat.OGG_VORBIS_22K.mimeType());
        assertEquals("aac", AudioFormat.AAC_24K.fileExtension());
        assertEquals("flac", AudioFormat.FLAC_24K.fileExtension());
        assertEquals("ogg", AudioFormat.OGG_VORBIS_22K.fileExtension());
        assertFalse(AudioFormat.AAC_24K.isPcmBased() || AudioFormat.FLAC_24K.isPcmBased() || AudioFormat.OGG_VORBIS_22K.isPcmBased());
        assertEquals(8_000, AudioFormat.AAC_24K.bytesPerSecond(), "64 kbit/s when no bitrate is stated");
        assertThrows(IllegalArgumentException.class, () -> AudioFormat.of(AudioFormat.Container.FLAC, AudioFormat.Encoding.FLAC, 24_000, 1, 64));
        assertThrows(IllegalArgumentException.class, () -> AudioFormat.of(AudioFormat.Container.OGG, AudioFormat.Encoding.AAC, 24_000, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> AudioFormat.of(AudioFormat.Container.ADTS, AudioFormat.Encoding.VORBIS, 24_000, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> AudioFormat.of(AudioFormat.Container.MP3, AudioFormat.Encoding.FLAC, 24_000, 1, 0));
    }
}
