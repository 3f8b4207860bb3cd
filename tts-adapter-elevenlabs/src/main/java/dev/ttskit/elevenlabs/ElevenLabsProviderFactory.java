package dev.ttskit.elevenlabs;

import dev.ttskit.ApiKey;
import dev.ttskit.Settings;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;

import java.util.Optional;

/**
 * Makes the ElevenLabs provider from {@code ELEVENLABS_API_KEY} (required), {@code ELEVENLABS_BASE_URL},
 * {@code ELEVENLABS_VOICE_ID} and {@code ELEVENLABS_MODEL_ID}. Found by {@link java.util.ServiceLoader}.
 */
public final class ElevenLabsProviderFactory implements TtsProviderFactory {
    /** Setting that holds the API key; without it {@link #create} makes no provider. */
    public static final String API_KEY = "ELEVENLABS_API_KEY";
    /** Setting for the API's base URL (an {@code http} or {@code https} URL); optional, for proxies and tests. */
    public static final String BASE_URL = "ELEVENLABS_BASE_URL";
    /** Setting for the voice used when a request names none; optional. */
    public static final String VOICE_ID = "ELEVENLABS_VOICE_ID";
    /** Setting for the model used when a request names none; optional. */
    public static final String MODEL_ID = "ELEVENLABS_MODEL_ID";

    @Override
    public String id() {
        return ElevenLabsProvider.ID;
    }

    /** First: the lowest latency and the best voices when a key is configured. */
    @Override
    public int priority() {
        return 100;
    }

    /** Empty when no key is configured; {@link IllegalArgumentException} naming the setting when one is invalid. */
    @Override
    public Optional<TtsProvider> create(Settings settings) {
        Optional<String> key = settings.get(API_KEY);
        if (key.isEmpty()) return Optional.empty();
        ElevenLabsProvider.Builder b = ElevenLabsProvider.builder();
        try {
            b.apiKey(ApiKey.of(key.get()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(API_KEY + ": " + e.getMessage(), e);
        }
        settings.get(BASE_URL).ifPresent(v -> apply(BASE_URL, () -> b.baseUrl(v)));
        settings.get(VOICE_ID).ifPresent(v -> apply(VOICE_ID, () -> b.defaultVoiceId(v)));
        settings.get(MODEL_ID).ifPresent(v -> apply(MODEL_ID, () -> b.modelId(v)));
        return Optional.of(b.build());
    }

    private static void apply(String name, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
