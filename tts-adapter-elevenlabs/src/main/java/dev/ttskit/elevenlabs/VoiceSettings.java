package dev.ttskit.elevenlabs;

import org.jspecify.annotations.Nullable;

import java.util.Objects;
import java.util.Optional;

/**
 * ElevenLabs {@code voice_settings}. Every member is optional: unset members are not sent, so the
 * voice's stored settings apply to them. Immutable; setters fail fast on values outside the ranges
 * the API accepts.
 */
public final class VoiceSettings {
    /** Smallest accepted {@code speed}. */
    public static final double MIN_SPEED = 0.7;
    /** Largest accepted {@code speed}. */
    public static final double MAX_SPEED = 1.2;

    private static final VoiceSettings NONE = builder().build();

    private final @Nullable Double stability;
    private final @Nullable Double similarityBoost;
    private final @Nullable Double style;
    private final @Nullable Boolean useSpeakerBoost;
    private final @Nullable Double speed;

    private VoiceSettings(Builder b) {
        this.stability = b.stability;
        this.similarityBoost = b.similarityBoost;
        this.style = b.style;
        this.useSpeakerBoost = b.useSpeakerBoost;
        this.speed = b.speed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings with nothing set: the voice's stored settings apply. */
    public static VoiceSettings none() {
        return NONE;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.stability = stability;
        b.similarityBoost = similarityBoost;
        b.style = style;
        b.useSpeakerBoost = useSpeakerBoost;
        b.speed = speed;
        return b;
    }

    /** {@code stability}, 0..1. */
    public Optional<Double> stability() { return Optional.ofNullable(stability); }

    /** {@code similarity_boost}, 0..1. */
    public Optional<Double> similarityBoost() { return Optional.ofNullable(similarityBoost); }

    /** {@code style}, 0..1; the provider recommends leaving it at 0. */
    public Optional<Double> style() { return Optional.ofNullable(style); }

    /** {@code use_speaker_boost}. */
    public Optional<Boolean> useSpeakerBoost() { return Optional.ofNullable(useSpeakerBoost); }

    /** {@code speed}, 0.7..1.2. */
    public Optional<Double> speed() { return Optional.ofNullable(speed); }

    /** Whether no member is set. */
    public boolean isEmpty() {
        return stability == null && similarityBoost == null && style == null && useSpeakerBoost == null && speed == null;
    }

    /** These settings with every member that {@code overrides} sets replaced by its value. */
    public VoiceSettings overriddenBy(VoiceSettings overrides) {
        Builder b = toBuilder();
        if (overrides.stability != null) b.stability = overrides.stability;
        if (overrides.similarityBoost != null) b.similarityBoost = overrides.similarityBoost;
        if (overrides.style != null) b.style = overrides.style;
        if (overrides.useSpeakerBoost != null) b.useSpeakerBoost = overrides.useSpeakerBoost;
        if (overrides.speed != null) b.speed = overrides.speed;
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof VoiceSettings)) return false;
        VoiceSettings v = (VoiceSettings) o;
        return Objects.equals(stability, v.stability) && Objects.equals(similarityBoost, v.similarityBoost)
                && Objects.equals(style, v.style) && Objects.equals(useSpeakerBoost, v.useSpeakerBoost)
                && Objects.equals(speed, v.speed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stability, similarityBoost, style, useSpeakerBoost, speed);
    }

    @Override
    public String toString() {
        return "VoiceSettings[stability=" + stability + ", similarityBoost=" + similarityBoost + ", style=" + style
                + ", useSpeakerBoost=" + useSpeakerBoost + ", speed=" + speed + "]";
    }

    /** Builds {@link VoiceSettings}; each setter checks its range. */
    public static final class Builder {
        private @Nullable Double stability;
        private @Nullable Double similarityBoost;
        private @Nullable Double style;
        private @Nullable Boolean useSpeakerBoost;
        private @Nullable Double speed;

        private Builder() {
        }

        /** @param value 0..1 */
        public Builder stability(double value) {
            stability = unit("stability", value);
            return this;
        }

        /** @param value 0..1 */
        public Builder similarityBoost(double value) {
            similarityBoost = unit("similarity_boost", value);
            return this;
        }

        /** @param value 0..1 */
        public Builder style(double value) {
            style = unit("style", value);
            return this;
        }

        public Builder useSpeakerBoost(boolean value) {
            useSpeakerBoost = value;
            return this;
        }

        /** @param value 0.7..1.2 */
        public Builder speed(double value) {
            if (!(value >= MIN_SPEED && value <= MAX_SPEED)) {
                throw new IllegalArgumentException("speed must be " + MIN_SPEED + ".." + MAX_SPEED + ", was " + value);
            }
            speed = value;
            return this;
        }

        public VoiceSettings build() {
            return new VoiceSettings(this);
        }

        private static Double unit(String name, double value) {
            if (!(value >= 0.0 && value <= 1.0)) {
                throw new IllegalArgumentException(name + " must be 0..1, was " + value);
            }
            return value;
        }
    }
}
