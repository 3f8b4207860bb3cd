package dev.ttskit;

import java.util.Objects;

/**
 * The identifier of a voice: a logical name the application uses ({@code narrator}) or a provider's
 * own id ({@code 21m00Tcm4TlvDq8ikWAM}). 1 to 256 printable characters.
 */
public record VoiceId(String value) {
    /**
     * Checks the id.
     *
     * @param value 1 to 256 characters, not blank, no control characters
     * @throws IllegalArgumentException when {@code value} breaks one of these rules
     */
    public VoiceId {
        Objects.requireNonNull(value, "voice id");
        if (value.isBlank() || value.length() > 256) {
            throw new IllegalArgumentException("voice id must be 1..256 characters, was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("voice id holds a control character at index " + i);
            }
        }
    }

    /**
     * {@return the id}
     *
     * @param value 1 to 256 characters, not blank, no control characters
     * @throws IllegalArgumentException when {@code value} breaks one of these rules
     */
    public static VoiceId of(String value) {
        return new VoiceId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
