package dev.ttskit.validation.internal;

import dev.ttskit.ValidationException;
import dev.ttskit.audio.MpegFrameHeader;
import dev.ttskit.validation.ReferenceFormat;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;

import static dev.ttskit.validation.internal.ByteSource.ascii;
import static dev.ttskit.validation.internal.ByteSource.s64le;
import static dev.ttskit.validation.internal.ByteSource.u16le;
import static dev.ttskit.validation.internal.ByteSource.u32be;
import static dev.ttskit.validation.internal.ByteSource.u32le;
import static dev.ttskit.validation.internal.ByteSource.u8;

/**
 * Sniffs and parses audio headers with bounds. The format comes from magic bytes; every size a
 * header declares is checked against the bytes actually present, and a header that promises more
 * than its file holds (a truncated file, a lying header, a decompression-bomb shape) is rejected.
 */
public final class AudioHeaders {
    public static final int MIN_SAMPLE_RATE = 8_000;
    public static final int MAX_SAMPLE_RATE = 192_000;
    public static final int MAX_CHANNELS = 8;
    /** Decoded 32-bit float PCM a reference may expand to, whatever its duration limit says. */
    static final long MAX_DECODED_BYTES = 512L * 1024 * 1024;
    private static final int MAX_WAV_CHUNKS = 256;
    private static final int MAX_FLAC_BLOCKS = 1024;
    private static final int MP3_SYNC_SEARCH = 64 * 1024;
    private static final int OGG_MAX_PAGE = 27 + 255 + 255 * 255;
    /** "OggS" strings in the tail that are checked as the final page before giving up (each costs a CRC). */
    private static final int MAX_OGG_TAIL_CANDIDATES = 16;

    private AudioHeaders() {
    }

    /** What a header says, checked against the file. */
    public record Header(ReferenceFormat format, int sampleRate, int channels, long durationMicros, boolean estimated) {
    }

    /** @throws ValidationException when the bytes are not a supported, intact audio file */
    public static Header parse(ByteSource src) {
        if (src.size() < 12) {
            throw ValidationException.builder("voice reference is not audio: only " + src.size() + " bytes").build();
        }
        byte[] head = src.read(0, 12, "file signature");
        Header h;
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE")) {
            h = wav(src, head);
        } else if (ascii(head, 0, "fLaC")) {
            h = flac(src, 0);
        } else if (ascii(head, 0, "OggS")) {
            h = ogg(src);
        } else if (ascii(head, 0, "ID3")) {
            long afterTag = id3End(src);
            byte[] magic = src.read(afterTag, 4, "audio after the ID3 tag");
            h = ascii(magic, 0, "fLaC") ? flac(src, afterTag) : mp3(src, afterTag);
        } else if ((head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) {
            h = mp3(src, 0);
        } else if (ascii(head, 0, "RF64") || ascii(head, 0, "RIFX")) {
            throw ValidationException.builder("voice reference format is not supported: " + new String(head, 0, 4, StandardCharsets.US_ASCII))
                    .build();
        } else {
            throw ValidationException.builder("voice reference is not a supported audio file (WAV, FLAC, MP3, Ogg Opus or Ogg Vorbis, judged by content)")
                    .build();
        }
        checkSanity(h);
        return h;
    }

    private static void checkSanity(Header h) {
        if (h.sampleRate() < MIN_SAMPLE_RATE || h.sampleRate() > MAX_SAMPLE_RATE) {
            throw ValidationException.builder("voice reference sample rate " + h.sampleRate() + " Hz is outside " + MIN_SAMPLE_RATE + ".." + MAX_SAMPLE_RATE + " Hz")
                    .build();
        }
        if (h.channels() < 1 || h.channels() > MAX_CHANNELS) {
            throw ValidationException.builder("voice reference has " + h.channels() + " channels; allowed 1.." + MAX_CHANNELS)
                    .build();
        }
        if (h.durationMicros() <= 0) {
            throw ValidationException.builder("voice reference holds no audio").build();
        }
        // Seconds * rate * channels * 4 bytes of float PCM, computed in double to avoid overflow.
        double decoded = h.durationMicros() / 1e6 * h.sampleRate() * h.channels() * 4;
        if (decoded > MAX_DECODED_BYTES) {
            throw ValidationException.builder("voice reference would decode to " + (long) (decoded / (1024 * 1024)) + " MiB; at most " + MAX_DECODED_BYTES / (1024 * 1024) + " MiB allowed")
                    .build();
        }
    }

    // ---------------------------------------------------------------- WAV

    private static Header wav(ByteSource src, byte[] head) {
        long size = src.size();
        long riffSize = u32le(head, 4);
        boolean streamingHeader = riffSize == 0 || riffSize == 0xFFFF_FFFFL;
        if (!streamingHeader && riffSize + 8 > size) {
            throw ValidationException.builder("voice reference is truncated: RIFF header declares " + (riffSize + 8) + " bytes but the file holds " + size)
                    .build();
        }
        long pos = 12;
        int formatTag = -1;
        int channels = 0;
        long sampleRate = 0;
        long byteRate = 0;
        int blockAlign = 0;
        int bits = 0;
        for (int chunk = 0; chunk < MAX_WAV_CHUNKS; chunk++) {
            if (pos + 8 > size) break;
            byte[] ch = src.read(pos, 8, "WAV chunk header");
            long chunkSize = u32le(ch, 4);
            long body = pos + 8;
            if (ascii(ch, 0, "fmt ")) {
                if (chunkSize < 16 || chunkSize > 1024) {
                    throw ValidationException.builder("voice reference WAV fmt chunk has an invalid size of " + chunkSize + " bytes")
                            .build();
                }
                byte[] fmt = src.read(body, (int) Math.min(chunkSize, 40), "WAV fmt chunk");
                formatTag = u16le(fmt, 0);
                channels = u16le(fmt, 2);
                sampleRate = u32le(fmt, 4);
                byteRate = u32le(fmt, 8);
                blockAlign = u16le(fmt, 12);
                bits = u16le(fmt, 14);
                if (formatTag == 0xFFFE) {
                    if (fmt.length < 40) {
                        throw ValidationException.builder("voice reference WAV extensible fmt chunk is shorter than 40 bytes")
                                .build();
                    }
                    formatTag = u16le(fmt, 24);
                }
                checkWavFormat(formatTag, channels, sampleRate, byteRate, blockAlign, bits);
            } else if (ascii(ch, 0, "data")) {
                if (formatTag < 0) {
                    throw ValidationException.builder("voice reference WAV data chunk comes before its fmt chunk")
                            .build();
                }
                long available = size - body;
                long dataSize = chunkSize;
                if (dataSize == 0xFFFF_FFFFL || (dataSize == 0 && streamingHeader)) {
                    dataSize = available;   // written while streaming, before the length was known
                } else if (dataSize > available) {
                    throw ValidationException.builder("voice reference is truncated: WAV data chunk declares " + dataSize + " bytes but " + available + " follow")
                            .build();
                }
                dataSize -= dataSize % blockAlign;
                long micros = dataSize * 1_000_000L / byteRate;
                return new Header(ReferenceFormat.WAV, (int) sampleRate, channels, micros, false);
            }
            if (!ascii(ch, 0, "fmt ") && chunkSize > size - body) {
                throw ValidationException.builder("voice reference is truncated: a WAV chunk declares " + chunkSize + " bytes but " + (size - body) + " follow")
                        .build();
            }
            pos = body + chunkSize + (chunkSize & 1);
        }
        if (pos + 8 <= size) {
            throw ValidationException.builder("voice reference WAV has more than " + MAX_WAV_CHUNKS + " chunks before its audio")
                    .build();
        }
        throw ValidationException.builder(formatTag < 0 ? "voice reference WAV has no fmt chunk" : "voice reference WAV has no data chunk")
                .build();
    }

    private static void checkWavFormat(int tag, int channels, long sampleRate, long byteRate, int blockAlign, int bits) {
        boolean known = (tag == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32))
                || (tag == 3 && (bits == 32 || bits == 64))
                || ((tag == 6 || tag == 7) && bits == 8);
        if (!known) {
            throw ValidationException.builder("voice reference WAV encoding is not supported: format tag " + tag + ", " + bits + " bits")
                    .build();
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw ValidationException.builder("voice reference has " + channels + " channels; allowed 1.." + MAX_CHANNELS)
                    .build();
        }
        if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
            throw ValidationException.builder("voice reference sample rate " + sampleRate + " Hz is outside " + MIN_SAMPLE_RATE + ".." + MAX_SAMPLE_RATE + " Hz")
                    .build();
        }
        if (blockAlign != channels * bits / 8 || byteRate != sampleRate * blockAlign) {
            throw ValidationException.builder("voice reference WAV header is inconsistent: block align " + blockAlign + " and byte rate " + byteRate + " do not match " + channels + " channels of " + bits + "-bit samples at " + sampleRate + " Hz")
                    .build();
        }
    }

    // ---------------------------------------------------------------- ID3v2

    /** The offset just past an ID3v2 tag at the start of the file. */
    private static long id3End(ByteSource src) {
        byte[] h = src.read(0, 10, "ID3v2 header");
        int major = u8(h, 3);
        if (major < 2 || major > 4 || u8(h, 4) == 0xFF) {
            throw ValidationException.builder("voice reference has an invalid ID3v2 header (version " + major + ")")
                    .build();
        }
        long size = 0;
        for (int i = 6; i < 10; i++) {
            if ((h[i] & 0x80) != 0) throw ValidationException.builder("voice reference has an invalid ID3v2 tag size")
                    .build();
            size = size << 7 | (h[i] & 0x7F);
        }
        long end = 10 + size + ((h[5] & 0x10) != 0 ? 10 : 0);
        if (end + 4 > src.size()) {
            throw ValidationException.builder("voice reference is truncated: the ID3v2 tag declares " + size + " bytes and no audio follows it")
                    .build();
        }
        return end;
    }

    // ---------------------------------------------------------------- FLAC

    private static Header flac(ByteSource src, long start) {
        FlacBlock block = flacBlock(src, start + 4);
        if (block.type() != 0 || block.length() != 34) {
            throw ValidationException.builder("voice reference FLAC does not start with a 34-byte STREAMINFO block")
                    .build();
        }
        StreamInfo info = streamInfo(src.read(block.body(), 34, "FLAC STREAMINFO"));
        for (int read = 1; !block.last(); read++) {
            if (read == MAX_FLAC_BLOCKS) {
                throw ValidationException.builder("voice reference FLAC has more than " + MAX_FLAC_BLOCKS + " metadata blocks")
                        .build();
            }
            block = flacBlock(src, block.end());
            if (block.type() == 0) {
                throw ValidationException.builder("voice reference FLAC has a second STREAMINFO block").build();
            }
        }
        return flacAudio(src, block.end(), info);
    }

    /** One metadata block's header: whether it is the last, its type, and where its body lies. */
    private record FlacBlock(boolean last, int type, long body, long length) {
        long end() {
            return body + length;
        }
    }

    private static FlacBlock flacBlock(ByteSource src, long pos) {
        long size = src.size();
        byte[] bh = src.read(pos, 4, "FLAC metadata block header");
        boolean last = (bh[0] & 0x80) != 0;
        int type = bh[0] & 0x7F;
        long length = ((long) u8(bh, 1) << 16) | (u8(bh, 2) << 8) | u8(bh, 3);
        long body = pos + 4;
        if (type == 127) throw ValidationException.builder("voice reference FLAC metadata block has the invalid type 127")
                .build();
        if (length > size - body) {
            throw ValidationException.builder("voice reference is truncated: a FLAC metadata block declares " + length + " bytes but " + (size - body) + " follow")
                    .build();
        }
        return new FlacBlock(last, type, body, length);
    }

    private record StreamInfo(int maxBlock, int sampleRate, int channels, int bits, long totalSamples) {
    }

    private static StreamInfo streamInfo(byte[] s) {
        int minBlock = (u8(s, 0) << 8) | u8(s, 1);
        int maxBlock = (u8(s, 2) << 8) | u8(s, 3);
        long minFrame = ((long) u8(s, 4) << 16) | (u8(s, 5) << 8) | u8(s, 6);
        long maxFrame = ((long) u8(s, 7) << 16) | (u8(s, 8) << 8) | u8(s, 9);
        int sampleRate = (u8(s, 10) << 12) | (u8(s, 11) << 4) | (u8(s, 12) >> 4);
        int channels = ((u8(s, 12) >> 1) & 0x07) + 1;
        int bits = (((u8(s, 12) & 0x01) << 4) | (u8(s, 13) >> 4)) + 1;
        long total = (u8(s, 13) & 0x0FL) << 32 | (u8(s, 14) & 0xFFL) << 24 | (u8(s, 15) & 0xFFL) << 16
                | (u8(s, 16) & 0xFFL) << 8 | (u8(s, 17) & 0xFFL);
        if (minBlock < 16 || maxBlock < minBlock) {
            throw ValidationException.builder("voice reference FLAC STREAMINFO block sizes are invalid: " + minBlock + ".." + maxBlock)
                    .build();
        }
        if (minFrame != 0 && maxFrame != 0 && minFrame > maxFrame) {
            throw ValidationException.builder("voice reference FLAC STREAMINFO frame sizes are invalid: " + minFrame + ".." + maxFrame)
                    .build();
        }
        if (sampleRate == 0) throw ValidationException.builder("voice reference FLAC declares a sample rate of 0")
                .build();
        if (bits < 4) throw ValidationException.builder("voice reference FLAC declares " + bits + "-bit samples")
                .build();
        if (total == 0) throw ValidationException.builder("voice reference FLAC does not declare its length").build();
        return new StreamInfo(maxBlock, sampleRate, channels, bits, total);
    }

    private static Header flacAudio(ByteSource src, long audioStart, StreamInfo info) {
        long audioBytes = src.size() - audioStart;
        byte[] sync = src.read(audioStart, 2, "first FLAC frame");
        if (u8(sync, 0) != 0xFF || (u8(sync, 1) & 0xFE) != 0xF8) {
            throw ValidationException.builder("voice reference FLAC metadata is not followed by a FLAC frame").build();
        }
        // Every frame costs at least a header, one constant subframe per channel and a CRC-16; a
        // STREAMINFO that declares more frames than the bytes can hold is lying (or a bomb).
        long frames = (info.totalSamples() + info.maxBlock() - 1) / info.maxBlock();
        long minFrameBytes = 6 + (long) info.channels() * (1 + (info.bits() + 7) / 8) + 2;
        if (frames > audioBytes / minFrameBytes) {
            throw ValidationException.builder("voice reference FLAC declares " + info.totalSamples() + " samples but its " + audioBytes + " bytes of audio cannot hold them")
                    .build();
        }
        long micros = (long) (info.totalSamples() * 1e6 / info.sampleRate());
        return new Header(ReferenceFormat.FLAC, info.sampleRate(), info.channels(), micros, false);
    }

    // ---------------------------------------------------------------- MP3

    /** The frame header at {@code i} in {@code b}, or null when those four bytes are not one. */
    private static @Nullable MpegFrameHeader mp3Frame(byte[] b, int i) {
        return MpegFrameHeader.parse(b, i).orElse(null);
    }

    private static Header mp3(ByteSource src, long start) {
        long size = src.size();
        byte[] window = src.readUpTo(start, MP3_SYNC_SEARCH + 4);
        for (int i = 0; i + 4 <= window.length; i++) {
            MpegFrameHeader first = mp3Frame(window, i);
            if (first == null) continue;
            long framePos = start + i;
            long nextPos = framePos + first.length();
            // A sync word can occur by chance; a real stream has another frame where this one ends.
            if (nextPos + 4 <= size) {
                MpegFrameHeader second = mp3Frame(src.read(nextPos, 4, "second MPEG frame"), 0);
                if (!first.sameStream(second)) continue;
            } else if (nextPos > size) {
                continue;
            }
            return mp3Duration(src, framePos, first);
        }
        throw ValidationException.builder("voice reference has no MPEG audio frames").build();
    }

    private static Header mp3Duration(ByteSource src, long framePos, MpegFrameHeader first) {
        long size = src.size();
        long audioEnd = size;
        if (size - framePos >= 128 + 4 && ascii(src.read(size - 128, 3, "ID3v1 tag"), 0, "TAG")) audioEnd -= 128;
        long audioBytes = audioEnd - framePos;
        byte[] frame = src.readUpTo(framePos, Math.min(first.length(), 1024));
        int tag = 4 + first.sideInfoBytes();
        long frames = -1;
        if (ascii(frame, tag, "Xing") || ascii(frame, tag, "Info")) {
            if (frame.length >= tag + 12 && (u32be(frame, tag + 4) & 1) != 0) frames = u32be(frame, tag + 8);
        } else if (ascii(frame, 4 + 32, "VBRI") && frame.length >= 36 + 18) {
            frames = u32be(frame, 36 + 14);
        }
        if (frames >= 0) {
            // Every frame is at least as long as one at the lowest bitrate; more frames than that are a lie.
            if (frames == 0 || frames > audioBytes / first.minLength()) {
                throw ValidationException.builder("voice reference MP3 declares " + frames + " frames but its " + audioBytes + " bytes of audio cannot hold them")
                        .build();
            }
            long micros = (long) (frames * (double) first.samplesPerFrame() * 1e6 / first.sampleRate());
            return new Header(ReferenceFormat.MP3, first.sampleRate(), first.mono() ? 1 : 2, micros, false);
        }
        long micros = (long) (audioBytes * 8.0 * 1e3 / first.bitrateKbps());
        return new Header(ReferenceFormat.MP3, first.sampleRate(), first.mono() ? 1 : 2, micros, true);
    }

    // ---------------------------------------------------------------- Ogg

    /** One Ogg page header, checked to lie inside the file and to carry a correct CRC. */
    private record OggPage(long position, int headerType, long granule, long serial, int segments, long length) {
    }

    /**
     * The page at {@code pos}, or null when the bytes there are not an intact page; with
     * {@code mustEndFile}, also null unless the page ends exactly at the end of the file.
     */
    private static @Nullable OggPage oggPage(ByteSource src, long pos, boolean mustEndFile) {
        long size = src.size();
        if (pos < 0 || pos + 27 > size) return null;
        byte[] h = src.read(pos, 27, "Ogg page header");
        if (!ascii(h, 0, "OggS") || h[4] != 0) return null;
        int segments = u8(h, 26);
        if (pos + 27 + segments > size) return null;
        byte[] table = src.read(pos + 27, segments, "Ogg segment table");
        long body = 0;
        for (byte b : table) body += b & 0xFF;
        long length = 27 + segments + body;
        if (pos + length > size || (mustEndFile && pos + length != size)) return null;
        byte[] page = src.read(pos, (int) length, "Ogg page");
        long declared = u32le(page, 22);
        page[22] = 0;
        page[23] = 0;
        page[24] = 0;
        page[25] = 0;
        if (OggCrc.of(page) != declared) return null;
        return new OggPage(pos, u8(h, 5), s64le(h, 6), u32le(h, 14), segments, length);
    }

    private static Header ogg(ByteSource src) {
        OggPage first = oggPage(src, 0, false);
        if (first == null) {
            throw ValidationException.builder("voice reference Ogg first page is truncated or fails its checksum")
                    .build();
        }
        if ((first.headerType() & 0x02) == 0) {
            throw ValidationException.builder("voice reference Ogg first page is not a beginning-of-stream page")
                    .build();
        }
        byte[] segs = src.read(27, first.segments(), "Ogg segment table");
        int packet = 0;
        for (byte b : segs) {
            packet += b & 0xFF;
            if ((b & 0xFF) < 255) break;
        }
        byte[] id = src.read(27L + first.segments(), Math.min(packet, 64), "Ogg identification header");
        int channels;
        int sampleRate;
        long preSkip = 0;
        long granuleRate;
        ReferenceFormat format;
        if (ascii(id, 0, "OpusHead")) {
            if (id.length < 19) throw ValidationException.builder("voice reference Opus identification header is truncated")
                    .build();
            if (u8(id, 8) >= 16) throw ValidationException.builder("voice reference Opus version " + u8(id, 8) + " is not supported")
                    .build();
            channels = u8(id, 9);
            preSkip = u16le(id, 10);
            long inputRate = u32le(id, 12);
            int mapping = u8(id, 18);
            if (mapping == 0 && channels > 2) {
                throw ValidationException.builder("voice reference Opus declares " + channels + " channels with channel mapping family 0")
                        .build();
            }
            // Opus always decodes at 48 kHz; the input rate is informational and may be 0.
            sampleRate = inputRate >= MIN_SAMPLE_RATE && inputRate <= MAX_SAMPLE_RATE ? (int) inputRate : 48_000;
            granuleRate = 48_000;
            format = ReferenceFormat.OGG_OPUS;
        } else if (id.length >= 30 && id[0] == 1 && ascii(id, 1, "vorbis")) {
            if (u32le(id, 7) != 0) throw ValidationException.builder("voice reference Vorbis version " + u32le(id, 7) + " is not supported")
                    .build();
            channels = u8(id, 11);
            long rate = u32le(id, 12);
            int small = u8(id, 28) & 0x0F;
            int large = u8(id, 28) >> 4;
            if (small < 6 || large > 13 || small > large || (id[29] & 1) == 0) {
                throw ValidationException.builder("voice reference Vorbis identification header is invalid").build();
            }
            if (rate < MIN_SAMPLE_RATE || rate > MAX_SAMPLE_RATE) {
                throw ValidationException.builder("voice reference sample rate " + rate + " Hz is outside " + MIN_SAMPLE_RATE + ".." + MAX_SAMPLE_RATE + " Hz")
                        .build();
            }
            sampleRate = (int) rate;
            granuleRate = rate;
            format = ReferenceFormat.OGG_VORBIS;
        } else {
            throw ValidationException.builder("voice reference Ogg stream is neither Opus nor Vorbis").build();
        }
        long granule = lastGranule(src, first.serial());
        if (granule <= preSkip) {
            throw ValidationException.builder("voice reference Ogg stream ends at granule " + granule + ", before any audio")
                    .build();
        }
        long micros = (long) ((granule - preSkip) * 1e6 / granuleRate);
        return new Header(format, sampleRate, channels, micros, false);
    }

    /** The granule position of the final page, which must end the file and carry a correct checksum. */
    private static long lastGranule(ByteSource src, long serial) {
        long size = src.size();
        long tailStart = Math.max(0, size - OGG_MAX_PAGE);
        byte[] tail = src.read(tailStart, (int) (size - tailStart), "end of the Ogg stream");
        int candidates = 0;
        for (int i = tail.length - 27; i >= 0 && candidates < MAX_OGG_TAIL_CANDIDATES; i--) {
            if (tail[i] != 'O' || !ascii(tail, i, "OggS")) continue;
            candidates++;
            OggPage page = oggPage(src, tailStart + i, true);
            if (page == null) continue;
            if (page.serial() != serial) {
                throw ValidationException.builder("voice reference Ogg file ends with a page of another stream").build();
            }
            if (page.granule() < 0) {
                throw ValidationException.builder("voice reference Ogg stream has no valid final granule position")
                        .build();
            }
            return page.granule();
        }
        throw ValidationException.builder("voice reference Ogg stream has no intact final page").build();
    }
}
