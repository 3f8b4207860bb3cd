package dev.ttskit.benchmarks.routing;

import com.google.errorprone.annotations.MustBeClosed;
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
 * It may declare that it honours its deadline because it truly returns at once; built without the
 * declaration it stands for a third-party provider the router must call on a worker.
 */
final class InstantProvider implements TtsProvider {
    private static final ProviderCapabilities DECLARING = ProviderCapabilities.builder()
            .formats(AudioFormat.WAV_PCM16_24K).streaming(false).maxChars(5_000).maxConcurrentCalls(64).honoursDeadline(true).build();
    private static final ProviderCapabilities NOT_DECLARING = DECLARING.toBuilder().honoursDeadline(false).build();

    private final String id;
    private final SpeechResult answer;
    private final boolean failing;
    private final ProviderCapabilities capabilities;

    InstantProvider(String id, boolean failing) {
        this(id, failing, true);
    }

    InstantProvider(String id, boolean failing, boolean honoursDeadline) {
        this.id = id;
        this.failing = failing;
        this.capabilities = honoursDeadline ? DECLARING : NOT_DECLARING;
        this.answer = SpeechResult.builder().audio(MockAudio.tone(AudioFormat.WAV_PCM16_24K, Duration.ofMillis(500)))
                .format(AudioFormat.WAV_PCM16_24K).provider(id).providerRequestId(id + "-1").build();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
        if (failing) throw ProviderUnavailableException.builder("HTTP 503").provider(id).build();
        return answer;
    }

    @MustBeClosed
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
