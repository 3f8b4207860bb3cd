package dev.ttskit.replicate;

import dev.ttskit.Settings;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicateProviderFactoryTest {
    private static final String TOKEN = "r8_factory_token_0123";

    private static TtsProviderFactory factory() {
        for (TtsProviderFactory f : ServiceLoader.load(TtsProviderFactory.class)) {
            if (f.id().equals("replicate")) return f;
        }
        throw new AssertionError("no replicate factory registered");
    }

    @Test
    void isFoundByServiceLoaderAndNeedsAToken() {
        TtsProviderFactory f = factory();
        assertInstanceOf(ReplicateProviderFactory.class, f);
        assertFalse(f.enabledByDefault());
        assertTrue(f.create(Settings.of(Map.of())).isEmpty());
    }

    @Test
    void readsEverySetting() {
        Settings s = Settings.layered(Map.of("REPLICATE_API_TOKEN", TOKEN),
                Map.of("ttskit.replicate.model", "lucataco/xtts-v2:684bc3855b37866c0c65add2ff39c78f3dea3f4ff103a436465326e0f438d55e"),
                Map.of("REPLICATE_BASE_URL", "http://127.0.0.1:9/",
                        "REPLICATE_WEBHOOK_URL", "https://hooks.example.com/replicate",
                        "REPLICATE_WEBHOOK_SECRET", "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"));
        try (TtsProvider p = factory().create(s).orElseThrow()) {
            ReplicateProvider r = assertInstanceOf(ReplicateProvider.class, p);
            assertEquals(CompletionStrategy.WEBHOOK, r.completionStrategy());
            assertTrue(r.capabilities().voiceCloning(), "xtts-v2 mapping chosen from the model setting");
            assertTrue(r.toString().contains("http://127.0.0.1:9/"), r.toString());
            assertFalse(r.toString().contains(TOKEN));
        }
        try (TtsProvider p = factory().create(Settings.of(Map.of("REPLICATE_API_TOKEN", TOKEN))).orElseThrow()) {
            ReplicateProvider r = (ReplicateProvider) p;
            assertEquals(CompletionStrategy.SYNC, r.completionStrategy());
            assertTrue(r.toString().contains(ReplicateProviderFactory.DEFAULT_MODEL));
            assertTrue(r.toString().contains("https://api.replicate.com/"), r.toString());
        }
        try (TtsProvider p = factory().create(Settings.of(Map.of("REPLICATE_API_TOKEN", TOKEN, "REPLICATE_COMPLETION", "polling"))).orElseThrow()) {
            assertEquals(CompletionStrategy.POLLING, ((ReplicateProvider) p).completionStrategy());
        }
    }

    @Test
    void invalidSettingsFailFastWithoutEchoingSecrets() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> factory().create(
                Settings.of(Map.of("REPLICATE_API_TOKEN", TOKEN, "REPLICATE_WEBHOOK_SECRET", "whsec_!!notbase64!!"))));
        assertFalse(e.getMessage().contains("notbase64"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> factory().create(
                Settings.of(Map.of("REPLICATE_API_TOKEN", TOKEN, "REPLICATE_MODEL", "no-slash"))));
        assertThrows(IllegalArgumentException.class, () -> factory().create(
                Settings.of(Map.of("REPLICATE_API_TOKEN", TOKEN, "REPLICATE_WEBHOOK_URL", "http://plain.example.com/x"))));
        assertThrows(IllegalArgumentException.class, () -> factory().create(
                Settings.of(Map.of("REPLICATE_API_TOKEN", TOKEN, "REPLICATE_COMPLETION", "webhook"))));
        assertThrows(IllegalArgumentException.class, () -> factory().create(
                Settings.of(Map.of("REPLICATE_API_TOKEN", TOKEN, "REPLICATE_COMPLETION", "carrier-pigeon"))));
    }

    @Test
    void limitsAreSettingsTooAndBadOnesNameTheSettingAndValue() {
        try (TtsProvider p = factory().create(Settings.of(Map.of("REPLICATE_API_TOKEN", TOKEN, "REPLICATE_MAX_DOWNLOAD_BYTES", "2097152",
                "REPLICATE_WEBHOOK_PATIENCE", "2m", "REPLICATE_SYNC_WAIT", "30s"))).orElseThrow()) {
            assertInstanceOf(ReplicateProvider.class, p);
        }
        Map<String, String> bad = Map.of("REPLICATE_MAX_DOWNLOAD_BYTES", "12", "REPLICATE_WEBHOOK_PATIENCE", "never",
                "REPLICATE_SYNC_WAIT", "90s");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> factory().create(
                    Settings.of(Map.of("REPLICATE_API_TOKEN", TOKEN, e.getKey(), e.getValue()))));
            assertTrue(x.getMessage().contains(e.getKey()), x.getMessage());
            assertTrue(x.getMessage().contains(e.getValue().replace("s", "")), x.getMessage());
        }
    }
}
