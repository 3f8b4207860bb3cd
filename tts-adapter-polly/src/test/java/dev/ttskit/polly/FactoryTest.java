package dev.ttskit.polly;

import dev.ttskit.Settings;
import dev.ttskit.spi.TtsProviderFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FactoryTest {
    private final PollyProviderFactory factory = new PollyProviderFactory();

    @Test
    void foundByServiceLoader() {
        assertTrue(ServiceLoader.load(TtsProviderFactory.class).stream().anyMatch(p -> p.type() == PollyProviderFactory.class));
        assertEquals("polly", factory.id());
    }

    @Test
    void aRegionAloneDoesNotTurnPollyOn() {
        // what every Lambda, ECS task and CodeBuild job has without ever asking for Polly
        assertTrue(factory.create(Settings.of(Map.of("AWS_REGION", "us-east-1"))).isEmpty());
        assertTrue(factory.create(Settings.of(Map.of("AWS_REGION", "us-east-1", "POLLY_VOICE_ID", "Matthew"))).isEmpty());
        assertTrue(factory.create(Settings.of(Map.of("AWS_REGION", "us-east-1", "TTSKIT_POLLY_ENABLED", "false"))).isEmpty());
        assertTrue(factory.create(Settings.of(Map.of("POLLY_VOICE_ID", "Matthew"))).isEmpty());
    }

    @Test
    void enabledTurnsItOnAndNeedsARegion() {
        try (PollyProvider p = (PollyProvider) factory.create(Settings.of(Map.of("TTSKIT_POLLY_ENABLED", "true",
                "AWS_REGION", "us-east-1"))).orElseThrow()) {
            assertEquals("polly", p.id());
        }
        IllegalArgumentException noRegion = assertThrows(IllegalArgumentException.class,
                () -> factory.create(Settings.of(Map.of("TTSKIT_POLLY_ENABLED", "true"))));
        assertTrue(noRegion.getMessage().startsWith("TTSKIT_POLLY_ENABLED") && noRegion.getMessage().contains("AWS_REGION"),
                noRegion.getMessage());
        IllegalArgumentException notAFlag = assertThrows(IllegalArgumentException.class,
                () -> factory.create(Settings.of(Map.of("TTSKIT_POLLY_ENABLED", "maybe", "AWS_REGION", "us-east-1"))));
        assertTrue(notAFlag.getMessage().startsWith("TTSKIT_POLLY_ENABLED"), notAFlag.getMessage());
    }

    @Test
    void regionVoiceEngineAndEndpoint() {
        try (PollyProvider p = (PollyProvider) factory.create(Settings.of(Map.of("TTSKIT_POLLY_ENABLED", "true", "AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:1/", "POLLY_VOICE_ID", "Matthew", "POLLY_ENGINE", "generative",
                "POLLY_MAX_CONCURRENT", "3"))).orElseThrow()) {
            assertEquals("Matthew", p.voice());
            assertEquals("generative", p.engine());
            assertEquals(3, p.capabilities().maxConcurrentCalls());
            assertTrue(p.toString().contains("eu-west-1"));
            assertFalse(p.toString().contains("AKID"), "no credentials in toString");
        }
    }

    @Test
    void badSettingsNameTheSetting() {
        IllegalArgumentException region = assertThrows(IllegalArgumentException.class,
                () -> factory.create(Settings.of(Map.of("TTSKIT_POLLY_ENABLED", "on", "AWS_REGION", "Not A Region"))));
        assertTrue(region.getMessage().startsWith("AWS_REGION"), region.getMessage());
        IllegalArgumentException endpoint = assertThrows(IllegalArgumentException.class,
                () -> factory.create(Settings.of(Map.of("TTSKIT_POLLY_ENABLED", "true", "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_POLLY", "ftp://x"))));
        assertTrue(endpoint.getMessage().startsWith("AWS_ENDPOINT_URL_POLLY"), endpoint.getMessage());
        IllegalArgumentException engine = assertThrows(IllegalArgumentException.class,
                () -> factory.create(Settings.of(Map.of("TTSKIT_POLLY_ENABLED", "true", "AWS_REGION", "us-east-1", "POLLY_ENGINE", "Neural Plus"))));
        assertTrue(engine.getMessage().startsWith("POLLY_ENGINE"), engine.getMessage());
    }
}
