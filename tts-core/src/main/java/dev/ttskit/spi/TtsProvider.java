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
    /**
     * Stable lowercase id: {@code elevenlabs}, {@code replicate}, {@code local-xtts},
     * {@code marytts}, {@code mock}.
     *
     * @return the id, constant for the provider's lifetime
     */
    String id();

    /** {@return what this provider can do; the router skips it for requests it cannot serve} */
    ProviderCapabilities capabilities();

    /**
     * Synthesizes the whole request. The result's format must equal {@link ProviderRequest#format()}.
     *
     * @param request what to synthesize, already validated for this provider
     * @param ctx the call's deadline, cancellation and resources
     * @return the whole audio, in the requested format
     */
    SpeechResult synthesize(ProviderRequest request, CallContext ctx);

    /**
     * Starts a stream: returns once the provider has accepted the request (status known), then
     * hands bytes on as they arrive. Closing the stream cancels the call.
     *
     * @param request what to synthesize, already validated for this provider
     * @param ctx the call's deadline, cancellation and resources
     * @return the open stream; the caller must close it
     */
    @MustBeClosed
    AudioStream stream(ProviderRequest request, CallContext ctx);

    /**
     * The voices this provider offers.
     *
     * @param ctx the call's deadline, cancellation and resources
     * @return the voices; empty when the provider lists none
     */
    List<Voice> voices(CallContext ctx);

    /**
     * The resumable call whose notes these are will not run again (its job was cancelled): stop and
     * release whatever it left running at the provider, a prediction say. Best effort, never throws;
     * providers that keep no notes need not override it.
     *
     * @param checkpoint the notes the abandoned call stored
     * @param ctx a context for the clean-up call's own deadline
     */
    default void abandon(CallCheckpoint checkpoint, CallContext ctx) {
    }

    /** Releases what this provider holds. Idempotent; throws nothing. */
    @Override
    void close();

    /**
     * Convenience for adapters that cannot stream natively: synthesize, then stream the bytes.
     *
     * @param result the finished synthesis
     * @return a stream over the result's bytes; the caller must close it
     */
    @MustBeClosed
    static AudioStream streamOf(SpeechResult result) {
        return new AudioStream(result.audioStream(), result.format(), result.provider(),
                result.providerRequestId().orElse(null), null);
    }
}
