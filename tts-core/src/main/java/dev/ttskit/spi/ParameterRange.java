package dev.ttskit.spi;

import java.util.Objects;

/**
 * The allowed range of a numeric synthesis parameter (speed, stability, temperature...).
 *
 * @param name the parameter's name as used in {@link dev.ttskit.SpeechRequest} options ({@code speed} for the speed field)
 * @param min  smallest allowed value, inclusive
 * @param max  largest allowed value, inclusive
 */
public record ParameterRange(String name, double min, double max) {
    /**
     * A range, both ends inclusive.
     *
     * @param name the parameter's name
     * @param min  smallest allowed value
     * @param max  largest allowed value; not below {@code min}
     * @throws IllegalArgumentException when the range is empty (or an end is NaN)
     */
    public ParameterRange {
        Objects.requireNonNull(name, "name");
        if (!(min <= max)) throw new IllegalArgumentException("range of " + name + " is empty: " + min + ".." + max);
    }

    /**
     * Whether a value lies in the range, ends included.
     *
     * @param value the value to check
     * @return false for NaN and for values outside {@code min..max}
     */
    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        return name + " " + min + ".." + max;
    }
}
