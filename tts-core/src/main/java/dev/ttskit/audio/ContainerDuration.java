package dev.ttskit.audio;

import dev.ttskit.AudioFormatException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The playing time of FLAC, Ogg (Vorbis, Opus) and ADTS (AAC) audio as its container states it,
 * read from headers only: ttskit has no decoder for these, and needs none to know how long they last.
 *
 * <ul>
 * <li>FLAC: STREAMINFO's total samples over its sample rate. An encoder that streams may leave the
 *     total at 0 ("unknown"); then there is no duration.</li>
 * <li>Ogg: the granule position of the stream's last whole page over the rate. Vorbis counts samples at the
 *     rate of its identification header; Opus counts at 48 kHz and starts after the pre-skip of its
 *     {@code OpusHead}. A stream whose pages carry no granule has no duration.</li>
 * <li>ADTS: the complete frames times their raw data blocks, each 1024 samples, over the rate of
 *     the first header. A frame cut short at the end is not counted.</li>
 * </ul>
 */
public final class ContainerDuration {
    /** The sampling frequency index of an ADTS header (ISO/IEC 14496-3); 13 to 15 are reserved. */
    private static final int[] ADTS_RATES = {96_000, 88_200, 64_000, 48_000, 44_100, 32_000, 24_000, 22_050,
            16_000, 12_000, 11_025, 8_000, 7_350};
    private static final int AAC_SAMPLES_PER_BLOCK = 1024;
    private static final int OGG_HEADER_BYTES = 27;

    private ContainerDuration() {
    }

    /**
     * Whether {@link #of} reads durations of this format's container: FLAC, Ogg and ADTS.
     *
     * @param format the format
     * @return true when its container states a duration ttskit can read
     */
    public static boolean readable(AudioFormat format) {
        AudioFormat.Container c = format.container();
        return c == AudioFormat.Container.FLAC || c == AudioFormat.Container.OGG || c == AudioFormat.Container.ADTS;
    }

    /**
     * The duration {@code audio}'s container states.
     *
     * @param audio  the whole file
     * @param format what it should be; FLAC, Ogg or ADTS
     * @return the duration; empty when the container is sound but states none (FLAC's total of 0,
     *         Ogg pages without a granule position)
     * @throws AudioFormatException     when the bytes are not that container at all
     * @throws IllegalArgumentException for another container
     */
    public static Optional<Duration> of(byte[] audio, AudioFormat format) {
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(format, "format");
        return switch (format.container()) {
            case FLAC -> flac(audio);
            case OGG -> ogg(audio);
            case ADTS -> adts(audio);
            default -> throw new IllegalArgumentException("no container duration for " + format);
        };
    }

    private static Optional<Duration> flac(byte[] a) {
        int at = afterId3(a);
        if (!startsWith(a, at, "fLaC")) throw bad("FLAC does not start with fLaC");
        at += 4;
        // the first metadata block is STREAMINFO (type 0), 34 bytes
        if (at + 4 + 18 > a.length || (a[at] & 0x7F) != 0 || u24(a, at + 1) != 34) {
            throw bad("FLAC has no STREAMINFO block");
        }
        int s = at + 4;
        int rate = (u8(a, s + 10) << 12) | (u8(a, s + 11) << 4) | (u8(a, s + 12) >>> 4);
        if (rate == 0) throw bad("FLAC STREAMINFO states a sample rate of 0");
        long total = ((long) (u8(a, s + 13) & 0x0F) << 32) | ((long) u8(a, s + 14) << 24) | ((long) u8(a, s + 15) << 16)
                | ((long) u8(a, s + 16) << 8) | u8(a, s + 17);
        return total == 0 ? Optional.empty() : Optional.of(duration(total, rate));
    }

    private static Optional<Duration> ogg(byte[] a) {
        if (!startsWith(a, 0, "OggS") || a.length < OGG_HEADER_BYTES) throw bad("Ogg does not start with OggS");
        int segments = u8(a, 26);
        int packet = OGG_HEADER_BYTES + segments;
        if (packet > a.length) throw bad("Ogg first page is cut short");
        int serial = s32le(a, 14);
        long rate;
        long preSkip = 0;
        if (a.length >= packet + 16 && a[packet] == 1 && startsWith(a, packet + 1, "vorbis")) {
            rate = Integer.toUnsignedLong(s32le(a, packet + 12));
        } else if (a.length >= packet + 12 && startsWith(a, packet, "OpusHead")) {
            rate = 48_000;     // Opus granules count 48 kHz samples whatever the input rate was
            preSkip = u8(a, packet + 10) | (u8(a, packet + 11) << 8);
        } else {
            throw bad("Ogg first page holds neither a Vorbis nor an Opus header");
        }
        if (rate == 0) throw bad("Vorbis header states a sample rate of 0");
        // The last page of this logical stream that states a granule (-1 means "no packet ends here").
        for (int i = a.length - OGG_HEADER_BYTES; i >= 0; i--) {
            if (a[i] != 'O' || !startsWith(a, i, "OggS") || a[i + 4] != 0 || s32le(a, i + 14) != serial) continue;
            if (!wholePage(a, i)) continue;      // a page cut short states more than arrived
            long granule = s64le(a, i + 6);
            if (granule == -1) continue;
            long samples = granule - preSkip;
            return samples <= 0 ? Optional.empty() : Optional.of(duration(samples, rate));
        }
        return Optional.empty();
    }

    private static Optional<Duration> adts(byte[] a) {
        int at = afterId3(a);
        if (!adtsSync(a, at)) throw bad("AAC does not start with an ADTS frame header");
        int rateIndex = (u8(a, at + 2) >>> 2) & 0x0F;
        if (rateIndex >= ADTS_RATES.length) throw bad("ADTS header has a reserved sampling frequency index " + rateIndex);
        int rate = ADTS_RATES[rateIndex];
        long blocks = 0;
        while (adtsSync(a, at)) {
            int length = ((u8(a, at + 3) & 0x03) << 11) | (u8(a, at + 4) << 3) | (u8(a, at + 5) >>> 5);
            boolean crc = (a[at + 1] & 0x01) == 0;
            if (length < (crc ? 9 : 7) || at + length > a.length) break;
            blocks += (u8(a, at + 6) & 0x03) + 1;
            at += length;
        }
        if (blocks == 0) throw bad("AAC has no complete ADTS frame");
        return Optional.of(duration(blocks * AAC_SAMPLES_PER_BLOCK, rate));
    }

    /** Whether the Ogg page at {@code at} has its segment table and every body byte it declares. */
    private static boolean wholePage(byte[] a, int at) {
        int segments = u8(a, at + 26);
        int body = at + OGG_HEADER_BYTES + segments;
        if (body > a.length) return false;
        long length = 0;
        for (int k = 0; k < segments; k++) length += u8(a, at + OGG_HEADER_BYTES + k);
        return body + length <= a.length;
    }

    /** A 12-bit sync word, MPEG layer 00, and room for the 7-byte header. */
    private static boolean adtsSync(byte[] a, int at) {
        return at + 7 <= a.length && u8(a, at) == 0xFF && (u8(a, at + 1) & 0xF6) == 0xF0;
    }

    /** Where the audio starts after an ID3v2 tag, which some encoders put in front of FLAC and AAC. */
    private static int afterId3(byte[] a) {
        if (a.length < 10 || !startsWith(a, 0, "ID3")) return 0;
        int size = (u8(a, 6) & 0x7F) << 21 | (u8(a, 7) & 0x7F) << 14 | (u8(a, 8) & 0x7F) << 7 | (u8(a, 9) & 0x7F);
        boolean footer = (a[5] & 0x10) != 0;
        return Math.min(a.length, 10 + size + (footer ? 10 : 0));
    }

    private static Duration duration(long samples, long rate) {
        return Duration.ofSeconds(samples / rate, (samples % rate) * 1_000_000_000L / rate);
    }

    private static boolean startsWith(byte[] a, int at, String ascii) {
        byte[] m = ascii.getBytes(StandardCharsets.US_ASCII);
        if (at < 0 || at + m.length > a.length) return false;
        for (int i = 0; i < m.length; i++) {
            if (a[at + i] != m[i]) return false;
        }
        return true;
    }

    private static int u8(byte[] a, int i) {
        return a[i] & 0xFF;
    }

    private static int u24(byte[] a, int i) {
        return u8(a, i) << 16 | u8(a, i + 1) << 8 | u8(a, i + 2);
    }

    private static int s32le(byte[] a, int i) {
        return u8(a, i) | u8(a, i + 1) << 8 | u8(a, i + 2) << 16 | u8(a, i + 3) << 24;
    }

    private static long s64le(byte[] a, int i) {
        return Integer.toUnsignedLong(s32le(a, i)) | (long) s32le(a, i + 4) << 32;
    }

    private static AudioFormatException bad(String message) {
        return AudioFormatException.builder(message).build();
    }
}
