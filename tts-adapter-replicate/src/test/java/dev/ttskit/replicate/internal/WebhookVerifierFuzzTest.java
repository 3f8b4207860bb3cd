package dev.ttskit.replicate.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ttskit.testkit.ManualClock;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Coverage-guided fuzz target for {@link WebhookVerifier} alone, with every header under the
 * fuzzer's control (the handler's target fixes the headers and varies the body): any id, timestamp
 * text, signature list and key length. The verdict must be exactly what Standard Webhooks says, worked
 * out here independently: VALID only for present headers, a decimal timestamp within the tolerance
 * and a {@code v1} entry equal to the HMAC of {@code id.timestamp.body}; and a valid delivery stops
 * verifying when its body, id or key changes. The normal run replays
 * src/test/resources/dev/ttskit/replicate/internal/WebhookVerifierFuzzTestInputs.
 */
class WebhookVerifierFuzzTest {
    private static final Instant NOW = Instant.parse("2025-10-20T10:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    /**
     * Byte 0: bit 0 adds the correct signature to the list, bits 1-2 choose the timestamp (fresh,
     * stale, or the fuzzer's own text). Byte 1 picks the key length (24..64), then the key bytes; the
     * rest is id, timestamp text, extra signature entries and body, separated by the first three zero
     * bytes.
     */
    @FuzzTest(maxDuration = "")
    void verify(byte[] data) {
        if (data.length < 2) return;
        int flags = data[0] & 0xff;
        int keyLength = WebhookVerifier.MIN_KEY_BYTES + (data[1] & 0xff) % (WebhookVerifier.MAX_KEY_BYTES - WebhookVerifier.MIN_KEY_BYTES + 1);
        if (data.length < 2 + keyLength) return;
        byte[] key = Arrays.copyOfRange(data, 2, 2 + keyLength);
        byte[][] parts = split(Arrays.copyOfRange(data, 2 + keyLength, data.length), 4);
        String id = new String(parts[0], StandardCharsets.UTF_8);
        long now = NOW.getEpochSecond();
        String timestamp = switch ((flags >> 1) & 3) {
            case 0 -> Long.toString(now - TOLERANCE.getSeconds() + Math.floorMod(parts[1].length * 31 + id.length(), 2 * TOLERANCE.getSeconds() + 1));
            case 1 -> Long.toString(now - TOLERANCE.getSeconds() - 1 - parts[1].length);
            default -> new String(parts[1], StandardCharsets.UTF_8);
        };
        String extra = new String(parts[2], StandardCharsets.UTF_8);
        byte[] body = parts[3];
        String correct = "v1," + Base64.getEncoder().encodeToString(hmac(key, id, timestamp, body));
        boolean withCorrect = (flags & 1) != 0;
        String signatures = withCorrect ? (extra.isEmpty() ? correct : extra + " " + correct) : extra;

        WebhookVerifier verifier = new WebhookVerifier(key, new ManualClock(NOW), TOLERANCE);
        WebhookVerifier.Verdict verdict = verifier.verify(id, timestamp, signatures, body);

        WebhookVerifier.Verdict expected;
        if (id.isBlank() || timestamp.isBlank() || signatures.isBlank()) expected = WebhookVerifier.Verdict.MISSING_HEADER;
        else if (!timestamp.matches("[0-9]{1,18}")) expected = WebhookVerifier.Verdict.BAD_TIMESTAMP;
        else if (Math.abs(Long.parseLong(timestamp) - now) > TOLERANCE.getSeconds()) expected = WebhookVerifier.Verdict.STALE;
        else if (withCorrect || listsSignature(extra, correct)) expected = WebhookVerifier.Verdict.VALID;
        else expected = WebhookVerifier.Verdict.BAD_SIGNATURE;
        if (verdict != expected) {
            throw new IllegalStateException("verdict " + verdict + ", expected " + expected + " for id '" + id + "', timestamp '"
                    + timestamp + "', signatures '" + signatures + "'");
        }
        if (verdict != WebhookVerifier.Verdict.VALID) return;

        byte[] longerBody = Arrays.copyOf(body, body.length + 1);
        if (verifier.verify(id, timestamp, correct, longerBody) == WebhookVerifier.Verdict.VALID) {
            throw new IllegalStateException("a changed body still verified");
        }
        if (verifier.verify(id + "x", timestamp, correct, body) == WebhookVerifier.Verdict.VALID) {
            throw new IllegalStateException("another id still verified");
        }
        byte[] otherKey = key.clone();
        otherKey[0] ^= 1;
        if (new WebhookVerifier(otherKey, new ManualClock(NOW), TOLERANCE).verify(id, timestamp, correct, body)
                == WebhookVerifier.Verdict.VALID) {
            throw new IllegalStateException("another key still verified");
        }
    }

    /** Whether the fuzzer's own entries happen to hold the correct signature as a separate entry. */
    private static boolean listsSignature(String extra, String correct) {
        for (String token : extra.split(" ")) if (token.equals(correct)) return true;
        return false;
    }

    /** {@code data} cut at its first {@code n - 1} zero bytes; missing parts are empty. */
    private static byte[][] split(byte[] data, int n) {
        byte[][] parts = new byte[n][];
        int from = 0;
        for (int i = 0; i < n - 1; i++) {
            int zero = from;
            while (zero < data.length && data[zero] != 0) zero++;
            parts[i] = Arrays.copyOfRange(data, Math.min(from, data.length), zero);
            from = Math.min(zero + 1, data.length);
        }
        parts[n - 1] = Arrays.copyOfRange(data, from, data.length);
        return parts;
    }

    private static byte[] hmac(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
