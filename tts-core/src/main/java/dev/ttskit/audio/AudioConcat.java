package dev.ttskit.audio;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Joins audio parts end to end, with silence or a crossfade between them. */
public final class AudioConcat {

    private AudioConcat() {
    }

    /**
     * The parts one after another.
     *
     * <p>A positive {@code gap} inserts that much silence between neighbours. A positive {@code crossfade}
     * overlaps neighbours by that much instead, fading the earlier part out and the later one in with
     * equal-power (sine/cosine) curves so the loudness stays even; the overlap is clamped to what both
     * neighbours can give (the earlier part never loses more than it has left after its own fade-in).
     * Durations are rounded to whole frames.
     *
     * @param parts     at least one part; all with the same sample rate and channel count
     * @param gap       silence between parts, zero or positive
     * @param crossfade overlap between parts, zero or positive; not together with a positive gap
     * @return one audio at the parts' rate and channel count
     * @throws IllegalArgumentException for no parts, mismatched parts, negative durations or both a gap and
     *                                  a crossfade
     */
    public static PcmAudio concat(List<PcmAudio> parts, Duration gap, Duration crossfade) {
        Objects.requireNonNull(parts, "parts");
        Objects.requireNonNull(gap, "gap");
        Objects.requireNonNull(crossfade, "crossfade");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("parts must not be empty");
        }
        if (gap.isNegative() || crossfade.isNegative()) {
            throw new IllegalArgumentException("gap and crossfade must not be negative, were " + gap + " and " + crossfade);
        }
        if (!gap.isZero() && !crossfade.isZero()) {
            throw new IllegalArgumentException("use a gap or a crossfade, not both (" + gap + ", " + crossfade + ")");
        }
        PcmAudio first = Objects.requireNonNull(parts.get(0), "parts[0]");
        int rate = first.sampleRate();
        int channels = first.channels();
        for (int i = 1; i < parts.size(); i++) {
            PcmAudio p = Objects.requireNonNull(parts.get(i), "parts[" + i + "]");
            if (p.sampleRate() != rate || p.channels() != channels) {
                throw new IllegalArgumentException("parts[" + i + "] is " + p.sampleRate() + " Hz/" + p.channels()
                        + " ch but parts[0] is " + rate + " Hz/" + channels + " ch");
            }
        }
        long gapFrames = frames(gap, rate);
        long fadeFrames = frames(crossfade, rate);

        // First pass: the overlap before each part, so the output can be allocated once.
        int[] overlap = new int[parts.size()];
        long total = first.frames();
        int tailLeft = first.frames();
        for (int i = 1; i < parts.size(); i++) {
            int len = parts.get(i).frames();
            overlap[i] = (int) Math.min(fadeFrames, Math.min(tailLeft, len));
            total += len - overlap[i] + gapFrames;
            tailLeft = len - overlap[i];
        }
        if (total * channels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("concatenated audio too long: " + total + " frames");
        }
        float[] out = new float[(int) total * channels];
        int pos = 0;  // in frames
        for (int i = 0; i < parts.size(); i++) {
            float[] s = parts.get(i).samplesView();
            int n = overlap[i];
            if (i > 0) {
                pos += (int) gapFrames - n;
            }
            for (int f = 0; f < n; f++) {
                double theta = Math.PI / 2 * (f + 0.5) / n;
                double fadeOut = Math.cos(theta);
                double fadeIn = Math.sin(theta);
                for (int c = 0; c < channels; c++) {
                    int o = (pos + f) * channels + c;
                    out[o] = (float) (out[o] * fadeOut + s[f * channels + c] * fadeIn);
                }
            }
            System.arraycopy(s, n * channels, out, (pos + n) * channels, s.length - n * channels);
            pos += s.length / channels;
        }
        return PcmAudio.wrap(out, rate, channels);
    }

    private static long frames(Duration d, int rate) {
        double frames = Math.rint((d.getSeconds() + d.getNano() / 1e9) * rate);
        if (frames > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("duration too long: " + d);
        }
        return (long) frames;
    }
}
