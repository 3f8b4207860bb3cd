package dev.ttskit.xtts.internal;


import java.util.Locale;

/**
 * The DSP front end one encoder graph expects, read from its metadata (spec sections 5 and 7.4).
 *
 * @param sampleRate   audio rate in Hz
 * @param nFft         FFT size
 * @param winLength    window length, zero-padded centrally to {@code nFft}
 * @param hopLength    hop between frames
 * @param nMels        mel bands
 * @param fMin         lowest filter frequency
 * @param fMax         highest filter frequency
 * @param slaneyNorm   whether filters are Slaney-normalised (else no norm)
 * @param window       the periodic window
 * @param power        exponent of the magnitude (1 or 2)
 * @param logClampMin  when positive, output is {@code ln(max(mel, logClampMin))}; 0 means no log
 * @param preemphasis  pre-emphasis coefficient; 0 means none
 */
public record MelSpec(int sampleRate, int nFft, int winLength, int hopLength, int nMels, double fMin, double fMax,
                      boolean slaneyNorm, Window window, double power, double logClampMin, double preemphasis) {

    /** Periodic analysis windows as torch builds them. */
    public enum Window { HANN, HAMMING }

    /** Reads and checks the DSP keys; rejects only what cannot be honoured. */
    public static MelSpec from(GraphMetadata meta, boolean withLog, boolean withPreemphasis) {
        int sr = meta.positive("sample_rate");
        int nFft = meta.positive("n_fft");
        int win = meta.positive("win_length");
        int hop = meta.positive("hop_length");
        int nMels = meta.positive("n_mels");
        double fMin = meta.number("f_min");
        double fMax = meta.number("f_max");
        if (win > nFft) throw meta.error("win_length " + win + " exceeds n_fft " + nFft);
        if (fMin < 0 || fMax <= fMin || fMax > sr / 2.0) {
            throw meta.error("f_min/f_max " + fMin + "/" + fMax + " do not fit sample rate " + sr);
        }
        String scale = meta.string("mel_scale").toLowerCase(Locale.ROOT);
        if (!scale.equals("htk")) throw meta.error("mel_scale '" + scale + "' is not supported (htk only)");
        String norm = meta.string("mel_norm").toLowerCase(Locale.ROOT);
        boolean slaney;
        if (norm.equals("slaney")) slaney = true;
        else if (norm.equals("none")) slaney = false;
        else throw meta.error("mel_norm '" + norm + "' is not supported (slaney or none)");
        Window window = switch (meta.string("window").toLowerCase(Locale.ROOT)) {
            case "hann" -> Window.HANN;
            case "hamming" -> Window.HAMMING;
            default -> throw meta.error("window '" + meta.string("window") + "' is not supported (hann or hamming)");
        };
        if (!meta.bool("center")) throw meta.error("center=0 is not supported");
        String pad = meta.string("pad_mode").toLowerCase(Locale.ROOT);
        if (!pad.equals("reflect")) throw meta.error("pad_mode '" + pad + "' is not supported (reflect only)");
        double power = meta.number("power");
        if (power != 1 && power != 2) throw meta.error("power " + power + " is not supported (1 or 2)");
        double clamp = 0;
        if (withLog) {
            clamp = meta.number("log_clamp_min");
            if (!(clamp > 0)) throw meta.error("log_clamp_min must be > 0, was " + clamp);
        }
        double pre = 0;
        if (withPreemphasis) {
            pre = meta.number("preemphasis");
            if (pre < 0 || pre >= 1) throw meta.error("preemphasis must be in [0, 1), was " + pre);
        }
        return new MelSpec(sr, nFft, win, hop, nMels, fMin, fMax, slaney, window, power, clamp, pre);
    }

}
