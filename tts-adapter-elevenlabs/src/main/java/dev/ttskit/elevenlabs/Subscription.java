package dev.ttskit.elevenlabs;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The account's character quota, from {@code GET /v1/user/subscription}.
 *
 * @param tier           the plan ({@code free}, {@code creator}...)
 * @param status         {@code active}, {@code trialing}, {@code past_due}...
 * @param characterCount characters (credits) used in this period
 * @param characterLimit characters (credits) the period allows
 * @param nextReset      when the count resets, when reported
 */
public record Subscription(String tier, String status, long characterCount, long characterLimit, Optional<Instant> nextReset) {
    /**
     * Checks the components.
     *
     * @param tier           the plan
     * @param status         the subscription's status
     * @param characterCount characters (credits) used in this period
     * @param characterLimit characters (credits) the period allows
     * @param nextReset      when the count resets, or empty
     * @throws NullPointerException when {@code tier}, {@code status} or {@code nextReset} is null
     */
    public Subscription {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextReset, "nextReset");
    }

    /**
     * {@return characters left in this period: the limit less the count, never below zero}
     */
    public long remainingCharacters() {
        return Math.max(0, characterLimit - characterCount);
    }
}
