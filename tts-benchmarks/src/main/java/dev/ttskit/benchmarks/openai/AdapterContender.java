package dev.ttskit.benchmarks.openai;

import com.google.errorprone.annotations.MustBeClosed;
import dev.ttskit.SpeechRequest;
import dev.ttskit.benchmarks.elevenlabs.Contender;
import dev.ttskit.openai.OpenAiProvider;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.ResourceManager;

import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;

/** Calls {@link OpenAiProvider} directly, on the resource manager's shared OkHttp client: the adapter's own cost. */
final class AdapterContender implements Contender {
    private final ResourceManager resources;
    private final OpenAiProvider provider;
    private final ProviderRequest request;
    private final Clock clock = Clock.systemUTC();

    @SuppressWarnings("MustBeClosedChecker")   // the resource manager is closed by close()
    AdapterContender(String baseUrl) {
        this.resources = ResourceManager.builder().httpSettings(OpenAiLoad.HTTP).build();
        this.provider = OpenAiLoad.provider(baseUrl).build();
        SpeechRequest speech = SpeechRequest.builder().text(OpenAiLoad.TEXT).format(OpenAiLoad.FORMAT).build();
        this.request = ProviderRequest.of(OpenAiProvider.ID, speech, Optional.empty(), OpenAiLoad.FORMAT);
    }

    @Override
    public String name() {
        return "adapter";
    }

    @Override
    public int synthesize() {
        return provider.synthesize(request, context()).size();
    }

    @MustBeClosed
    @Override
    public InputStream stream(String voiceId) {
        return provider.stream(request, context());
    }

    private CallContext context() {
        return CallContext.of(OpenAiLoad.CALL_TIMEOUT, clock, new CancellationToken(), resources);
    }

    @Override
    public void close() {
        try (resources) {
            provider.close();
        }
    }
}
