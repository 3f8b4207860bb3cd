package dev.ttskit.testkit;

import dev.ttskit.spi.ProviderRequest;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * One call a {@link MockTtsProvider} received.
 *
 * @param kind    which method was called
 * @param request the request (null for voice listings)
 * @param attempt the router's attempt number
 * @param at      when, by the context's clock
 */
public record RecordedCall(Kind kind, @Nullable ProviderRequest request, int attempt, Instant at) {
    /** The provider method that was called. */
    public enum Kind {
        /** {@code synthesize}. */
        SYNTHESIZE,
        /** {@code stream}. */
        STREAM,
        /** {@code voices}. */
        VOICES
    }
}
