package dev.ttskit.jobs;

import java.util.Objects;
import java.util.UUID;

/**
 * A job's identity: a UUID in text form, the same on every instance sharing the database.
 *
 * @param value the id as printed by {@link #toString()}
 */
public record JobId(String value) {
    /**
     * Checks the id.
     *
     * @param value the id in text form
     * @throws IllegalArgumentException when {@code value} is not a UUID
     */
    public JobId {
        Objects.requireNonNull(value, "value");
        try {
            UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a job id: '" + value + "'", e);
        }
    }

    /**
     * Parses an id printed by {@link #toString()}.
     *
     * @param value the id, surrounding white space ignored
     * @return the id
     * @throws IllegalArgumentException when {@code value} is not a UUID
     */
    public static JobId of(String value) {
        return new JobId(value.trim());
    }

    static JobId random() {
        return new JobId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
