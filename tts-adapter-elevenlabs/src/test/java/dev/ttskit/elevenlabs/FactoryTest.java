package dev.ttskit.elevenlabs;

import dev.ttskit.ApiKey;
import dev.ttskit.Settings;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FactoryTest {
    private static final String KEY = "sk_factory_secret_42";

    @Test
    void serviceLoaderFindsTheFactoryById() {
        boolean found = ServiceLoader.load(TtsProviderFactory.class).stream()
                .anyMatch(p -> p.get().id().equals("elevenlabs") && p.type() == ElevenLabsProviderFactory.class);
        assertTrue(found);
        assertFalse(new ElevenLabsProviderFactory().enabledByDefault());
    }

    @Test
    void noKeyMeansNoProvider() {
        assertTrue(new ElevenLabsProviderFactory().create(Settings.of(Map.of())).isEmpty());
        assertTrue(new ElevenLabsProviderFactory().create(Settings.of(Map.of("ELEVENLABS_API_KEY", "  "))).isEmpty());
    }

    @Test
    void settingsConfigureKeyHostVoiceAndModel() {
        Settings settings = Settings.layered(Map.of(),
                Map.of("ttskit.elevenlabs.model.id", "eleven_flash_v2_5"),
                Map.of("ELEVENLABS_API_KEY", KEY, "ELEVENLABS_BASE_URL", "https://api.eu.residency.elevenlabs.io/v1/",
                        "ELEVENLABS_VOICE_ID", "JBFqnCBsd6RMkjVDRZzb", "ELEVENLABS_MODEL_ID", "eleven_v3"));

        try (TtsProvider p = new ElevenLabsProviderFactory().create(settings).orElseThrow()) {
            ElevenLabsProvider e = (ElevenLabsProvider) p;
            assertEquals("https://api.eu.residency.elevenlabs.io/", e.baseUrl());
            assertEquals("JBFqnCBsd6RMkjVDRZzb", e.defaultVoiceId());
            assertEquals("eleven_flash_v2_5", e.modelId(), "the system property wins over the environment");
            assertEquals(40_000, e.capabilities().maxChars());
            assertFalse(e.toString().contains(KEY));
        }
    }

    @Test
    void invalidSettingsNameTheSettingButNotTheKey() {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class, () -> new ElevenLabsProviderFactory()
                .create(Settings.of(Map.of("ELEVENLABS_API_KEY", KEY, "ELEVENLABS_BASE_URL", "ftp://nope"))));
        assertTrue(url.getMessage().startsWith("ELEVENLABS_BASE_URL"), url.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class, () -> new ElevenLabsProviderFactory()
                .create(Settings.of(Map.of("ELEVENLABS_API_KEY", "sk with space"))));
        assertTrue(key.getMessage().startsWith("ELEVENLABS_API_KEY"));
        assertFalse(key.getMessage().contains("sk with space"));
        IllegalArgumentException model = assertThrows(IllegalArgumentException.class, () -> new ElevenLabsProviderFactory()
                .create(Settings.of(Map.of("ELEVENLABS_API_KEY", KEY, "ELEVENLABS_MODEL_ID", "bad model"))));
        assertTrue(model.getMessage().startsWith("ELEVENLABS_MODEL_ID"));
    }

    @Test
    void builderFailsFastWithTheBadValue() {
        assertThrows(IllegalStateException.class, () -> ElevenLabsProvider.builder().build());
        ElevenLabsProvider.Builder b = ElevenLabsProvider.builder().apiKey(ApiKey.of(KEY));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.maxConcurrentCalls(0)).getMessage().contains("0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.inactivityTimeout(java.time.Duration.ofSeconds(181)))
                .getMessage().contains("PT3M1S"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.chunkLengthSchedule(java.util.List.of(120, 40)))
                .getMessage().contains("40"));
        assertThrows(IllegalStateException.class, () -> ElevenLabsProvider.builder().apiKey(ApiKey.of(KEY))
                .keepAliveInterval(java.time.Duration.ofSeconds(25)).build());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VoiceSettings.builder().speed(1.5)).getMessage().contains("1.5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VoiceSettings.builder().stability(-1)).getMessage().contains("-1"));
    }
}
