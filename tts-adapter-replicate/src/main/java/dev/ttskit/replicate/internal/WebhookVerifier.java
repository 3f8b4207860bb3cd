package dev.ttskit.replicate.internal;

import org.jspecify.annotations.Nullable;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Verifies a Standard Webhooks signature (spec section 7.2): HMAC-SHA256 over
 * {@code id.timestamp.body} with the raw body bytes, any matching {@code v1} entry of the
 * space-separated signature header accepted (in its canonical base64 spelling), other versions
 * ignored, compared in constant time,
 * and the timestamp within the tolerance either side of now.
 */
public final class WebhookVerifier {
    /** The verdict. */
    public enum Verdict { VALID, MISSING_HEADER, BAD_TIMESTAMP, STALE, BAD_SIGNATURE }

    private static final String PREFIX = "whsec_";
    /** The shortest signing key accepted, in bytes. */
    public static final int MIN_KEY_BYTES = 24;
    /** The longest signing key accepted, in bytes. */
    public static final int MAX_KEY_BYTES = 64;

    private final byte[] key;
    private final Clock clock;
    private final long toleranceSeconds;

    public WebhookVerifier(byte[] key, Clock clock, Duration tolerance) {
        this.key = key.clone();
        this.clock = clock;
        this.toleranceSeconds = tolerance.toSeconds();
    }

    /**
     * The HMAC key of a secret given with or without the {@code whsec_} prefix.
     *
     * @throws IllegalArgumentException when the secret is empty, not base64 or not 24..64 bytes (the message never holds it)
     */
    public static byte[] key(@Nullable String secret) {
        if (secret == null) throw new IllegalArgumentException("webhook secret is missing");
        String s = secret.trim();
        if (s.startsWith(PREFIX)) s = s.substring(PREFIX.length());
        if (s.isEmpty()) throw new IllegalArgumentException("webhook secret is empty");
        byte[] key;
        try {
            key = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook secret is not base64 after the whsec_ prefix");
        }
        // Standard Webhooks keys are 24 to 64 random bytes; a shorter one is guessable, so refuse it.
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("webhook secret must decode to " + MIN_KEY_BYTES + ".." + MAX_KEY_BYTES
                    + " bytes, was " + key.length);
        }
        return key;
    }

    /** {@code v1,<base64 HMAC>} for the given message: what a sender puts in {@code webhook-signature}. */
    public static String sign(byte[] key, String id, String timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(mac(key, id, timestamp, body));
    }

    /** Checks one delivery (its headers as sent; the caller has turned away a missing one). */
    public Verdict verify(String id, String timestamp, String signatures, byte[] body) {
        if (id.isBlank() || timestamp.isBlank() || signatures.isBlank()) return Verdict.MISSING_HEADER;
        long ts;
        if (!timestamp.chars().allMatch(c -> c >= '0' && c <= '9') || timestamp.length() > 18) return Verdict.BAD_TIMESTAMP;
        ts = Long.parseLong(timestamp);
        long now = clock.instant().getEpochSecond();
        if (ts < now - toleranceSeconds || ts > now + toleranceSeconds) return Verdict.STALE;
        // Compared as the canonical base64 text, as Standard Webhooks senders write it: a decoder would
        // also take the same bytes without their padding, a second spelling no sender uses.
        byte[] expected = Base64.getEncoder().encode(mac(key, id, timestamp, body));
        boolean match = false;
        for (String token : signatures.split(" ")) {
            if (token.isEmpty()) continue;
            int comma = token.indexOf(',');
            if (comma < 0 || !token.substring(0, comma).equals("v1")) continue;
            byte[] candidate = token.substring(comma + 1).getBytes(StandardCharsets.ISO_8859_1);
            // Keep comparing after a match so the time taken does not depend on which entry matched.
            match |= MessageDigest.isEqual(expected, candidate);
        }
        return match ? Verdict.VALID : Verdict.BAD_SIGNATURE;
    }

    private static byte[] mac(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookVerifier[tolerance=" + toleranceSeconds + "s]";
    }
}
