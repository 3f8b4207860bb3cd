package dev.ttskit.polly.internal;

import dev.ttskit.audio.AudioFormat;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code OutputFormat} and {@code SampleRate} a ttskit format is asked for with (spec section 4).
 * PCM is signed 16-bit little-endian mono at 8 or 16 kHz; WAV is that PCM behind a header the adapter
 * writes. MP3 comes at 8, 16, 22.05 or 24 kHz; Polly does not state its bit rate, so ttskit labels it
 * {@value #MP3_KBPS} kbit/s (the label, not the bytes, is what a caller matches on). Ogg Vorbis comes at
 * the same rates as MP3, with no bit rate stated; it is delivered as Polly sends it (ttskit has no
 * Vorbis codec, so it is never converted).
 */
public final class PollyFormats {
    /** The bit rate ttskit's label for Polly's MP3 carries. */
    public static final int MP3_KBPS = 48;
    static final int[] PCM_RATES = {8_000, 16_000};
    static final int[] MP3_RATES = {8_000, 16_000, 22_050, 24_000};
    static final int[] OGG_VORBIS_RATES = MP3_RATES;

    private PollyFormats() {
    }

    /** What is asked for: {@code pcm}, {@code mp3} or {@code ogg_vorbis}, and the rate as Polly wants it, a string. */
    public record Wire(String outputFormat, String sampleRate) {
    }

    /** The wire format for a ttskit format, or empty when Polly cannot produce it. */
    public static Optional<Wire> wireFor(AudioFormat format) {
        if (format.channels() != 1) return Optional.empty();
        int rate = format.sampleRate();
        if (format.isLinearPcm() && contains(PCM_RATES, rate)) return Optional.of(new Wire("pcm", Integer.toString(rate)));
        if (format.encoding() == AudioFormat.Encoding.MP3 && format.bitrateKbps() == MP3_KBPS && contains(MP3_RATES, rate)) {
            return Optional.of(new Wire("mp3", Integer.toString(rate)));
        }
        if (format.encoding() == AudioFormat.Encoding.VORBIS && format.bitrateKbps() == 0 && contains(OGG_VORBIS_RATES, rate)) {
            return Optional.of(new Wire("ogg_vorbis", Integer.toString(rate)));
        }
        return Optional.empty();
    }

    /** Every format the adapter delivers. */
    public static Set<AudioFormat> deliverable() {
        Set<AudioFormat> out = new LinkedHashSet<>();
        for (int r : PCM_RATES) out.add(AudioFormat.pcm(r));
        for (int r : PCM_RATES) out.add(AudioFormat.wav(r));
        for (int r : MP3_RATES) out.add(AudioFormat.mp3(r, MP3_KBPS));
        for (int r : OGG_VORBIS_RATES) out.add(AudioFormat.vorbis(r));
        return out;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) if (x == v) return true;
        return false;
    }
}
