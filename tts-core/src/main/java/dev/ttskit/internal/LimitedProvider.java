package dev.ttskit.internal;

import com.google.errorprone.annotations.MustBeClosed;
import dev.ttskit.AudioStream;
import dev.ttskit.SpeechResult;
import dev.ttskit.Voice;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.AccountLimiter;
import dev.ttskit.spi.CallCheckpoint;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;

import java.util.List;

/**
 * A provider whose every call first takes a permit from the account limiter, held for the call (a
 * stream's until it is closed). The router sees it in place of the provider, so the limit is taken
 * where each attempt is invoked: inside the attempt's time, after the breaker and the local bulkhead
 * let the attempt in, and a refusal is that attempt's failure (not counted against the breaker).
 */
public final class LimitedProvider implements TtsProvider {
    private final TtsProvider delegate;
    private final AccountLimiter limiter;

    private LimitedProvider(TtsProvider delegate, AccountLimiter limiter) {
        this.delegate = delegate;
        this.limiter = limiter;
    }

    /** The provider itself when nothing limits it, else the provider behind the limiter. */
    public static TtsProvider of(TtsProvider provider, AccountLimiter limiter) {
        return limiter == AccountLimiter.NONE ? provider : new LimitedProvider(provider, limiter);
    }

    /**
     * The account limiter's permit for work on {@code provider} outside synthesis (a provider's
     * extras, see {@code TtsClient.call}): one request of no characters, waited for within
     * {@code ctx}. Close it when the work ends.
     *
     * @return {@link AccountLimiter.Permit#NONE} when nothing limits the provider
     * @throws dev.ttskit.RateLimitException when the limit will not allow the call before the deadline
     */
    @MustBeClosed
    public static AccountLimiter.Permit permitForCall(TtsProvider provider, CallContext ctx) {
        if (!(provider instanceof LimitedProvider limited)) return AccountLimiter.Permit.NONE;
        AudioFormat format = limited.capabilities().formats().stream().findFirst().orElse(AudioFormat.WAV_PCM16_24K);
        ProviderRequest call = ProviderRequest.builder().provider(limited.id()).text("").format(format).build();
        return limited.limiter.acquire(limited.id(), call, ctx);
    }

    /** The provider itself, without its permits; {@code provider} unchanged when it is not a limited one. */
    public static TtsProvider unwrap(TtsProvider provider) {
        return provider instanceof LimitedProvider limited ? limited.delegate : provider;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public ProviderCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
        try (AccountLimiter.Permit permit = limiter.acquire(delegate.id(), request, ctx)) {
            return delegate.synthesize(request, ctx);
        }
    }

    @Override
    // The permit and the provider's stream are handed to the returned stream, which closes both.
    @SuppressWarnings("MustBeClosedChecker")
    public AudioStream stream(ProviderRequest request, CallContext ctx) {
        AccountLimiter.Permit permit = limiter.acquire(delegate.id(), request, ctx);
        AudioStream source;
        try {
            source = delegate.stream(request, ctx);
        } catch (RuntimeException | Error e) {
            permit.close();
            throw e;
        }
        return new AudioStream(source, source.format(), source.provider(), source.providerRequestId().orElse(null), permit::close);
    }

    @Override
    public List<Voice> voices(CallContext ctx) {
        return delegate.voices(ctx);
    }

    @Override
    public void abandon(CallCheckpoint checkpoint, CallContext ctx) {
        delegate.abandon(checkpoint, ctx);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate + " (account limits: " + limiter + ")";
    }
}
