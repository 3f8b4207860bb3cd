package dev.ttskit.replicate;

import dev.ttskit.replicate.internal.InMemoryCompletionBus;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Carries terminal predictions from the webhook receiver to the call waiting for them. The default
 * lives in memory and belongs to one provider; an application running several instances behind one
 * webhook URL can supply a shared implementation, so that a webhook received by one instance
 * completes a call waiting in another.
 *
 * <p>Implementations must complete each prediction at most once, must accept a terminal event that
 * arrives before anyone waits for it (a webhook can overtake the create response) and keep it for
 * a while, and must be thread-safe.
 */
public interface CompletionBus extends AutoCloseable {

    /**
     * Waits for the terminal prediction with this id. The future completes with the prediction's raw
     * JSON, at once when it was already published.
     */
    CompletableFuture<byte[]> await(String predictionId);

    /**
     * Publishes a terminal prediction.
     *
     * @return true when this was the first terminal event for the id; false for duplicates and for
     *         ids already finished, which are ignored
     */
    boolean publish(String predictionId, byte[] predictionJson);

    /** Whether a terminal event was already recorded for the id (later events for it are ignored). */
    boolean finished(String predictionId);

    /** The call for this id finished another way: stop waiting, drop what is buffered, ignore later events. */
    void forget(String predictionId);

    /** Fails every waiting future and drops buffered events. Idempotent. */
    @Override
    void close();

    /**
     * The in-memory bus.
     *
     * @param clock     for expiry of buffered events
     * @param keepEarly how long a terminal event nobody waits for yet is kept
     */
    static CompletionBus inMemory(Clock clock, Duration keepEarly) {
        return new InMemoryCompletionBus(clock, keepEarly, 1_000, 10_000);
    }
}
