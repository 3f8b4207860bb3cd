package dev.ttskit.openai;

import dev.ttskit.Settings;
import dev.ttskit.TtsClient;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FactoryTest {
    private final OpenAiProviderFactory factory = new OpenAiProviderFactory();

    @Test
    void foundByServiceLoader() {
        assertTrue(ServiceLoader.load(TtsProviderFactory.class).stream().anyMatch(p -> p.type() == OpenAiProviderFactory.class));
        assertEquals("openai", factory.id());
    }

    @Test
    void nothingConfiguredMakesNothing() {
        assertTrue(factory.create(Settings.of(Map.of())).isEmpty());
    }

    @Test
    void keyModelAndVoice() {
        TtsProvider p = factory.create(Settings.of(Map.of("OPENAI_API_KEY", "sk-1", "OPENAI_TTS_MODEL", "tts-1-hd",
                "OPENAI_TTS_VOICE", "nova"))).orElseThrow();
        OpenAiProvider openAi = (OpenAiProvider) p;
        assertEquals("tts-1-hd", openAi.model());
        assertEquals("nova", openAi.voice());
        assertEquals("https://api.openai.com/", openAi.baseUrl());
        assertFalse(openAi.compatibleServer());
    }

    @Test
    void aBaseUrlAloneIsACompatibleServer() {
        OpenAiProvider p = (OpenAiProvider) factory.create(Settings.of(Map.of("OPENAI_BASE_URL", "http://127.0.0.1:8880/v1",
                "OPENAI_TTS_PCM_RATE", "22050", "OPENAI_TTS_MAX_CONCURRENT", "4"))).orElseThrow();
        assertTrue(p.compatibleServer());
        assertEquals("http://127.0.0.1:8880/", p.baseUrl());
        assertTrue(p.capabilities().formats().contains(dev.ttskit.audio.AudioFormat.PCM16_22K));
        assertEquals(4, p.capabilities().maxConcurrentCalls());
    }

    @Test
    void badSettingsNameTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> factory.create(Settings.of(Map.of("OPENAI_BASE_URL", "ftp://x"))));
        assertTrue(e.getMessage().startsWith("OPENAI_BASE_URL"), e.getMessage());
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> factory.create(Settings.of(Map.of("OPENAI_API_KEY", "sk-1", "OPENAI_TTS_PCM_RATE", "fast"))));
        assertTrue(rate.getMessage().startsWith("OPENAI_TTS_PCM_RATE"), rate.getMessage());
        IllegalArgumentException voice = assertThrows(IllegalArgumentException.class,
                () -> factory.create(Settings.of(Map.of("OPENAI_API_KEY", "sk-1", "OPENAI_TTS_MODEL", "tts-1", "OPENAI_TTS_VOICE", "cedar"))));
        assertTrue(voice.getMessage().contains("cedar"), voice.getMessage());
    }

    @Test
    void fromSettingsTheClientPutsOpenAiInTheChain() {
        try (TtsClient tts = TtsClient.builder().settings(Settings.of(Map.of("OPENAI_API_KEY", "sk-1",
                "TTSKIT_PROVIDERS", "openai"))).build()) {
            assertEquals(List.of("openai"), tts.health().stream().map(h -> h.provider()).toList());
        }
    }
}
