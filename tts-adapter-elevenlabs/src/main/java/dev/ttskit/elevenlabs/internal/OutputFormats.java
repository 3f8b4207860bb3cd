package dev.ttskit.elevenlabs.internal;

import dev.ttskit.audio.AudioFormat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code output_format} values ElevenLabs accepts on every text-to-speech endpoint, and how a
 * requested {@link AudioFormat} maps onto one. WAV is not asked for natively (only some endpoints
 * offer it): the adapter asks for PCM at the same rate and writes the header itself.
 */
public final class OutputFormats {
    /** The values every REST endpoint and the WebSocket accept (August 2025 reference). */
    public static final List<String> NAMES = List.of(
            "mp3_22050_32", "mp3_44100_32", "mp3_44100_64", "mp3_44100_96", "mp3_44100_128", "mp3_44100_192",
            "pcm_8000", "pcm_16000", "pcm_22050", "pcm_24000", "pcm_44100", "pcm_48000",
            "ulaw_8000", "alaw_8000",
            "opus_48000_32", "opus_48000_64", "opus_48000_96", "opus_48000_128", "opus_48000_192");

    private static final Set<String> KNOWN = Set.copyOf(NAMES);

    private OutputFormats() {
    }

    /**
     * The {@code output_format} to request for {@code wanted}: its own name for formats produced
     * natively, {@code pcm_<rate>} for mono 16-bit WAV. Empty when ElevenLabs cannot produce it.
     */
    public static Optional<String> outputFormatFor(AudioFormat wanted) {
        if (wanted.channels() != 1) return Optional.empty();
        boolean wav = wanted.container() == AudioFormat.Container.WAV;
        if (wav && !wanted.isLinearPcm()) return Optional.empty();
        String name = (wav ? wanted.withContainer(AudioFormat.Container.RAW) : wanted).providerName();
        return KNOWN.contains(name) ? Optional.of(name) : Optional.empty();
    }

    /** Whether the adapter must put a WAV header in front of the PCM it receives. */
    public static boolean needsWavHeader(AudioFormat wanted) {
        return wanted.container() == AudioFormat.Container.WAV;
    }

    /** Every format the adapter can deliver: the native list plus WAV at each PCM rate. */
    public static Set<AudioFormat> deliverable() {
        Set<AudioFormat> formats = new LinkedHashSet<>();
        for (String name : NAMES) {
            AudioFormat f = AudioFormat.parse(name);
            formats.add(f);
            if (f.isLinearPcm()) formats.add(AudioFormat.wav(f.sampleRate()));
        }
        return formats;
    }
}
