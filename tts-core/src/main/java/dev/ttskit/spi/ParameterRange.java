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
    public ParameterRange {
        Objects.requireNonNull(name, "name");
        if (!(min <= max)) throw new IllegalArgumentException("range of " + name + " is empty: " + min + ".." + max);
    }

    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        return name + " " + min + ".." + max;
    }
}
