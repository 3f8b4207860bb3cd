package dev.ttskit.spi;

import com.google.errorprone.annotations.MustBeClosed;
import dev.ttskit.AudioStream;
import dev.ttskit.SpeechResult;
import dev.ttskit.Voice;

import java.util.List;

/**
 * What an adapter implements. Implementations must be thread-safe; the router calls them
 * concurrently. Every failure is thrown as a typed {@link dev.ttskit.TtsException} carrying this
 * provider's id, and no call may outlive {@link CallContext#deadline()} or ignore cancellation.
 */
public interface TtsProvider extends AutoCloseable {
    /** Stable lowercase id: {@code elevenlabs}, {@code replicate}, {@code local-xtts}, {@code marytts}, {@code mock}. */
    String id();

    /** {@return what this provider can do; the router skips it for requests it cannot serve} */
    ProviderCapabilities capabilities();

    /**
     * Synthesizes the whole request. The result's format must equal {@link ProviderRequest#format()}.
     */
    SpeechResult synthesize(ProviderRequest request, CallContext ctx);

    /**
     * Starts a stream: returns once the provider has accepted the request (status known), then
     * hands bytes on as they arrive. Closing the stream cancels the call.
     */
    @MustBeClosed
    AudioStream stream(ProviderRequest request, CallContext ctx);

    /** The voices this provider offers. */
    List<Voice> voices(CallContext ctx);

    /**
     * The resumable call whose notes these are will not run again (its job was cancelled): stop and
     * release whatever it left running at the provider, a prediction say. Best effort, never throws;
     * providers that keep no notes need not override it.
     */
    default void abandon(CallCheckpoint checkpoint, CallContext ctx) {
    }

    /** Releases what this provider holds. Idempotent; throws nothing. */
    @Override
    void close();

    /** Convenience for adapters that cannot stream natively: synthesize, then stream the bytes. */
    @MustBeClosed
    static AudioStream streamOf(SpeechResult result) {
        return new AudioStream(result.audioStream(), result.format(), result.provider(),
                result.providerRequestId().orElse(null), null);
    }
}
