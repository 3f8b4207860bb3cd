package dev.ttskit.replicate;

/**
 * What a {@link WebhookHandler} did with a delivery, and the HTTP status the receiving application
 * should answer with. Replicate retries terminal webhooks answered with anything but 2xx.
 */
public enum WebhookOutcome {
    /** Verified and a waiting call completed (or the event was kept for a call about to wait). 200. */
    ACCEPTED(200),
    /** Verified, but nothing to do: a non-terminal event, or one for a prediction already finished. 200. */
    IGNORED(200),
    /** A delivery with a {@code webhook-id} already processed; acknowledged, not processed again. 200. */
    REPLAYED(200),
    /** The signature does not match the secret. 401. */
    BAD_SIGNATURE(401),
    /** The timestamp is more than five minutes from now, either way. 401. */
    STALE_TIMESTAMP(401),
    /** A signature header is missing or unreadable, or the verified body is not a prediction. 400. */
    MALFORMED(400),
    /** The body is larger than the handler accepts. 413. */
    TOO_LARGE(413),
    /**
     * Verified, but handing it on failed (for example a shared {@link dev.ttskit.spi.CompletionBus} threw). Not
     * recorded as processed, so Replicate's retry is processed again. 500.
     */
    FAILED(500),
    /** The signing secret is not known yet, so nothing can be verified; Replicate will retry. 503. */
    NOT_READY(503);

    private final int httpStatus;

    WebhookOutcome(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** {@return the HTTP status to answer the delivery with; a 2xx acknowledges it, anything else makes Replicate retry} */
    public int httpStatus() {
        return httpStatus;
    }

    /** {@return whether the delivery is acknowledged (a 2xx answer), so Replicate will not send it again} */
    public boolean acknowledged() {
        return httpStatus >= 200 && httpStatus < 300;
    }
}
