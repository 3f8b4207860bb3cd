package dev.ttskit.benchmarks.elevenlabs;

import com.google.errorprone.annotations.MustBeClosed;
import dev.ttskit.ApiKey;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.elevenlabs.ElevenLabsProvider;

import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls through a whole {@link TtsClient} exactly as an application builds one: the ElevenLabs
 * provider with its defaults (model, bulkhead, nothing raised) and the client with its defaults
 * (validation, routing, breaker, retry, audio checks, the adaptive limit and the shared HTTP pool).
 * Only the base URL and the key are set.
 */
final class ClientContender implements Contender {
    private final TtsClient client;
    private final AtomicLong sequence = new AtomicLong();

    ClientContender(String baseUrl) {
        ElevenLabsProvider provider = ElevenLabsProvider.builder().apiKey(ApiKey.of(LoadSettings.API_KEY)).baseUrl(baseUrl).build();
        this.client = TtsClient.builder().provider(provider).build();
    }

    @Override
    public String name() {
        return "TtsClient";
    }

    @Override
    public int synthesize() {
        return client.synthesize(next()).size();
    }

    @MustBeClosed
    @Override
    public InputStream stream(String voiceId) {
        return client.stream(next());
    }

    /**
     * Every call a text of its own, as an application's differ: identical requests in flight would
     * share one provider call (single flight), and the comparison would measure that instead.
     */
    private SpeechRequest next() {
        return SpeechRequest.builder().text(LoadSettings.TEXT + " Call " + sequence.incrementAndGet() + ".")
                .format(LoadSettings.FORMAT).build();
    }

    @Override
    public void close() {
        client.close();
    }
}
