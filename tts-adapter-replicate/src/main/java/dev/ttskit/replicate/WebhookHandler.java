package dev.ttskit.replicate;

import dev.ttskit.spi.CompletionBus;
import dev.ttskit.replicate.internal.MalformedPredictionException;
import dev.ttskit.replicate.internal.Prediction;
import dev.ttskit.replicate.internal.ReplayGuard;
import dev.ttskit.replicate.internal.WebhookVerifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Receives Replicate webhooks in any web framework: hand it the request headers and the raw body
 * bytes exactly as received, and answer with {@link WebhookOutcome#httpStatus()}.
 *
 * <p>It verifies the Standard Webhooks signature (HMAC-SHA256 over {@code id.timestamp.body}, any
 * matching {@code v1} entry accepted, other versions ignored, constant-time comparison), rejects
 * timestamps more than five minutes from now either way, acknowledges replayed {@code webhook-id}s
 * without processing them again (an id counts as processed only once its delivery was handled, so a
 * delivery that was refused or failed is processed afresh when retried), ignores non-terminal events, and hands terminal predictions to the
 * {@link CompletionBus} (which completes each prediction once, also when the webhook overtakes the
 * create response). The work is quick, so the host can answer before doing anything else.
 *
 * <p>Get one from {@link ReplicateProvider#webhookHandler()}, or with {@link #create} for a receiver
 * that delivers through a shared bus. Thread-safe; never throws for any input.
 *
 * <pre>{@code
 * WebhookOutcome outcome = handler.handle(request.headers(), request.bodyBytes());
 * response.status(outcome.httpStatus());
 * }</pre>
 */
public final class WebhookHandler {
    /** Bodies larger than this are refused (a prediction object is a few kilobytes). */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** How far a timestamp may be from now, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(WebhookHandler.class);

    private final Supplier<byte @Nullable []> key;
    private final Clock clock;
    private final CompletionBus bus;
    private final ReplayGuard replays;

    /** @param key the HMAC key, or a supplier answering null while the secret is not known yet */
    WebhookHandler(Supplier<byte @Nullable []> key, Clock clock, CompletionBus bus) {
        this.key = key;
        this.clock = clock;
        this.bus = bus;
        // Remember ids for twice the tolerance: a delivery older than that fails the timestamp check anyway.
        this.replays = new ReplayGuard(clock, TOLERANCE.multipliedBy(2), 100_000);
    }

    /**
     * A handler for a known secret that delivers to the given bus.
     *
     * @param secret the signing secret, {@code whsec_...} (the prefix is optional)
     * @param bus    where verified terminal predictions are delivered; the caller owns and closes it
     * @param clock  checks webhook timestamps and expires remembered webhook ids
     * @return a new, thread-safe handler
     * @throws NullPointerException when {@code bus} or {@code clock} is null
     * @throws IllegalArgumentException when the secret is empty, not base64, or not 24 to 64 bytes once decoded
     */
    public static WebhookHandler create(String secret, CompletionBus bus, Clock clock) {
        byte[] k = WebhookVerifier.key(secret);
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(clock, "clock");
        return new WebhookHandler(() -> k, clock, bus);
    }

    /**
     * Handles one delivery.
     *
     * @param headers the request headers (names in any case; null is treated as none)
     * @param rawBody the body bytes exactly as received; null or more than {@value #MAX_BODY_BYTES}
     *     bytes is refused
     * @return what became of the delivery; answer the request with its {@link WebhookOutcome#httpStatus()}
     */
    public WebhookOutcome handle(@Nullable Map<String, List<String>> headers, byte @Nullable [] rawBody) {
        try {
            if (rawBody == null) return WebhookOutcome.MALFORMED;
            if (rawBody.length > MAX_BODY_BYTES) return WebhookOutcome.TOO_LARGE;
            byte[] k = key.get();
            if (k == null) return WebhookOutcome.NOT_READY;
            String id = header(headers, "webhook-id", false);
            String timestamp = header(headers, "webhook-timestamp", false);
            String signatures = header(headers, "webhook-signature", true);
            if (id == null || timestamp == null || signatures == null) return WebhookOutcome.MALFORMED;
            switch (new WebhookVerifier(k, clock, TOLERANCE).verify(id, timestamp, signatures, rawBody)) {
                case VALID:
                    break;
                case STALE:
                    return WebhookOutcome.STALE_TIMESTAMP;
                case BAD_SIGNATURE:
                    return WebhookOutcome.BAD_SIGNATURE;
                default:
                    return WebhookOutcome.MALFORMED;
            }
            // This process's guard first; then the bus, which knows deliveries handled by other instances.
            if (replays.seen(id) || bus.delivered(id)) return WebhookOutcome.REPLAYED;
            Prediction prediction;
            try {
                prediction = Prediction.parse(rawBody);
            } catch (MalformedPredictionException e) {
                // Not recorded: the sender's retry gets the same answer, never a "replayed" 200.
                return WebhookOutcome.MALFORMED;
            }
            if (!prediction.status().terminal()) {
                recordDelivery(id);
                return WebhookOutcome.IGNORED;
            }
            boolean first;
            try {
                first = bus.publish(prediction.id(), rawBody);
            } catch (RuntimeException e) {
                // Not recorded either, so the retry is processed again rather than acknowledged unseen.
                log.warn("webhook for prediction {} could not be delivered: {}", prediction.id(), e.toString());
                return WebhookOutcome.FAILED;
            }
            recordDelivery(id);
            log.debug("webhook for prediction {} ({}): {}", prediction.id(), prediction.status(), first ? "delivered" : "duplicate");
            return first ? WebhookOutcome.ACCEPTED : WebhookOutcome.IGNORED;
        } catch (RuntimeException e) {
            log.debug("webhook could not be handled: {}", e.toString());
            return WebhookOutcome.FAILED;
        }
    }

    private void recordDelivery(String id) {
        replays.record(id);
        bus.recordDelivery(id);
    }

    private static @Nullable String header(@Nullable Map<String, List<String>> headers, String name, boolean joinAll) {
        if (headers == null) return null;
        StringBuilder joined = null;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() == null || !e.getKey().toLowerCase(Locale.ROOT).equals(name) || e.getValue() == null) continue;
            for (String v : e.getValue()) {
                if (v == null) continue;
                if (!joinAll) return v.trim();
                joined = joined == null ? new StringBuilder(v.trim()) : joined.append(' ').append(v.trim());
            }
        }
        return joined == null ? null : joined.toString();
    }

    @Override
    public String toString() {
        return "WebhookHandler[bus=" + bus + "]";
    }
}
