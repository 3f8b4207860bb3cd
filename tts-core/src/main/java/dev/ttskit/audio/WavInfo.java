package dev.ttskit.audio;

import java.time.Duration;

/**
 * What a WAV file's header says, checked against the bytes actually present.
 *
 * @param sampleRate    frames per second
 * @param channels      interleaved channels
 * @param bitsPerSample bits per stored sample (the container size, e.g. 32 for 24-in-32)
 * @param formatTag     the effective format tag, the sub-format for WAVE_FORMAT_EXTENSIBLE:
 *                      {@link #PCM}, {@link #IEEE_FLOAT}, {@link #ALAW} or {@link #MULAW}
 * @param dataOffset    where the sample data starts in the file
 * @param dataLength    bytes of whole frames present from {@code dataOffset}; never more than the file holds,
 *                      whatever the header claims
 * @param duration      play time of those frames
 */
public record WavInfo(int sampleRate, int channels, int bitsPerSample, int formatTag,
                      int dataOffset, int dataLength, Duration duration) {

    /** Integer PCM. */
    public static final int PCM = 1;
    /** IEEE 754 floating point. */
    public static final int IEEE_FLOAT = 3;
    /** G.711 A-law. */
    public static final int ALAW = 6;
    /** G.711 µ-law. */
    public static final int MULAW = 7;

    /**
     * Bytes per frame: one sample of every channel.
     *
     * @return bytes per frame
     */
    public int frameSize() {
        return channels * (bitsPerSample / 8);
    }

    /**
     * Number of whole frames present.
     *
     * @return the frame count
     */
    public int frames() {
        return dataLength / frameSize();
    }
}
