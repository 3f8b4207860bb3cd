package dev.ttskit.elevenlabs;

import java.util.Locale;

/** ElevenLabs' {@code apply_text_normalization}: whether numbers, dates and the like are spelled out. */
public enum TextNormalization {
    /** The model decides (the API's default). */
    AUTO,
    /** Always normalise. Enterprise-only for some models. */
    ON,
    /** Never normalise. */
    OFF;

    /** {@return the value sent on the wire: {@code auto}, {@code on} or {@code off}} */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code auto}, {@code on} or {@code off}, case-insensitively and ignoring surrounding blanks.
     *
     * @param value the setting's text, not null
     * @return the matching constant
     * @throws IllegalArgumentException for anything else
     */
    public static TextNormalization parse(String value) {
        for (TextNormalization n : values()) {
            if (n.wireValue().equalsIgnoreCase(value.trim())) return n;
        }
        throw new IllegalArgumentException("apply_text_normalization must be auto, on or off, was '" + value + "'");
    }
}
