package dev.ttskit.marytts;

import dev.ttskit.Settings;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaryTtsProviderFactoryTest {
    @Test
    void isFoundByServiceLoaderAndNeedsNoConfiguration() {
        TtsProviderFactory factory = ServiceLoader.load(TtsProviderFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.id().equals("marytts"))
                .findFirst().orElseThrow();
        assertTrue(factory.enabledByDefault());
        try (TtsProvider p = factory.create(Settings.of(Map.of())).orElseThrow()) {
            assertEquals("marytts", p.id());
            assertEquals(MaryTtsProvider.DEFAULT_VOICE, ((MaryTtsProvider) p).voiceName());
        }
    }
}
