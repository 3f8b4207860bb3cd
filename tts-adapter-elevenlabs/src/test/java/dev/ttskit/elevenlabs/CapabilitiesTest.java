package dev.ttskit.elevenlabs;

import dev.ttskit.ApiKey;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ProviderCapabilities;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapabilitiesTest {

    @Test
    void declaresTheContractsFormatsLimitsAndRanges() {
        ProviderCapabilities c = ElevenLabsProvider.builder().apiKey(ApiKey.of("k")).build().capabilities();

        assertTrue(c.formats().contains(AudioFormat.MP3_44K_128));
        assertTrue(c.formats().contains(AudioFormat.MP3_22K_32));
        assertTrue(c.formats().contains(AudioFormat.PCM16_48K));
        assertTrue(c.formats().contains(AudioFormat.WAV_PCM16_44K));
        assertTrue(c.formats().contains(AudioFormat.MULAW_8K));
        assertTrue(c.formats().contains(AudioFormat.OPUS_48K_64));
        assertFalse(c.formats().contains(AudioFormat.wav(32_000)));
        assertTrue(c.streaming());
        assertTrue(c.timestamps());
        assertFalse(c.voiceCloning());
        assertTrue(c.paid());
        assertFalse(c.local());
        assertEquals(10_000, c.maxChars());
        assertEquals(5, c.maxConcurrentCalls());
        assertTrue(c.supportsLanguage("pt-BR"));
        assertFalse(c.supportsLanguage("vi"));
        assertEquals(0.7, c.parameters().get("speed").min());
        assertEquals(1.2, c.parameters().get("speed").max());
        assertEquals(1.0, c.parameters().get("stability").max());
        assertEquals(1.0, c.parameters().get("similarity_boost").max());
        assertEquals(0.0, c.parameters().get("style").min());
        assertEquals(AudioFormat.WAV_PCM16_24K, c.sourceFormatFor(AudioFormat.WAV_PCM16_24K).orElseThrow());
    }

    @Test
    void limitsAndConcurrencyFollowTheModel() {
        ProviderCapabilities flash = ElevenLabsProvider.builder().apiKey(ApiKey.of("k")).modelId("eleven_flash_v2_5").build().capabilities();
        ProviderCapabilities v3 = ElevenLabsProvider.builder().apiKey(ApiKey.of("k")).modelId("eleven_v3").build().capabilities();
        ProviderCapabilities unknown = ElevenLabsProvider.builder().apiKey(ApiKey.of("k")).modelId("eleven_future").maxConcurrentCalls(15)
                .build().capabilities();

        assertEquals(40_000, flash.maxChars());
        assertEquals(10, flash.maxConcurrentCalls());
        assertTrue(flash.supportsLanguage("vi"));
        assertEquals(3_000, v3.maxChars());
        assertEquals(5_000, unknown.maxChars());
        assertEquals(15, unknown.maxConcurrentCalls());
        assertTrue(unknown.languages().isEmpty());
    }
}
