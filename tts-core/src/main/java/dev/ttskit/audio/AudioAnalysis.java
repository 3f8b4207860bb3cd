package dev.ttskit.audio;

import java.util.Objects;

/**
 * Level measurements on decoded audio, used to reject empty or silent provider output.
 *
 * <p>Levels are linear, 1.0 being full scale; {@link #toDbfs} turns them into dBFS.
 */
public final class AudioAnalysis {

    /**
     * The peak level below which {@link #isSilent(PcmAudio)} calls audio silent: -60 dBFS, about 33 in
     * 16-bit samples, well under breath noise in recorded speech and above dither.
     */
    public static final double DEFAULT_SILENCE_PEAK_DBFS = -60.0;

    private AudioAnalysis() {
    }

    /**
     * Root mean square over all samples of all channels; 0 for empty audio.
     *
     * @param audio the audio
     * @return the RMS level, 0 to 1 for samples in range
     */
    public static double rms(PcmAudio audio) {
        Objects.requireNonNull(audio, "audio");
        float[] s = audio.samplesView();
        if (s.length == 0) {
            return 0;
        }
        double sum = 0;
        for (float v : s) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / s.length);
    }

    /**
     * Largest absolute sample value; 0 for empty audio.
     *
     * @param audio the audio
     * @return the peak level, 0 to 1 for samples in range
     */
    public static double peak(PcmAudio audio) {
        Objects.requireNonNull(audio, "audio");
        double peak = 0;
        for (float v : audio.samplesView()) {
            peak = Math.max(peak, Math.abs(v));
        }
        return peak;
    }

    /**
     * Whether the audio is empty or its peak stays below {@value #DEFAULT_SILENCE_PEAK_DBFS} dBFS.
     * Since RMS never exceeds the peak, the RMS is then below that level too.
     *
     * @param audio the audio
     * @return true for silence or no audio
     */
    public static boolean isSilent(PcmAudio audio) {
        return isSilent(audio, DEFAULT_SILENCE_PEAK_DBFS);
    }

    /**
     * Whether the audio is empty or its peak stays below {@code peakDbfs}.
     *
     * @param audio    the audio
     * @param peakDbfs threshold in dBFS, e.g. -60.0; must be 0 or less
     * @return true for silence or no audio
     * @throws IllegalArgumentException when {@code peakDbfs} is positive or not a number
     */
    public static boolean isSilent(PcmAudio audio, double peakDbfs) {
        Objects.requireNonNull(audio, "audio");
        if (!(peakDbfs <= 0)) {
            throw new IllegalArgumentException("peakDbfs must be 0 or less, was " + peakDbfs);
        }
        return audio.isEmpty() || peak(audio) < Math.pow(10, peakDbfs / 20);
    }

    /**
     * A linear level in dBFS: {@code 20 * log10(level)}; negative infinity for 0.
     *
     * @param level a linear level, 1.0 being full scale
     * @return the level in dBFS, 0 or less for levels up to full scale
     */
    public static double toDbfs(double level) {
        return 20 * Math.log10(level);
    }
}
