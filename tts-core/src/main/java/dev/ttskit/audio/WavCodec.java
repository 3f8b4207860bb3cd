package dev.ttskit.audio;

import dev.ttskit.AudioFormatException;

import java.time.Duration;
import java.util.Objects;

/**
 * Reads and writes WAV (RIFF/WAVE) files.
 *
 * <p>The reader never trusts a size it reads: it walks the RIFF chunks with every offset checked
 * against the real length of the buffer and allocates only in proportion to the bytes present.
 * <ul>
 *   <li>The RIFF size is ignored; unknown chunks ({@code LIST}, {@code fact}, {@code ds64}, ...) are
 *       skipped; odd-sized chunks are padded to even length, and a writer that forgot the pad byte is
 *       recognised when the next chunk id only lines up without it.</li>
 *   <li>A {@code data} size of 0 or 0xFFFFFFFF (a stream written before its length was known) or one
 *       larger than what is present means "everything up to the end of the buffer"; a partial last
 *       frame is dropped. So a truncated file yields the whole frames it still holds.</li>
 *   <li>Supported: integer PCM of 8 (unsigned), 16, 24 and 32 bits, IEEE float of 32 and 64 bits,
 *       G.711 µ-law and A-law, plain or as WAVE_FORMAT_EXTENSIBLE; RIFF and RF64 headers.</li>
 *   <li>Everything else fails with {@link AudioFormatException} and never with another exception: a
 *       buffer that ends inside the RIFF header or the {@code fmt } chunk, a missing {@code fmt } or
 *       {@code data} chunk, an unsupported encoding, a channel count or sample rate that no
 *       {@link AudioFormat} can name (outside 1..{@value AudioFormat#MAX_CHANNELS} channels and
 *       {@value AudioFormat#MIN_SAMPLE_RATE}..{@value AudioFormat#MAX_SAMPLE_RATE} Hz, so whatever this
 *       reader accepts can be described, converted and delivered), and (for {@link #decode}) a file
 *       without a single whole frame.</li>
 * </ul>
 *
 * <p>The writer produces canonical 44-byte-header 16-bit PCM files.
 */
public final class WavCodec {

    /** Length of the canonical header written by {@link #encode}, {@link #wrapPcm16} and {@link #streamingHeader}. */
    public static final int HEADER_SIZE = 44;

    private static final int RIFF = fourcc("RIFF");
    private static final int RF64 = fourcc("RF64");
    private static final int WAVE = fourcc("WAVE");
    private static final int FMT = fourcc("fmt ");
    private static final int DATA = fourcc("data");
    private static final int EXTENSIBLE = 0xFFFE;
    private static final long UNKNOWN_SIZE = 0xFFFF_FFFFL;
    /** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE GUID whose first two bytes are a plain format tag. */
    private static final byte[] SUBTYPE_GUID_TAIL = {
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private WavCodec() {
    }

    /**
     * Decodes a WAV file to float samples.
     *
     * @param wav a whole WAV file
     * @return its samples at the file's rate and channel count
     * @throws AudioFormatException when the bytes are not a supported WAV file or hold no whole frame
     */
    public static PcmAudio decode(byte[] wav) {
        WavInfo info = readInfo(wav);
        if (info.dataLength() == 0) {
            throw AudioFormatException.builder("WAV file holds no audio frames (empty)").build();
        }
        int off = info.dataOffset();
        int len = info.dataLength();
        float[] samples = switch (info.formatTag()) {
            case WavInfo.PCM -> switch (info.bitsPerSample()) {
                case 8 -> SampleCodec.pcm8ToFloat(wav, off, len);
                case 16 -> SampleCodec.pcm16ToFloat(wav, off, len);
                case 24 -> SampleCodec.pcm24ToFloat(wav, off, len);
                default -> SampleCodec.pcm32ToFloat(wav, off, len);
            };
            case WavInfo.IEEE_FLOAT -> info.bitsPerSample() == 32
                    ? SampleCodec.float32ToFloat(wav, off, len)
                    : SampleCodec.float64ToFloat(wav, off, len);
            case WavInfo.ALAW -> SampleCodec.alawToFloat(wav, off, len);
            default -> SampleCodec.mulawToFloat(wav, off, len);
        };
        return PcmAudio.wrap(samples, info.sampleRate(), info.channels());
    }

    /**
     * Reads the format and locates the sample data without decoding it. Unlike {@link #decode}, a
     * header with no frames after it (a bare {@link #streamingHeader}, say) is accepted with
     * {@code dataLength} 0.
     *
     * @param wav a WAV file, or at least its header
     * @return the format and where the sample data lies
     * @throws AudioFormatException when the bytes are not a supported WAV file
     */
    public static WavInfo readInfo(byte[] wav) {
        Objects.requireNonNull(wav, "wav");
        int len = wav.length;
        if (len < 12) {
            throw AudioFormatException.builder("WAV data too short for a RIFF header: " + len + " bytes").build();
        }
        int riff = SampleCodec.readInt32(wav, 0);
        if (riff != RIFF && riff != RF64) {
            throw AudioFormatException.builder("not a RIFF file").build();
        }
        if (SampleCodec.readInt32(wav, 8) != WAVE) {
            throw AudioFormatException.builder("RIFF file is not of type WAVE").build();
        }
        Format format = null;
        long dataOffset = -1;
        long dataLength = 0;
        long pos = 12;
        while (pos + 8 <= len) {
            int id = SampleCodec.readInt32(wav, (int) pos);
            long size = SampleCodec.readInt32(wav, (int) pos + 4) & 0xFFFF_FFFFL;
            long body = pos + 8;
            if (id == FMT && format == null) {
                format = readFormat(wav, (int) body, size);
            } else if (id == DATA && dataOffset < 0) {
                long available = len - body;
                dataOffset = body;
                dataLength = size == 0 || size == UNKNOWN_SIZE || size > available ? available : size;
                if (format != null) {
                    break;
                }
            }
            pos = nextChunk(wav, body, size);
        }
        if (format == null) {
            throw AudioFormatException.builder("WAV file has no complete fmt chunk").build();
        }
        if (dataOffset < 0) {
            throw AudioFormatException.builder("WAV file has no data chunk").build();
        }
        int frameSize = format.channels * (format.bits / 8);
        int wholeFrames = (int) (dataLength / frameSize);
        Duration duration = Duration.ofNanos(wholeFrames * 1_000_000_000L / format.sampleRate);
        return new WavInfo(format.sampleRate, format.channels, format.bits, format.tag,
                (int) dataOffset, wholeFrames * frameSize, duration);
    }

    /** Where the chunk after the one whose body starts at {@code body} begins; may lie beyond the buffer. */
    private static long nextChunk(byte[] wav, long body, long size) {
        long next = body + size + (size & 1);
        // Some writers omit the pad byte after an odd-sized chunk: prefer the unpadded offset when only it
        // starts with something that looks like a chunk id.
        if ((size & 1) == 1 && next + 4 <= wav.length && !looksLikeId(wav, (int) next) && looksLikeId(wav, (int) next - 1)) {
            return next - 1;
        }
        return next;
    }

    private static boolean looksLikeId(byte[] b, int p) {
        for (int i = p; i < p + 4; i++) {
            if (b[i] < 0x20 || b[i] > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static Format readFormat(byte[] wav, int body, long size) {
        if (size < 16) {
            throw AudioFormatException.builder("WAV fmt chunk too small: " + size + " bytes").build();
        }
        if (body + 16L > wav.length) {
            throw AudioFormatException.builder("WAV file truncated inside its fmt chunk").build();
        }
        int tag = readUint16(wav, body);
        int channels = readUint16(wav, body + 2);
        long sampleRate = SampleCodec.readInt32(wav, body + 4) & 0xFFFF_FFFFL;
        int bits = readUint16(wav, body + 14);
        if (tag == EXTENSIBLE) {
            if (size < 40 || body + 40L > wav.length) {
                throw AudioFormatException.builder("WAV WAVE_FORMAT_EXTENSIBLE fmt chunk too small or truncated")
                        .build();
            }
            for (int i = 0; i < SUBTYPE_GUID_TAIL.length; i++) {
                if (wav[body + 26 + i] != SUBTYPE_GUID_TAIL[i]) {
                    throw AudioFormatException.builder("WAV WAVE_FORMAT_EXTENSIBLE with an unknown sub-format").build();
                }
            }
            tag = readUint16(wav, body + 24);
        }
        if (channels < 1 || channels > AudioFormat.MAX_CHANNELS) {
            throw AudioFormatException.builder("WAV channel count " + channels + " outside 1.." + AudioFormat.MAX_CHANNELS)
                    .build();
        }
        if (sampleRate < AudioFormat.MIN_SAMPLE_RATE || sampleRate > AudioFormat.MAX_SAMPLE_RATE) {
            throw AudioFormatException.builder("WAV sample rate " + sampleRate + " Hz outside "
                    + AudioFormat.MIN_SAMPLE_RATE + ".." + AudioFormat.MAX_SAMPLE_RATE).build();
        }
        boolean supported = switch (tag) {
            case WavInfo.PCM -> bits == 8 || bits == 16 || bits == 24 || bits == 32;
            case WavInfo.IEEE_FLOAT -> bits == 32 || bits == 64;
            case WavInfo.ALAW, WavInfo.MULAW -> bits == 8;
            default -> false;
        };
        if (!supported) {
            throw AudioFormatException.builder("unsupported WAV encoding: format tag 0x" + Integer.toHexString(tag) + " with " + bits + " bits per sample")
                    .build();
        }
        return new Format(tag, channels, (int) sampleRate, bits);
    }

    /**
     * A 16-bit PCM WAV file holding {@code audio}; samples are rounded and clipped.
     *
     * @param audio the audio
     * @return the WAV file's bytes
     */
    public static byte[] encode(PcmAudio audio) {
        Objects.requireNonNull(audio, "audio");
        return wrap(audio.toPcm16(), WavInfo.PCM, 16, audio.sampleRate(), audio.channels());
    }

    /**
     * Puts a WAV header in front of signed 16-bit little-endian PCM.
     *
     * @param pcm        the samples, two bytes each, channels interleaved
     * @param sampleRate frames per second
     * @param channels   interleaved channels
     * @return the WAV file's bytes
     * @throws IllegalArgumentException for a bad rate or channel count
     * @throws AudioFormatException     when {@code pcm} is not a whole number of frames
     */
    public static byte[] wrapPcm16(byte[] pcm, int sampleRate, int channels) {
        Objects.requireNonNull(pcm, "pcm");
        PcmAudio.checkLayout(sampleRate, channels);
        if (pcm.length % (2 * channels) != 0) {
            throw AudioFormatException.builder("PCM16 data of " + pcm.length + " bytes is not a whole number of " + (2 * channels) + "-byte frames")
                    .build();
        }
        return wrap(pcm, WavInfo.PCM, 16, sampleRate, channels);
    }

    /**
     * A 44-byte 16-bit PCM WAV header whose RIFF and data sizes are 0xFFFFFFFF ("unknown"), to send
     * before PCM whose length is not known yet. Common players and {@link #decode} read such a stream
     * to its end.
     *
     * @param sampleRate frames per second
     * @param channels   interleaved channels
     * @return the header's {@value #HEADER_SIZE} bytes
     * @throws IllegalArgumentException for a bad rate or channel count
     */
    public static byte[] streamingHeader(int sampleRate, int channels) {
        PcmAudio.checkLayout(sampleRate, channels);
        byte[] out = new byte[HEADER_SIZE];
        writeHeader(out, WavInfo.PCM, 16, sampleRate, channels, UNKNOWN_SIZE);
        return out;
    }

    /** A canonical WAV file: 44-byte header, then {@code data} as it is. */
    static byte[] wrap(byte[] data, int formatTag, int bits, int sampleRate, int channels) {
        if (data.length > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("audio too long for one WAV file: " + data.length + " bytes");
        }
        byte[] out = new byte[HEADER_SIZE + data.length];
        writeHeader(out, formatTag, bits, sampleRate, channels, data.length);
        System.arraycopy(data, 0, out, HEADER_SIZE, data.length);
        return out;
    }

    private static void writeHeader(byte[] out, int formatTag, int bits, int sampleRate, int channels, long dataLength) {
        int blockAlign = channels * bits / 8;
        writeInt32(out, 0, RIFF);
        writeInt32(out, 4, (int) (dataLength == UNKNOWN_SIZE ? UNKNOWN_SIZE : 36 + dataLength));
        writeInt32(out, 8, WAVE);
        writeInt32(out, 12, FMT);
        writeInt32(out, 16, 16);
        writeUint16(out, 20, formatTag);
        writeUint16(out, 22, channels);
        writeInt32(out, 24, sampleRate);
        writeInt32(out, 28, sampleRate * blockAlign);
        writeUint16(out, 32, blockAlign);
        writeUint16(out, 34, bits);
        writeInt32(out, 36, DATA);
        writeInt32(out, 40, (int) dataLength);
    }

    private static int fourcc(String id) {
        return id.charAt(0) | id.charAt(1) << 8 | id.charAt(2) << 16 | id.charAt(3) << 24;
    }

    private static int readUint16(byte[] b, int p) {
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
    }

    private static void writeUint16(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >> 8);
    }

    private static void writeInt32(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >> 8);
        b[p + 2] = (byte) (v >> 16);
        b[p + 3] = (byte) (v >> 24);
    }

    /** The parts of a {@code fmt } chunk the decoder uses, already validated. */
    private record Format(int tag, int channels, int sampleRate, int bits) {
    }
}
