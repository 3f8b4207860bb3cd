package dev.ttskit.internal.routing;

import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;

/**
 * A provider that can serve a request, with the request as that provider must see it.
 *
 * @param provider the provider
 * @param request  its request; {@code request.format()} is what it will produce
 * @param wanted   what the caller asked for (the router converts when it differs)
 */
public record Candidate(TtsProvider provider, ProviderRequest request, AudioFormat wanted) {
    public String id() {
        return provider.id();
    }
}
