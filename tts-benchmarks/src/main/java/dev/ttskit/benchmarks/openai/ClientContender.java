package dev.ttskit.benchmarks.openai;

import com.google.errorprone.annotations.MustBeClosed;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.benchmarks.elevenlabs.Contender;
import dev.ttskit.openai.OpenAiProvider;

import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls through a whole {@link TtsClient}: validation, routing, breaker, retry and the provider's
 * bulkhead ({@code maxConcurrentCalls}) in front of the adapter. With {@code bulkhead} below the
 * driver's 256 callers, the rest wait in the bulkhead: what an application sees with the default.
 */
final class ClientContender implements Contender {
    private final TtsClient client;
    private final AtomicLong sequence = new AtomicLong();
    private final String name;

    ClientContender(String baseUrl, int bulkhead) {
        OpenAiProvider provider = OpenAiLoad.provider(baseUrl).maxConcurrentCalls(bulkhead).build();
        this.client = TtsClient.builder().provider(provider).httpSettings(OpenAiLoad.HTTP).timeout(OpenAiLoad.CALL_TIMEOUT).build();
        this.name = "client, bulkhead " + bulkhead;
    }

    @Override
    public String name() {
        return name;
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
        return SpeechRequest.builder().text(OpenAiLoad.TEXT + " Call " + sequence.incrementAndGet() + ".")
                .format(OpenAiLoad.FORMAT).build();
    }

    @Override
    public void close() {
        client.close();
    }
}
