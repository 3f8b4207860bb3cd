package dev.ttskit.replicate.internal;

import org.jspecify.annotations.Nullable;

import java.util.Locale;

/** A prediction's status; anything unrecognised is {@link #UNKNOWN} and treated as still running. */
public enum PredictionStatus {
    STARTING, PROCESSING, SUCCEEDED, FAILED, CANCELED, ABORTED, UNKNOWN;

    public static PredictionStatus parse(@Nullable String value) {
        if (value == null) return UNKNOWN;
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "starting" -> STARTING;
            case "processing" -> PROCESSING;
            case "succeeded" -> SUCCEEDED;
            case "failed" -> FAILED;
            case "canceled", "cancelled" -> CANCELED;
            case "aborted" -> ABORTED;
            default -> UNKNOWN;
        };
    }

    /** Succeeded, failed, canceled or aborted: nothing will change any more. */
    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED || this == ABORTED;
    }
}
