package dev.ttskit.replicate;

import dev.ttskit.spi.CompletionBus;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ttskit.replicate.internal.WebhookVerifier;
import dev.ttskit.testkit.ManualClock;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzz target for the webhook verifier and the prediction JSON behind it: forged
 * deliveries never verify, and a correctly signed body of any shape is answered without throwing.
 * The normal run replays src/test/resources/dev/ttskit/replicate/WebhookCoverageFuzzTestInputs.
 */
class WebhookCoverageFuzzTest {
    private static final String SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private static final byte[] KEY = WebhookVerifier.key(SECRET);

    /**
     * First byte: bit 0 signs the delivery correctly, bit 1 makes its timestamp stale, bit 2 sends a
     * garbage signature header instead of none; the rest is the body.
     */
    @FuzzTest(maxDuration = "")
    void deliveries(byte[] data) {
        if (data.length == 0) return;
        ManualClock clock = new ManualClock(Instant.parse("2025-10-20T10:00:00Z"));
        try (CompletionBus bus = CompletionBus.inMemory(clock, Duration.ofMinutes(2))) {
            WebhookHandler handler = WebhookHandler.create(SECRET, bus, clock);
            boolean signed = (data[0] & 1) != 0;
            String id = "msg_fuzz";
            String timestamp = Long.toString(clock.instant().getEpochSecond() - ((data[0] & 2) != 0 ? 301 : 0));
            byte[] body = Arrays.copyOfRange(data, 1, data.length);
            Map<String, List<String>> headers = new HashMap<>();
            headers.put("webhook-id", List.of(id));
            headers.put("webhook-timestamp", List.of(timestamp));
            if (signed) headers.put("webhook-signature", List.of(WebhookVerifier.sign(KEY, id, timestamp, body)));
            else if ((data[0] & 4) != 0) headers.put("webhook-signature", List.of("v1," + new String(body, StandardCharsets.ISO_8859_1)));
            WebhookOutcome outcome = handler.handle(headers, body);
            if (!signed && outcome.acknowledged()) throw new IllegalStateException("a forged delivery was acknowledged: " + outcome);
            if ((data[0] & 2) != 0 && outcome.acknowledged()) throw new IllegalStateException("a stale delivery was acknowledged");
            if (outcome == WebhookOutcome.FAILED) throw new IllegalStateException("the in-memory bus never fails");
            // A retry of the same delivery gets the same kind of answer, never a 2xx for a refused one.
            WebhookOutcome again = handler.handle(headers, body);
            if (again.acknowledged() != outcome.acknowledged()) {
                throw new IllegalStateException("retry answered " + again + " after " + outcome);
            }
        }
    }
}
