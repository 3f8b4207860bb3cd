package dev.ttskit;

import java.time.Duration;
import java.util.Objects;

/**
 * What audio from a provider must look like to count as speech; anything else is BAD_AUDIO, which
 * the router retries or fails over. Judged on energy over time, not one peak: the audio is cut into
 * 20 ms frames and enough of them must rise above a floor, its overall RMS must reach a minimum, and
 * it must last long enough for the text it speaks. Applied to every provider's output (an MP3's
 * duration read from its frame headers) and to the start of every stream: a stream must show
 * audible audio within {@link #streamProbe()} before its first byte reaches the caller.
 *
 * <p>On by default ({@link #DEFAULT}); {@link #OFF} turns every check but "not empty" off.
 */
public final class AudioCheckPolicy {
    /** Frames above -50 dBFS in at least 5 % of the audio, RMS at least -60 dBFS, 4 ms per speakable character (over ten times faster than speech), 1 s stream probe. */
    public static final AudioCheckPolicy DEFAULT = builder().build();
    /** Only empty audio is refused. */
    public static final AudioCheckPolicy OFF = new AudioCheckPolicy(false, -50, 0, -120, Duration.ZERO, Duration.ofSeconds(1));

    private final boolean enabled;
    private final double frameFloorDbfs;
    private final double minActiveFraction;
    private final double minRmsDbfs;
    private final Duration minDurationPerChar;
    private final Duration streamProbe;

    private AudioCheckPolicy(boolean enabled, double frameFloorDbfs, double minActiveFraction, double minRmsDbfs,
                             Duration minDurationPerChar, Duration streamProbe) {
        this.enabled = enabled;
        this.frameFloorDbfs = frameFloorDbfs;
        this.minActiveFraction = minActiveFraction;
        this.minRmsDbfs = minRmsDbfs;
        this.minDurationPerChar = minDurationPerChar;
        this.streamProbe = streamProbe;
    }

    /**
     * {@return a builder starting from {@link #DEFAULT}'s bounds: frame floor -50 dBFS, 5% of
     * frames sound, RMS at least -60 dBFS, 4 ms per character, a 1 s stream probe}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return whether any check beyond "not empty" runs} */
    public boolean enabled() { return enabled; }

    /** {@return the level (dBFS) a 20 ms frame's RMS must exceed to count as sound} */
    public double frameFloorDbfs() { return frameFloorDbfs; }

    /** {@return the fraction (0..1) of frames that must be sound} */
    public double minActiveFraction() { return minActiveFraction; }

    /** {@return the RMS (dBFS) the whole audio must reach} */
    public double minRmsDbfs() { return minRmsDbfs; }

    /** {@return how long audio must last at least, per speakable character (letters and digits) of the text} */
    public Duration minDurationPerChar() { return minDurationPerChar; }

    /** {@return how much of a stream's start is read, at most, looking for sound before the stream is handed out} */
    public Duration streamProbe() { return streamProbe; }

    @Override
    public String toString() {
        return enabled ? "AudioCheckPolicy[frameFloor=" + frameFloorDbfs + " dBFS, minActive=" + minActiveFraction + ", minRms="
                + minRmsDbfs + " dBFS, minPerChar=" + minDurationPerChar + ", streamProbe=" + streamProbe + "]" : "AudioCheckPolicy[OFF]";
    }

    /** Builds an {@link AudioCheckPolicy}; every setter rejects impossible bounds at once, naming them. */
    public static final class Builder {
        private double frameFloorDbfs = -50;
        private double minActiveFraction = 0.05;
        private double minRmsDbfs = -60;
        private Duration minDurationPerChar = Duration.ofMillis(4);
        private Duration streamProbe = Duration.ofSeconds(1);

        private Builder() {
        }

        /**
         * -120..0 dBFS.
         *
         * @param value the level a 20 ms frame must exceed to count as sound; -50 by default
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is outside -120..0
         */
        public Builder frameFloorDbfs(double value) {
            frameFloorDbfs = dbfs(value, "frameFloorDbfs");
            return this;
        }

        /**
         * 0 (no energy check over time) to 1 (every frame must be sound).
         *
         * @param value the fraction of frames that must be sound; 0.05 by default
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is outside 0..1
         */
        public Builder minActiveFraction(double value) {
            if (!(value >= 0 && value <= 1)) throw new IllegalArgumentException("minActiveFraction must be 0..1, was " + value);
            minActiveFraction = value;
            return this;
        }

        /**
         * -120..0 dBFS.
         *
         * @param value the RMS the whole audio must reach; -60 by default
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is outside -120..0
         */
        public Builder minRmsDbfs(double value) {
            minRmsDbfs = dbfs(value, "minRmsDbfs");
            return this;
        }

        /**
         * 0 (no duration check) to 1 s per character.
         *
         * @param value the shortest playing time per speakable character; 4 ms by default
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is negative or above 1 s
         */
        public Builder minDurationPerChar(Duration value) {
            Objects.requireNonNull(value, "minDurationPerChar");
            if (value.isNegative() || value.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("minDurationPerChar must be 0..1s, was " + value);
            }
            minDurationPerChar = value;
            return this;
        }

        /**
         * 20 ms..30 s.
         *
         * @param value how much of a stream's start is read, at most, before it is handed out; 1 s
         *     by default
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is outside 20 ms..30 s
         */
        public Builder streamProbe(Duration value) {
            Objects.requireNonNull(value, "streamProbe");
            if (value.compareTo(Duration.ofMillis(20)) < 0 || value.compareTo(Duration.ofSeconds(30)) > 0) {
                throw new IllegalArgumentException("streamProbe must be 20ms..30s, was " + value);
            }
            streamProbe = value;
            return this;
        }

        private static double dbfs(double value, String name) {
            if (!(value >= -120 && value <= 0)) throw new IllegalArgumentException(name + " must be -120..0 dBFS, was " + value);
            return value;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException when no audio could meet the bounds: frames required above
         *                                  a 0 dBFS floor, or an RMS minimum of 0 dBFS
         */
        public AudioCheckPolicy build() {
            if (minActiveFraction > 0 && frameFloorDbfs >= 0) {
                throw new IllegalArgumentException("frameFloorDbfs " + frameFloorDbfs + " can never be exceeded, but minActiveFraction "
                        + minActiveFraction + " requires frames above it");
            }
            if (minRmsDbfs >= 0) {
                throw new IllegalArgumentException("minRmsDbfs " + minRmsDbfs + " can only be met by a full-scale square wave");
            }
            return new AudioCheckPolicy(true, frameFloorDbfs, minActiveFraction, minRmsDbfs, minDurationPerChar, streamProbe);
        }
    }
}
