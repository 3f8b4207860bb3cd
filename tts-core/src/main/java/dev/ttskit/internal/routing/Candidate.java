package dev.ttskit.internal.routing;

import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import org.jspecify.annotations.Nullable;

/**
 * A provider that can serve a request, with the request as that provider must see it.
 *
 * @param provider the provider
 * @param request  its request, checked against the provider's limits; {@code request.format()} is
 *                 what it will produce
 * @param wanted   what the caller asked for (the router converts when it differs)
 * @param rejected why this provider's validation refused the request, or null: the router then
 *                 records the failure when it reaches the candidate, without calling the provider
 */
public record Candidate(TtsProvider provider, ProviderRequest request, AudioFormat wanted, @Nullable TtsException rejected) {
    /** A candidate not (yet) checked against its provider's limits. */
    public Candidate(TtsProvider provider, ProviderRequest request, AudioFormat wanted) {
        this(provider, request, wanted, null);
    }

    public String id() {
        return provider.id();
    }
}
