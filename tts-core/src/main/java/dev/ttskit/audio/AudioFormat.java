package dev.ttskit.audio;

import java.util.Locale;
import java.util.Objects;

/**
 * An audio format: container, encoding, sample rate, channels and (for compressed formats) bitrate.
 *
 * <p>An "open enum": the constants cover what providers produce, and {@link #of} makes any other.
 * Provider names such as {@code pcm_24000}, {@code mp3_44100_128}, {@code ulaw_8000} and
 * {@code opus_48000_64}, {@code aac_24000}, {@code flac_24000} and {@code vorbis_22050} are read by
 * {@link #parse} and written by {@link #providerName()}.
 *
 * <p>AAC, FLAC and Vorbis are delivered as the provider made them: ttskit has no codec for them (as for
 * MP3 and Opus), so it neither converts to nor from them; their duration is read from the container's
 * headers where it states one ({@link ContainerDuration}).
 */
public final class AudioFormat {

    /** How the samples are packaged. */
    public enum Container {
        /** A RIFF/WAVE file: a header that states the encoding, rate and channels, then the samples. */
        WAV,
        /** The samples alone, with no header; the format says what they are. */
        RAW,
        /** MPEG audio frames, each with its own header. */
        MP3,
        /** An Ogg stream (pages with checksums) carrying Opus or Vorbis. */
        OGG,
        /** AAC frames, each behind its own ADTS header (the framing of a plain {@code .aac} file). */
        ADTS,
        /** A native FLAC stream: {@code fLaC}, metadata blocks (STREAMINFO first), then frames. */
        FLAC
    }

    /** How each sample is encoded. */
    public enum Encoding {
        /** Signed 16-bit linear PCM, little-endian, channels interleaved. */
        PCM_S16LE,
        /** G.711 µ-law: 8 bits a sample, telephony in North America and Japan. */
        MULAW,
        /** G.711 A-law: 8 bits a sample, telephony elsewhere. */
        ALAW,
        /** MPEG-1/2 Layer III. */
        MP3,
        /** Opus. */
        OPUS,
        /** MPEG-4 AAC (Low Complexity and its relatives), 1024 samples a frame. */
        AAC,
        /** FLAC, lossless. */
        FLAC,
        /** Vorbis. */
        VORBIS
    }

    /** Mono 16-bit PCM WAV at 16 kHz ({@code wav_16000}). */
    public static final AudioFormat WAV_PCM16_16K = wav(16_000);
    /** Mono 16-bit PCM WAV at 22.05 kHz ({@code wav_22050}). */
    public static final AudioFormat WAV_PCM16_22K = wav(22_050);
    /** Mono 16-bit PCM WAV at 24 kHz ({@code wav_24000}). */
    public static final AudioFormat WAV_PCM16_24K = wav(24_000);
    /** Mono 16-bit PCM WAV at 44.1 kHz ({@code wav_44100}). */
    public static final AudioFormat WAV_PCM16_44K = wav(44_100);
    /** Mono 16-bit PCM WAV at 48 kHz ({@code wav_48000}). */
    public static final AudioFormat WAV_PCM16_48K = wav(48_000);

    /** Mono headerless 16-bit PCM at 16 kHz ({@code pcm_16000}). */
    public static final AudioFormat PCM16_16K = pcm(16_000);
    /** Mono headerless 16-bit PCM at 22.05 kHz ({@code pcm_22050}). */
    public static final AudioFormat PCM16_22K = pcm(22_050);
    /** Mono headerless 16-bit PCM at 24 kHz ({@code pcm_24000}). */
    public static final AudioFormat PCM16_24K = pcm(24_000);
    /** Mono headerless 16-bit PCM at 44.1 kHz ({@code pcm_44100}). */
    public static final AudioFormat PCM16_44K = pcm(44_100);
    /** Mono headerless 16-bit PCM at 48 kHz ({@code pcm_48000}). */
    public static final AudioFormat PCM16_48K = pcm(48_000);

    /** Mono MP3 at 22.05 kHz, 32 kbit/s ({@code mp3_22050_32}). */
    public static final AudioFormat MP3_22K_32 = mp3(22_050, 32);
    /** Mono MP3 at 44.1 kHz, 64 kbit/s ({@code mp3_44100_64}). */
    public static final AudioFormat MP3_44K_64 = mp3(44_100, 64);
    /** Mono MP3 at 44.1 kHz, 96 kbit/s ({@code mp3_44100_96}). */
    public static final AudioFormat MP3_44K_96 = mp3(44_100, 96);
    /** Mono MP3 at 44.1 kHz, 128 kbit/s ({@code mp3_44100_128}). */
    public static final AudioFormat MP3_44K_128 = mp3(44_100, 128);
    /** Mono MP3 at 44.1 kHz, 192 kbit/s ({@code mp3_44100_192}). */
    public static final AudioFormat MP3_44K_192 = mp3(44_100, 192);

    /** Mono headerless G.711 µ-law at 8 kHz ({@code ulaw_8000}), as telephony carries it. */
    public static final AudioFormat MULAW_8K = new AudioFormat(Container.RAW, Encoding.MULAW, 8_000, 1, 0);
    /** Mono headerless G.711 A-law at 8 kHz ({@code alaw_8000}), as telephony carries it. */
    public static final AudioFormat ALAW_8K = new AudioFormat(Container.RAW, Encoding.ALAW, 8_000, 1, 0);
    /** Mono Opus in Ogg at 48 kHz, 64 kbit/s ({@code opus_48000_64}). */
    public static final AudioFormat OPUS_48K_64 = new AudioFormat(Container.OGG, Encoding.OPUS, 48_000, 1, 64);
    /** Mono AAC in ADTS frames at 24 kHz, bitrate not stated ({@code aac_24000}), as OpenAI sends it. */
    public static final AudioFormat AAC_24K = aac(24_000);
    /** Mono FLAC at 24 kHz ({@code flac_24000}), as OpenAI sends it. */
    public static final AudioFormat FLAC_24K = flac(24_000);
    /** Mono Vorbis in Ogg at 22.05 kHz, bitrate not stated ({@code vorbis_22050}): Polly's standard voices. */
    public static final AudioFormat OGG_VORBIS_22K = vorbis(22_050);
    /** Mono Vorbis in Ogg at 24 kHz, bitrate not stated ({@code vorbis_24000}): Polly's neural voices. */
    public static final AudioFormat OGG_VORBIS_24K = vorbis(24_000);

    /** Lowest sample rate a format may have, in Hz; also the lowest a WAV file may have to be read. */
    public static final int MIN_SAMPLE_RATE = 4_000;
    /** Highest sample rate a format may have, in Hz; also the highest a WAV file may have to be read. */
    public static final int MAX_SAMPLE_RATE = 192_000;
    /** Most channels a format may have; also the most a WAV file may have to be read. */
    public static final int MAX_CHANNELS = 8;

    private final Container container;
    private final Encoding encoding;
    private final int sampleRate;
    private final int channels;
    private final int bitrateKbps;

    private AudioFormat(Container container, Encoding encoding, int sampleRate, int channels, int bitrateKbps) {
        this.container = container;
        this.encoding = encoding;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.bitrateKbps = bitrateKbps;
    }

    /**
     * Any format. Fails fast on impossible combinations.
     *
     * @param container   how the samples are packaged
     * @param encoding    how each sample is encoded; it must fit the container
     * @param sampleRate  samples per second, {@value #MIN_SAMPLE_RATE} to {@value #MAX_SAMPLE_RATE}
     * @param channels    1 to {@value #MAX_CHANNELS}
     * @param bitrateKbps bitrate for MP3 and Opus; for AAC and Vorbis the bitrate or 0 when it is not
     *                    stated; 0 for PCM, G.711 and FLAC
     * @return the format
     * @throws IllegalArgumentException naming the setting and value that cannot be, or the
     *                                  container that cannot hold the encoding
     */
    public static AudioFormat of(Container container, Encoding encoding, int sampleRate, int channels, int bitrateKbps) {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(encoding, "encoding");
        if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("sampleRate must be " + MIN_SAMPLE_RATE + ".." + MAX_SAMPLE_RATE
                    + " Hz, was " + sampleRate);
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("channels must be 1.." + MAX_CHANNELS + ", was " + channels);
        }
        boolean fixedBitrate = encoding == Encoding.MP3 || encoding == Encoding.OPUS;
        boolean statedBitrate = encoding == Encoding.AAC || encoding == Encoding.VORBIS;
        if (fixedBitrate ? bitrateKbps <= 0 || bitrateKbps > 512
                : statedBitrate ? bitrateKbps < 0 || bitrateKbps > 512 : bitrateKbps != 0) {
            throw new IllegalArgumentException("bitrateKbps " + bitrateKbps + " does not fit encoding " + encoding);
        }
        boolean fits = switch (container) {
            case WAV -> encoding == Encoding.PCM_S16LE || encoding == Encoding.MULAW || encoding == Encoding.ALAW;
            case RAW -> encoding == Encoding.PCM_S16LE || encoding == Encoding.MULAW || encoding == Encoding.ALAW;
            case MP3 -> encoding == Encoding.MP3;
            case OGG -> encoding == Encoding.OPUS || encoding == Encoding.VORBIS;
            case ADTS -> encoding == Encoding.AAC;
            case FLAC -> encoding == Encoding.FLAC;
        };
        if (!fits) {
            throw new IllegalArgumentException("container " + container + " cannot hold encoding " + encoding);
        }
        return new AudioFormat(container, encoding, sampleRate, channels, bitrateKbps);
    }

    /**
     * Mono 16-bit PCM in a WAV container.
     *
     * @param sampleRate samples per second
     * @return the format
     * @throws IllegalArgumentException when the rate is out of range
     */
    public static AudioFormat wav(int sampleRate) {
        return of(Container.WAV, Encoding.PCM_S16LE, sampleRate, 1, 0);
    }

    /**
     * Mono 16-bit little-endian PCM with no header.
     *
     * @param sampleRate samples per second
     * @return the format
     * @throws IllegalArgumentException when the rate is out of range
     */
    public static AudioFormat pcm(int sampleRate) {
        return of(Container.RAW, Encoding.PCM_S16LE, sampleRate, 1, 0);
    }

    /**
     * Mono MP3.
     *
     * @param sampleRate  samples per second
     * @param bitrateKbps bitrate in kbit/s, 1 to 512
     * @return the format
     * @throws IllegalArgumentException when the rate or bitrate is out of range
     */
    public static AudioFormat mp3(int sampleRate, int bitrateKbps) {
        return of(Container.MP3, Encoding.MP3, sampleRate, 1, bitrateKbps);
    }

    /**
     * Mono AAC in ADTS frames, bitrate not stated.
     *
     * @param sampleRate samples per second
     * @return the format
     * @throws IllegalArgumentException when the rate is out of range
     */
    public static AudioFormat aac(int sampleRate) {
        return of(Container.ADTS, Encoding.AAC, sampleRate, 1, 0);
    }

    /**
     * Mono FLAC.
     *
     * @param sampleRate samples per second
     * @return the format
     * @throws IllegalArgumentException when the rate is out of range
     */
    public static AudioFormat flac(int sampleRate) {
        return of(Container.FLAC, Encoding.FLAC, sampleRate, 1, 0);
    }

    /**
     * Mono Vorbis in Ogg, bitrate not stated.
     *
     * @param sampleRate samples per second
     * @return the format
     * @throws IllegalArgumentException when the rate is out of range
     */
    public static AudioFormat vorbis(int sampleRate) {
        return of(Container.OGG, Encoding.VORBIS, sampleRate, 1, 0);
    }

    /**
     * Parses a provider-style name: {@code pcm_24000}, {@code wav_44100}, {@code mp3_44100_128},
     * {@code ulaw_8000}, {@code alaw_8000}, {@code opus_48000_64}, {@code aac_24000} (or with a bitrate,
     * {@code aac_24000_64}), {@code flac_24000}, {@code vorbis_22050} (or {@code vorbis_22050_64}).
     * Case-insensitive.
     *
     * @param name the provider-style name
     * @return the format it names
     * @throws IllegalArgumentException for anything else
     */
    public static AudioFormat parse(String name) {
        Objects.requireNonNull(name, "name");
        String[] parts = name.trim().toLowerCase(Locale.ROOT).split("_", -1);
        try {
            int rate = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
            switch (parts[0]) {
                case "pcm": if (parts.length == 2) return pcm(rate); break;
                case "wav": if (parts.length == 2) return wav(rate); break;
                case "ulaw": case "mulaw": if (parts.length == 2) return of(Container.RAW, Encoding.MULAW, rate, 1, 0); break;
                case "alaw": if (parts.length == 2) return of(Container.RAW, Encoding.ALAW, rate, 1, 0); break;
                case "mp3": if (parts.length == 3) return mp3(rate, Integer.parseInt(parts[2])); break;
                case "opus": if (parts.length == 3) return of(Container.OGG, Encoding.OPUS, rate, 1, Integer.parseInt(parts[2])); break;
                case "aac": if (parts.length == 2 || parts.length == 3) return of(Container.ADTS, Encoding.AAC, rate, 1, bitrate(parts)); break;
                case "flac": if (parts.length == 2) return flac(rate); break;
                case "vorbis": if (parts.length == 2 || parts.length == 3) return of(Container.OGG, Encoding.VORBIS, rate, 1, bitrate(parts)); break;
                default: break;
            }
        } catch (NumberFormatException e) {
            // fall through to the uniform message below
        }
        throw new IllegalArgumentException("unknown audio format name '" + name
                + "' (expected e.g. pcm_24000, wav_24000, mp3_44100_128, ulaw_8000, opus_48000_64, aac_24000, flac_24000, vorbis_22050)");
    }

    /** The optional third part of a name, the bitrate; 0 (not stated) when absent. */
    private static int bitrate(String[] parts) {
        return parts.length == 3 ? Integer.parseInt(parts[2]) : 0;
    }

    /**
     * The provider-style name of this format; the inverse of {@link #parse}.
     *
     * @return the name, e.g. {@code mp3_44100_128}
     */
    public String providerName() {
        return switch (encoding) {
            case PCM_S16LE -> (container == Container.WAV ? "wav_" : "pcm_") + sampleRate;
            case MULAW -> "ulaw_" + sampleRate;
            case ALAW -> "alaw_" + sampleRate;
            case MP3 -> "mp3_" + sampleRate + "_" + bitrateKbps;
            case OPUS -> "opus_" + sampleRate + "_" + bitrateKbps;
            case AAC -> "aac_" + sampleRate + (bitrateKbps == 0 ? "" : "_" + bitrateKbps);
            case FLAC -> "flac_" + sampleRate;
            case VORBIS -> "vorbis_" + sampleRate + (bitrateKbps == 0 ? "" : "_" + bitrateKbps);
        };
    }

    /**
     * How the samples are packaged.
     *
     * @return the container
     */
    public Container container() { return container; }

    /**
     * How each sample is encoded.
     *
     * @return the encoding
     */
    public Encoding encoding() { return encoding; }

    /**
     * Samples per second.
     *
     * @return the sample rate in Hz
     */
    public int sampleRate() { return sampleRate; }

    /**
     * Channels, interleaved in PCM.
     *
     * @return the channel count, 1 for mono
     */
    public int channels() { return channels; }

    /**
     * Bitrate for MP3 and Opus, and for AAC and Vorbis where it is stated.
     *
     * @return the bitrate in kbit/s; 0 for PCM, G.711 and FLAC, and for AAC and Vorbis when not stated
     */
    public int bitrateKbps() { return bitrateKbps; }

    /**
     * Whether the samples are 16-bit linear PCM (with or without a WAV header).
     *
     * @return true for {@link Encoding#PCM_S16LE}
     */
    public boolean isLinearPcm() { return encoding == Encoding.PCM_S16LE; }

    /**
     * Whether this is linear PCM or G.711 (µ-law, A-law): samples ttskit decodes and encodes itself,
     * so it can check them for silence and make this format from any provider's PCM (resample,
     * downmix, encode, wrap). MP3, Opus, AAC, FLAC and Vorbis need codecs ttskit does not include.
     *
     * @return true for linear PCM, µ-law and A-law
     */
    public boolean isPcmBased() {
        return encoding == Encoding.PCM_S16LE || encoding == Encoding.MULAW || encoding == Encoding.ALAW;
    }

    /**
     * Bytes per second of the sample data: exact for uncompressed encodings, estimated from the
     * bitrate otherwise. Where no bitrate is stated the estimate is a typical one: 64 kbit/s a
     * channel for AAC and Vorbis, half of 16-bit PCM for FLAC (speech compresses about that well).
     *
     * @return bytes per second, headers not counted
     */
    public int bytesPerSecond() {
        return switch (encoding) {
            case PCM_S16LE -> sampleRate * channels * 2;
            case MULAW, ALAW, FLAC -> sampleRate * channels;
            case MP3, OPUS -> bitrateKbps * 125;
            case AAC, VORBIS -> (bitrateKbps == 0 ? 64 * channels : bitrateKbps) * 125;
        };
    }

    /**
     * The same format at another sample rate.
     *
     * @param newRate samples per second
     * @return the changed format
     * @throws IllegalArgumentException when the rate is out of range
     */
    public AudioFormat withSampleRate(int newRate) {
        return of(container, encoding, newRate, channels, bitrateKbps);
    }

    /**
     * The same encoding, rate and channels in another container (e.g. WAV to RAW).
     *
     * @param newContainer the container
     * @return the changed format
     * @throws IllegalArgumentException when that container cannot hold this encoding
     */
    public AudioFormat withContainer(Container newContainer) {
        return of(newContainer, encoding, sampleRate, channels, bitrateKbps);
    }

    /**
     * The MIME type a server would send for this format.
     *
     * @return e.g. {@code audio/wav}, {@code audio/mpeg}, {@code audio/aac}, {@code audio/flac}, {@code audio/ogg},
     *         or {@code audio/L16;rate=24000;channels=1} for raw PCM
     */
    public String mimeType() {
        return switch (container) {
            case WAV -> "audio/wav";
            case MP3 -> "audio/mpeg";
            case OGG -> "audio/ogg";
            case ADTS -> "audio/aac";
            case FLAC -> "audio/flac";
            case RAW -> switch (encoding) {
                case MULAW -> "audio/basic";
                case ALAW -> "audio/x-alaw-basic";
                default -> "audio/L16;rate=" + sampleRate + ";channels=" + channels;
            };
        };
    }

    /**
     * The file extension for this format.
     *
     * @return the extension without the dot: {@code wav}, {@code mp3}, {@code ogg}, {@code aac}, {@code flac},
     *         {@code pcm}, {@code ulaw} or {@code alaw}
     */
    public String fileExtension() {
        return switch (container) {
            case WAV -> "wav";
            case MP3 -> "mp3";
            case OGG -> "ogg";
            case ADTS -> "aac";
            case FLAC -> "flac";
            case RAW -> switch (encoding) {
                case MULAW -> "ulaw";
                case ALAW -> "alaw";
                default -> "pcm";
            };
        };
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof AudioFormat)) return false;
        AudioFormat that = (AudioFormat) o;
        return sampleRate == that.sampleRate && channels == that.channels && bitrateKbps == that.bitrateKbps
                && container == that.container && encoding == that.encoding;
    }

    @Override
    public int hashCode() {
        return Objects.hash(container, encoding, sampleRate, channels, bitrateKbps);
    }

    @Override
    public String toString() {
        return channels == 1 ? providerName() : providerName() + "/" + channels + "ch";
    }
}
