package dev.ttskit;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the policy builders. */
final class Durations {
    private Durations() {
    }

    static Duration requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + value);
        return value;
    }

    static Duration requireNotNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) throw new IllegalArgumentException(name + " must not be negative, was " + value);
        return value;
    }
}
