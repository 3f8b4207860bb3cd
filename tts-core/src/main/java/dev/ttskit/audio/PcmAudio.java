package dev.ttskit.audio;

import dev.ttskit.AudioFormatException;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Decoded audio: interleaved float samples in {@code [-1, 1]}, a sample rate and a channel count.
 *
 * <p>Immutable: factories copy the array they are given and {@link #samples()} returns a copy.
 * Samples outside {@code [-1, 1]} are kept as they are and clipped only when encoded.
 */
public final class PcmAudio {

    /** Highest sample rate accepted anywhere in ttskit's audio code. */
    static final int MAX_SAMPLE_RATE = 768_000;
    /** Highest channel count accepted anywhere in ttskit's audio code. */
    static final int MAX_CHANNELS = 32;

    private final float[] samples;
    private final int sampleRate;
    private final int channels;

    private PcmAudio(float[] samples, int sampleRate, int channels) {
        this.samples = samples;
        this.sampleRate = sampleRate;
        this.channels = channels;
    }

    /**
     * Audio from interleaved samples (frame by frame: left, right, left, right, ...).
     *
     * @param interleavedSamples samples nominally in {@code [-1, 1]}; copied; length a multiple of {@code channels}
     * @param sampleRate         frames per second, 1..768000
     * @param channels           1..32
     * @return the audio
     * @throws IllegalArgumentException for a bad rate or channel count, or a partial last frame
     */
    public static PcmAudio of(float[] interleavedSamples, int sampleRate, int channels) {
        Objects.requireNonNull(interleavedSamples, "interleavedSamples");
        checkLayout(sampleRate, channels);
        if (interleavedSamples.length % channels != 0) {
            throw new IllegalArgumentException("sample count " + interleavedSamples.length
                    + " is not a multiple of channels " + channels);
        }
        return new PcmAudio(interleavedSamples.clone(), sampleRate, channels);
    }

    /** Wraps an array this package built itself and will not touch again; no copy. */
    static PcmAudio wrap(float[] interleavedSamples, int sampleRate, int channels) {
        return new PcmAudio(interleavedSamples, sampleRate, channels);
    }

    /**
     * Audio from signed 16-bit little-endian interleaved PCM.
     *
     * @param le         the PCM bytes, two per sample
     * @param sampleRate frames per second, 1..768000
     * @param channels   1..32
     * @return the audio, as floats
     * @throws IllegalArgumentException for a bad rate or channel count
     * @throws AudioFormatException     when the bytes are not a whole number of frames
     */
    public static PcmAudio fromPcm16(byte[] le, int sampleRate, int channels) {
        Objects.requireNonNull(le, "le");
        checkLayout(sampleRate, channels);
        int frameBytes = 2 * channels;
        if (le.length % frameBytes != 0) {
            throw AudioFormatException.builder("PCM16 data of " + le.length + " bytes is not a whole number of " + frameBytes + "-byte frames")
                    .build();
        }
        return wrap(SampleCodec.pcm16ToFloat(le, 0, le.length), sampleRate, channels);
    }

    static void checkLayout(int sampleRate, int channels) {
        if (sampleRate < 1 || sampleRate > MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("sampleRate must be 1.." + MAX_SAMPLE_RATE + " Hz, was " + sampleRate);
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("channels must be 1.." + MAX_CHANNELS + ", was " + channels);
        }
    }

    /**
     * A copy of the interleaved samples.
     *
     * @return a new array, frame by frame
     */
    public float[] samples() {
        return samples.clone();
    }

    /** The samples without a copy, for this package's own read-only use. */
    float[] samplesView() {
        return samples;
    }

    /**
     * Number of frames (samples per channel).
     *
     * @return the frame count
     */
    public int frames() {
        return samples.length / channels;
    }

    /**
     * Frames per second.
     *
     * @return the sample rate in Hz
     */
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * Number of interleaved channels.
     *
     * @return the channel count, 1 for mono
     */
    public int channels() {
        return channels;
    }

    /**
     * Whether there are no frames at all.
     *
     * @return true when there is no sample
     */
    public boolean isEmpty() {
        return samples.length == 0;
    }

    /**
     * Play time, to the nanosecond (rounded down).
     *
     * @return frames divided by the sample rate
     */
    public Duration duration() {
        return Duration.ofNanos(frames() * 1_000_000_000L / sampleRate);
    }

    /**
     * This audio with its channels averaged into one; {@code this} when already mono.
     *
     * @return mono audio at the same rate
     */
    public PcmAudio toMono() {
        if (channels == 1) {
            return this;
        }
        int frames = frames();
        float[] mono = new float[frames];
        for (int f = 0, i = 0; f < frames; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += samples[i++];
            }
            mono[f] = (float) (sum / channels);
        }
        return wrap(mono, sampleRate, 1);
    }

    /**
     * Signed 16-bit little-endian interleaved PCM; samples outside {@code [-1, 1)} are clipped.
     *
     * @return two bytes a sample
     */
    public byte[] toPcm16() {
        return SampleCodec.floatToPcm16(samples);
    }

    /** Equal when rate, channels and every sample are equal. */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof PcmAudio)) return false;
        PcmAudio that = (PcmAudio) o;
        return sampleRate == that.sampleRate && channels == that.channels && Arrays.equals(samples, that.samples);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * sampleRate + channels) + Arrays.hashCode(samples);
    }

    /** Describes the layout and length only, never the samples. */
    @Override
    public String toString() {
        return "PcmAudio[" + frames() + " frames, " + sampleRate + " Hz, " + channels + " ch]";
    }
}
