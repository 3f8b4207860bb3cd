package dev.ttskit.internal.routing;

import dev.ttskit.AudioStream;
import dev.ttskit.CacheStats;
import dev.ttskit.LongSpeechResult;
import dev.ttskit.ProgressListener;
import dev.ttskit.ProviderHealth;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.spi.CallCheckpoint;
import dev.ttskit.spi.CancellationToken;

import java.util.List;
import java.util.Optional;
import dev.ttskit.spi.CallContext;
import java.util.function.Supplier;

/** Chooses providers for validated requests and runs the calls. The client's only seam to routing. */
public interface Router extends AutoCloseable {
    SpeechResult synthesize(SpeechRequest request, CancellationToken cancellation);

    /** Like {@link #synthesize(SpeechRequest, CancellationToken)}, with durable notes the adapters may keep. */
    SpeechResult synthesize(SpeechRequest request, CancellationToken cancellation, CallCheckpoint checkpoint);

    /** The chunks {@link #synthesizeLong} would speak this request in. */
    List<String> chunks(SpeechRequest request);

    AudioStream stream(SpeechRequest request, CancellationToken cancellation);

    LongSpeechResult synthesizeLong(SpeechRequest request, ProgressListener progress, CancellationToken cancellation);

    List<ProviderHealth> health();

    /**
     * Runs work on one provider as an attempt of its own (a provider's extras, see
     * {@code TtsClient.call}): the provider's circuit breaker must admit it, it waits for one of the
     * provider's call slots no longer than {@code ctx}'s deadline, and its outcome is recorded as an
     * attempt's is: a {@link dev.ttskit.TtsException} by its category, any other failure (a bug in the
     * work, not news about the provider) released without a verdict.
     *
     * @throws IllegalArgumentException when no provider of that id is routed
     */
    <T> T runOn(String providerId, CallContext ctx, Supplier<? extends T> work);

    /** The result cache's statistics; empty when the cache is off. */
    Optional<CacheStats> cacheStats();

    @Override
    void close();
}
