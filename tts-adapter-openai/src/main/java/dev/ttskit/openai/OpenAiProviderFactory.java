package dev.ttskit.openai;

import dev.ttskit.ApiKey;
import dev.ttskit.Settings;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;

import java.util.Optional;

/**
 * Makes the OpenAI speech provider from configuration when {@code OPENAI_API_KEY} or
 * {@code OPENAI_BASE_URL} is set (a compatible server on the LAN needs no key). Found by
 * {@link java.util.ServiceLoader}.
 *
 * <table>
 * <caption>Settings read</caption>
 * <tr><th>name</th><th>meaning</th></tr>
 * <tr><td>OPENAI_API_KEY</td><td>the key; required for OpenAI itself</td></tr>
 * <tr><td>OPENAI_BASE_URL</td><td>the server, with or without /v1; OpenAI's unless set</td></tr>
 * <tr><td>OPENAI_TTS_MODEL</td><td>model for requests that name none; gpt-4o-mini-tts unless set</td></tr>
 * <tr><td>OPENAI_TTS_VOICE</td><td>voice for requests that name none; alloy unless set</td></tr>
 * <tr><td>OPENAI_TTS_PCM_RATE</td><td>the server's raw PCM rate in Hz; 24000 unless set</td></tr>
 * <tr><td>OPENAI_TTS_MAX_CONCURRENT</td><td>calls at once (the router's bulkhead); 64 unless set</td></tr>
 * </table>
 */
public final class OpenAiProviderFactory implements TtsProviderFactory {
    /** Setting that holds the API key; required for OpenAI itself, optional for a compatible server. */
    public static final String API_KEY = "OPENAI_API_KEY";
    /** Setting for the server's URL, with or without {@code /v1}; OpenAI's unless set. */
    public static final String BASE_URL = "OPENAI_BASE_URL";
    /** Setting for the model used when a request names none; {@code gpt-4o-mini-tts} unless set. */
    public static final String MODEL = "OPENAI_TTS_MODEL";
    /** Setting for the voice used when a request names none; {@code alloy} unless set. */
    public static final String VOICE = "OPENAI_TTS_VOICE";
    /** Setting for the server's raw PCM rate in Hz (8000 to 48000); 24000 unless set. */
    public static final String PCM_RATE = "OPENAI_TTS_PCM_RATE";
    /** Setting for how many calls the router runs at once (at least 1); 64 unless set. */
    public static final String MAX_CONCURRENT = "OPENAI_TTS_MAX_CONCURRENT";

    /** After ElevenLabs, before Replicate: a hosted API that answers at once. */
    @Override
    public int priority() {
        return 150;
    }

    @Override
    public String id() {
        return OpenAiProvider.ID;
    }

    /** Empty when neither a key nor a base URL is configured; {@link IllegalArgumentException} naming the setting when one is invalid. */
    @Override
    public Optional<TtsProvider> create(Settings settings) {
        Optional<String> key = settings.get(API_KEY);
        Optional<String> baseUrl = settings.get(BASE_URL);
        if (key.isEmpty() && baseUrl.isEmpty()) return Optional.empty();
        OpenAiProvider.Builder b = OpenAiProvider.builder();
        key.ifPresent(v -> apply(API_KEY, () -> b.apiKey(ApiKey.of(v))));
        baseUrl.ifPresent(v -> apply(BASE_URL, () -> b.baseUrl(v)));
        settings.get(MODEL).ifPresent(v -> apply(MODEL, () -> b.model(v)));
        settings.get(VOICE).ifPresent(v -> apply(VOICE, () -> b.voice(v)));
        settings.get(PCM_RATE).ifPresent(v -> apply(PCM_RATE, () -> b.pcmSampleRate(integer(v))));
        settings.get(MAX_CONCURRENT).ifPresent(v -> apply(MAX_CONCURRENT, () -> b.maxConcurrentCalls(integer(v))));
        try {
            return Optional.of(b.build());
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("OpenAI speech configuration: " + e.getMessage(), e);
        }
    }

    private static int integer(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number: '" + v + "'", e);
        }
    }

    private static void apply(String name, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
