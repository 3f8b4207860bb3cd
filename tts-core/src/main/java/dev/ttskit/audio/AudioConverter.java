package dev.ttskit.audio;

import dev.ttskit.AudioFormatException;
import dev.ttskit.UnsupportedRequestException;

import java.util.Objects;

/**
 * Converts between the formats ttskit can handle without a codec library: 16-bit linear PCM and
 * G.711 µ-law/A-law, raw or in a WAV container. MP3, Opus, AAC, FLAC and Vorbis have no decoder or
 * encoder here by design; asking for them fails with {@link UnsupportedRequestException}.
 */
public final class AudioConverter {

    private AudioConverter() {
    }

    /**
     * Decodes {@code audio} that is in {@code format}.
     *
     * <p>For WAV the file's own header is authoritative: any bit depth {@link WavCodec} reads is accepted
     * and the result has the header's rate and channels, whatever {@code format} says. Raw data takes the
     * rate and channels of {@code format}.
     *
     * @param audio  the encoded audio
     * @param format what the bytes are
     * @return the samples
     * @throws AudioFormatException        when the bytes are empty, corrupt or not whole frames
     * @throws UnsupportedRequestException for MP3, Opus, AAC, FLAC and Vorbis
     */
    public static PcmAudio decode(byte[] audio, AudioFormat format) {
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(format, "format");
        requireCodec(format);
        if (format.container() == AudioFormat.Container.WAV) {
            return WavCodec.decode(audio);
        }
        if (audio.length == 0) {
            throw AudioFormatException.builder("no audio data (empty)").build();
        }
        int channels = format.channels();
        return switch (format.encoding()) {
            case MULAW, ALAW -> {
                if (audio.length % channels != 0) {
                    throw AudioFormatException.builder("G.711 data of " + audio.length + " bytes is not a whole number of " + channels + "-byte frames")
                            .build();
                }
                float[] samples = format.encoding() == AudioFormat.Encoding.MULAW
                        ? SampleCodec.mulawToFloat(audio, 0, audio.length)
                        : SampleCodec.alawToFloat(audio, 0, audio.length);
                yield PcmAudio.wrap(samples, format.sampleRate(), channels);
            }
            default -> PcmAudio.fromPcm16(audio, format.sampleRate(), channels);
        };
    }

    /**
     * Encodes {@code pcm} as {@code format}, first mixing its channels to the format's channel count
     * (via mono) and resampling to the format's rate when they differ.
     *
     * @param pcm    the samples
     * @param format what to produce; PCM-based
     * @return the encoded bytes, with a header for WAV
     * @throws UnsupportedRequestException for MP3, Opus, AAC, FLAC and Vorbis
     */
    public static byte[] encode(PcmAudio pcm, AudioFormat format) {
        Objects.requireNonNull(pcm, "pcm");
        Objects.requireNonNull(format, "format");
        requireCodec(format);
        PcmAudio fitted = Resampler.resample(withChannels(pcm, format.channels()), format.sampleRate());
        boolean wav = format.container() == AudioFormat.Container.WAV;
        return switch (format.encoding()) {
            case MULAW -> {
                byte[] data = SampleCodec.floatToMulaw(fitted.samplesView());
                yield wav ? WavCodec.wrap(data, WavInfo.MULAW, 8, fitted.sampleRate(), fitted.channels()) : data;
            }
            case ALAW -> {
                byte[] data = SampleCodec.floatToAlaw(fitted.samplesView());
                yield wav ? WavCodec.wrap(data, WavInfo.ALAW, 8, fitted.sampleRate(), fitted.channels()) : data;
            }
            default -> wav ? WavCodec.encode(fitted) : fitted.toPcm16();
        };
    }

    /**
     * Converts {@code audio} from one format to another: decode, mix channels, resample, encode.
     * Returns {@code audio} itself, unexamined, when the formats are equal.
     *
     * @param audio the encoded audio
     * @param from  what the bytes are
     * @param to    what to produce
     * @return the converted bytes, or {@code audio} itself
     * @throws AudioFormatException        when the input is empty or corrupt
     * @throws UnsupportedRequestException when either format is MP3, Opus, AAC, FLAC or Vorbis
     */
    public static byte[] convert(byte[] audio, AudioFormat from, AudioFormat to) {
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            return audio;
        }
        requireCodec(to);
        return encode(decode(audio, from), to);
    }

    /** {@code pcm} with {@code channels} channels: unchanged, mixed down to mono, or mono copied to each. */
    private static PcmAudio withChannels(PcmAudio pcm, int channels) {
        if (pcm.channels() == channels) {
            return pcm;
        }
        PcmAudio mono = pcm.toMono();
        if (channels == 1) {
            return mono;
        }
        float[] src = mono.samplesView();
        float[] out = new float[Math.multiplyExact(src.length, channels)];
        for (int f = 0, i = 0; f < src.length; f++) {
            for (int c = 0; c < channels; c++) {
                out[i++] = src[f];
            }
        }
        return PcmAudio.wrap(out, mono.sampleRate(), channels);
    }

    private static void requireCodec(AudioFormat format) {
        if (!format.isPcmBased()) {
            throw UnsupportedRequestException.builder("ttskit has no " + format.encoding() + " codec; cannot convert "
                    + format).build();
        }
    }
}
