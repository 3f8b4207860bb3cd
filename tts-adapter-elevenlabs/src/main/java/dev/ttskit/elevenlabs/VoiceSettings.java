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

    /** {@return a builder with no member set} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return settings with nothing set, so the voice's stored settings apply; one shared instance} */
    public static VoiceSettings none() {
        return NONE;
    }

    /** {@return a new builder holding these settings' members, to derive changed settings from} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.stability = stability;
        b.similarityBoost = similarityBoost;
        b.style = style;
        b.useSpeakerBoost = useSpeakerBoost;
        b.speed = speed;
        return b;
    }

    /** {@return {@code stability}, 0..1; empty when unset} */
    public Optional<Double> stability() { return Optional.ofNullable(stability); }

    /** {@return {@code similarity_boost}, 0..1; empty when unset} */
    public Optional<Double> similarityBoost() { return Optional.ofNullable(similarityBoost); }

    /** {@return {@code style}, 0..1 (the provider recommends leaving it at 0); empty when unset} */
    public Optional<Double> style() { return Optional.ofNullable(style); }

    /** {@return {@code use_speaker_boost}; empty when unset} */
    public Optional<Boolean> useSpeakerBoost() { return Optional.ofNullable(useSpeakerBoost); }

    /** {@return {@code speed}, {@value #MIN_SPEED}..{@value #MAX_SPEED}; empty when unset} */
    public Optional<Double> speed() { return Optional.ofNullable(speed); }

    /** {@return whether no member is set (then nothing is sent and the voice's stored settings apply)} */
    public boolean isEmpty() {
        return stability == null && similarityBoost == null && style == null && useSpeakerBoost == null && speed == null;
    }

    /**
     * Layers request-level settings over these (for example a provider's defaults).
     *
     * @param overrides the settings that win where they set a member; not null
     * @return these settings with every member that {@code overrides} sets replaced by its value
     */
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

        /**
         * Sets {@code stability}.
         *
         * @param value 0..1, inclusive
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is outside 0..1 or NaN, naming {@code stability}
         */
        public Builder stability(double value) {
            stability = unit("stability", value);
            return this;
        }

        /**
         * Sets {@code similarity_boost}.
         *
         * @param value 0..1, inclusive
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is outside 0..1 or NaN, naming {@code similarity_boost}
         */
        public Builder similarityBoost(double value) {
            similarityBoost = unit("similarity_boost", value);
            return this;
        }

        /**
         * Sets {@code style}.
         *
         * @param value 0..1, inclusive
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is outside 0..1 or NaN, naming {@code style}
         */
        public Builder style(double value) {
            style = unit("style", value);
            return this;
        }

        /**
         * Sets {@code use_speaker_boost}: more similarity to the original speaker, at some extra latency.
         *
         * @param value whether to boost
         * @return this builder
         */
        public Builder useSpeakerBoost(boolean value) {
            useSpeakerBoost = value;
            return this;
        }

        /**
         * Sets {@code speed}: 1.0 is the voice's normal pace, lower is slower.
         *
         * @param value {@value VoiceSettings#MIN_SPEED}..{@value VoiceSettings#MAX_SPEED}, inclusive
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is outside that range or NaN, naming {@code speed}
         */
        public Builder speed(double value) {
            if (!(value >= MIN_SPEED && value <= MAX_SPEED)) {
                throw new IllegalArgumentException("speed must be " + MIN_SPEED + ".." + MAX_SPEED + ", was " + value);
            }
            speed = value;
            return this;
        }

        /** {@return immutable settings holding the members set so far; the builder stays usable} */
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
