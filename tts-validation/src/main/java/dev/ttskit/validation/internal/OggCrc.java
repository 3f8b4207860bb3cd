package dev.ttskit.validation.internal;

/** The Ogg page checksum: CRC-32 with polynomial 0x04C11DB7, no reflection, initial value 0. */
final class OggCrc {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int k = 0; k < 8; k++) r = (r & 0x8000_0000) != 0 ? (r << 1) ^ 0x04C1_1DB7 : r << 1;
            TABLE[i] = r;
        }
    }

    private OggCrc() {
    }

    static long of(byte[] data) {
        int crc = 0;
        for (byte b : data) crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ (b & 0xFF)) & 0xFF];
        return crc & 0xFFFF_FFFFL;
    }
}
