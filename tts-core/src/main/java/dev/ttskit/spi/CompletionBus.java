package dev.ttskit.spi;

import dev.ttskit.internal.InMemoryCompletionBus;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Carries the terminal result of a remote job (a Replicate prediction) from the webhook receiver to
 * the call waiting for it. The default lives in memory and belongs to one process; an application
 * running several instances behind one webhook URL supplies a shared implementation (tts-cluster's,
 * on PostgreSQL), so that a webhook received by one instance completes a call waiting in another,
 * and a webhook delivery is processed once across all of them.
 *
 * <p>Implementations must complete each job at most once, must accept a terminal event that arrives
 * before anyone waits for it (a webhook can overtake the create response) and keep it for a while,
 * and must be thread-safe.
 */
public interface CompletionBus extends AutoCloseable {

    /**
     * Waits for the terminal event of the job with this id. The future completes with the event's raw
     * body, at once when it was already published.
     *
     * @param jobId the provider's id of the job
     * @return a future completed with the event's raw body; the caller cancels it, or calls
     *     {@link #forget}, when it stops waiting
     */
    CompletableFuture<byte[]> await(String jobId);

    /**
     * Publishes a terminal event.
     *
     * @param jobId the provider's id of the job
     * @param body the event's raw body, as received
     * @return true when this was the first terminal event for the id; false for duplicates and for
     *         ids already finished, which are ignored
     */
    boolean publish(String jobId, byte[] body);

    /**
     * Whether a terminal event was already recorded for the id (later events for it are ignored).
     *
     * @param jobId the provider's id of the job
     * @return true once a terminal event for the id was published
     */
    boolean finished(String jobId);

    /**
     * The call for this id finished another way: stop waiting, drop what is buffered, ignore later
     * events.
     *
     * @param jobId the provider's id of the job
     */
    void forget(String jobId);

    /**
     * Whether a webhook delivery with this id was already handled by any instance sharing the bus.
     * The in-memory bus answers false: the receiver's own replay guard covers one process.
     *
     * @param deliveryId the webhook delivery's own id, as the provider sends it
     * @return true when some instance already recorded this delivery
     */
    default boolean delivered(String deliveryId) {
        return false;
    }

    /**
     * Records a webhook delivery as handled, so that a replay of it reaching another instance is
     * refused there. Call it only once the delivery was processed (a failed one must be processed
     * again when retried).
     *
     * @param deliveryId the webhook delivery's own id, as the provider sends it
     */
    default void recordDelivery(String deliveryId) {
    }

    /** Fails every waiting future and drops buffered events. Idempotent. */
    @Override
    void close();

    /**
     * The in-memory bus.
     *
     * @param clock     for expiry of buffered events
     * @param keepEarly how long a terminal event nobody waits for yet is kept
     * @return a bus for one process; thread-safe
     */
    static CompletionBus inMemory(Clock clock, Duration keepEarly) {
        return new InMemoryCompletionBus(clock, keepEarly, 1_000, 10_000);
    }
}
