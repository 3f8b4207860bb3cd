package dev.ttskit.replicate;

/** How the adapter learns that a prediction has finished. */
public enum CompletionStrategy {
    /**
     * Replicate posts the finished prediction to the configured webhook URL; the call waits for the
     * signed webhook and checks once with a GET before giving up, so a lost webhook never loses a
     * paid result. The default when a webhook URL is configured.
     */
    WEBHOOK,
    /**
     * The create request holds the connection ({@code Prefer: wait=N}) until the output is ready;
     * polling continues if it is not. The default without a webhook URL.
     */
    SYNC,
    /** Create, then poll with backoff until the prediction finishes. Opt-in. */
    POLLING
}
