package dev.ttskit.benchmarks.routing;

import dev.ttskit.AudioStream;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechResult;
import dev.ttskit.Voice;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.testkit.MockAudio;

import java.time.Duration;
import java.util.List;

/**
 * Answers at once with prepared audio (or fails at once), so a benchmark measures only the router.
 * Half a second of tone: long enough for the benchmarks' sentence to pass the router's duration check.
 */
final class InstantProvider implements TtsProvider {
    private static final ProviderCapabilities CAPABILITIES = ProviderCapabilities.builder()
            .formats(AudioFormat.WAV_PCM16_24K).streaming(false).maxChars(5_000).maxConcurrentCalls(64).build();

    private final String id;
    private final SpeechResult answer;
    private final boolean failing;

    InstantProvider(String id, boolean failing) {
        this.id = id;
        this.failing = failing;
        this.answer = SpeechResult.builder().audio(MockAudio.tone(AudioFormat.WAV_PCM16_24K, Duration.ofMillis(500)))
                .format(AudioFormat.WAV_PCM16_24K).provider(id).providerRequestId(id + "-1").build();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
        if (failing) throw ProviderUnavailableException.builder("HTTP 503").provider(id).build();
        return answer;
    }

    @Override
    public AudioStream stream(ProviderRequest request, CallContext ctx) {
        return TtsProvider.streamOf(synthesize(request, ctx));
    }

    @Override
    public List<Voice> voices(CallContext ctx) {
        return List.of();
    }

    @Override
    public void close() {
        // Holds nothing.
    }
}
