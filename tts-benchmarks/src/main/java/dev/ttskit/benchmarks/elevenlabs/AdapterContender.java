package dev.ttskit.benchmarks.elevenlabs;

import com.google.errorprone.annotations.MustBeClosed;
import dev.ttskit.ApiKey;
import dev.ttskit.SpeechRequest;
import dev.ttskit.elevenlabs.ElevenLabsProvider;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.ResourceManager;
import dev.ttskit.spi.VoiceTarget;

import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;

/** Calls through {@link ElevenLabsProvider} on the resource manager's shared OkHttp client. */
final class AdapterContender implements Contender {
    private final ResourceManager resources;
    private final ElevenLabsProvider provider;
    private final ProviderRequest request;
    private final Clock clock = Clock.systemUTC();

    @SuppressWarnings("MustBeClosedChecker")   // the resource manager is closed by close()
    AdapterContender(String baseUrl) {
        this.resources = ResourceManager.builder().httpSettings(LoadSettings.HTTP).build();
        this.provider = ElevenLabsProvider.builder()
                .apiKey(ApiKey.of(LoadSettings.API_KEY))
                .baseUrl(baseUrl)
                .defaultVoiceId(LoadSettings.VOICE_ID)
                .modelId(LoadSettings.MODEL_ID)
                .build();
        this.request = requestFor(Optional.empty());
    }

    @Override
    public String name() {
        return "adapter";
    }

    @Override
    public int synthesize() {
        return provider.synthesize(request, context()).audio().remaining();
    }

    @MustBeClosed
    @Override
    public InputStream stream(String voiceId) {
        ProviderRequest streamed = voiceId.equals(LoadSettings.VOICE_ID) ? request : requestFor(Optional.of(VoiceTarget.id(voiceId)));
        return provider.stream(streamed, context());
    }

    private CallContext context() {
        return CallContext.of(LoadSettings.CALL_TIMEOUT, clock, new CancellationToken(), resources);
    }

    private static ProviderRequest requestFor(Optional<VoiceTarget> voice) {
        SpeechRequest speech = SpeechRequest.builder().text(LoadSettings.TEXT).format(LoadSettings.FORMAT).build();
        return ProviderRequest.of(ElevenLabsProvider.ID, speech, voice, LoadSettings.FORMAT);
    }

    @Override
    public void close() {
        try (resources) {
            provider.close();
        }
    }
}
