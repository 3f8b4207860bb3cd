package dev.ttskit.validation;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds small, structurally valid audio files (silence) for the header tests. */
final class AudioFixtures {
    private AudioFixtures() {
    }

    /** PCM WAV: 16-bit, the given rate, channels and seconds. */
    static byte[] wav(int sampleRate, int channels, double seconds) {
        int blockAlign = channels * 2;
        int dataBytes = (int) (sampleRate * seconds) * blockAlign;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) 16);
        b.put(ascii("data")).putInt(dataBytes);
        return b.array();
    }

    /** Native FLAC: STREAMINFO plus enough frame-shaped bytes for the declared samples. */
    static byte[] flac(int sampleRate, int channels, double seconds) {
        long total = (long) (sampleRate * seconds);
        int frames = (int) ((total + 4095) / 4096);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("fLaC"));
        out.writeBytes(new byte[] {(byte) 0x80, 0, 0, 34});
        out.writeBytes(streamInfo(4096, sampleRate, channels, 16, total));
        byte[] audio = new byte[frames * 32];
        audio[0] = (byte) 0xFF;
        audio[1] = (byte) 0xF8;
        out.writeBytes(audio);
        return out.toByteArray();
    }

    static byte[] streamInfo(int maxBlock, int sampleRate, int channels, int bits, long totalSamples) {
        ByteBuffer b = ByteBuffer.allocate(34);
        b.putShort((short) maxBlock).putShort((short) maxBlock);
        b.put(new byte[] {0, 0, 0, 0, 0, 0});
        long packed = ((long) sampleRate << 44) | ((long) (channels - 1) << 41) | ((long) (bits - 1) << 36) | totalSamples;
        b.putLong(packed);
        return b.array();
    }

    /** MPEG-1 layer III, 128 kbit/s, 44.1 kHz mono, constant bitrate; with an Xing frame count when asked. */
    static byte[] mp3(double seconds, boolean xing, boolean id3) {
        int frameLength = 417;
        int frames = (int) Math.ceil(seconds * 44_100 / 1152);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (id3) {
            out.writeBytes(new byte[] {'I', 'D', '3', 3, 0, 0, 0, 0, 1, 0});   // 128-byte tag body
            out.writeBytes(new byte[128]);
        }
        for (int i = 0; i < frames + (xing ? 1 : 0); i++) {
            byte[] frame = new byte[frameLength];
            frame[0] = (byte) 0xFF;
            frame[1] = (byte) 0xFB;
            frame[2] = (byte) 0x90;
            frame[3] = (byte) 0xC0;
            if (xing && i == 0) {
                ByteBuffer t = ByteBuffer.wrap(frame, 4 + 17, 12);
                t.put(ascii("Xing")).putInt(1).putInt(frames);
            }
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** Ogg Opus: identification page, comment page, one audio page whose granule gives the duration. */
    static byte[] oggOpus(double seconds, int channels) {
        ByteBuffer head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        head.put(ascii("OpusHead")).put((byte) 1).put((byte) channels).putShort((short) 312).putInt(48_000)
                .putShort((short) 0).put((byte) 0);
        byte[] tags = concat(ascii("OpusTags"), new byte[] {0, 0, 0, 0, 0, 0, 0, 0});
        long granule = 312 + (long) (seconds * 48_000);
        return concat(oggPage(2, 0, 7, 0, head.array()), oggPage(0, 0, 7, 1, tags),
                oggPage(4, granule, 7, 2, new byte[200]));
    }

    /** Ogg Vorbis with only the identification header and a final page (enough for the header parser). */
    static byte[] oggVorbis(int sampleRate, int channels, double seconds) {
        ByteBuffer id = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        id.put((byte) 1).put(ascii("vorbis")).putInt(0).put((byte) channels).putInt(sampleRate)
                .putInt(0).putInt(128_000).putInt(0).put((byte) 0xB8).put((byte) 1);
        return concat(oggPage(2, 0, 9, 0, id.array()), oggPage(4, (long) (sampleRate * seconds), 9, 1, new byte[300]));
    }

    static byte[] oggPage(int headerType, long granule, int serial, int sequence, byte[] body) {
        int segments = body.length / 255 + 1;
        ByteBuffer b = ByteBuffer.allocate(27 + segments + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("OggS")).put((byte) 0).put((byte) headerType).putLong(granule).putInt(serial).putInt(sequence)
                .putInt(0).put((byte) segments);
        for (int i = 0; i < segments - 1; i++) b.put((byte) 255);
        b.put((byte) (body.length % 255));
        b.put(body);
        byte[] page = b.array();
        int crc = oggCrc(page);
        ByteBuffer.wrap(page, 22, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(crc);
        return page;
    }

    /** CRC-32/MPEG-2 style, unreflected, computed bit by bit (independent of the production table). */
    static int oggCrc(byte[] data) {
        int crc = 0;
        for (byte value : data) {
            crc ^= (value & 0xFF) << 24;
            for (int k = 0; k < 8; k++) crc = crc < 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
        }
        return crc;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static void putLe32(byte[] b, int offset, long value) {
        ByteBuffer.wrap(b, offset, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value);
    }
}
