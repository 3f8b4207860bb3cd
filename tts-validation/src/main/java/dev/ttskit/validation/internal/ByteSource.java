package dev.ttskit.validation.internal;

import dev.ttskit.ValidationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Random access to the bytes of a file or an array, in small bounded windows. Parsers read only the
 * bytes they look at; no buffer is ever sized from a value a header declares.
 */
public abstract class ByteSource {
    /** The largest window one read may ask for. */
    public static final int MAX_WINDOW = 128 * 1024;

    /** Total bytes available. */
    public abstract long size();

    /** Reads up to {@code len} bytes at {@code position}; returns how many were read. */
    protected abstract int readAt(long position, byte[] dst, int len);

    /**
     * Exactly {@code len} bytes at {@code position}.
     *
     * @throws ValidationException naming {@code what} when the file ends first
     */
    public final byte[] read(long position, int len, String what) {
        if (len < 0 || len > MAX_WINDOW) throw new IllegalArgumentException("window of " + len + " bytes");
        if (position < 0 || position > size() - len) {
            throw ValidationException.builder("voice reference is truncated: " + what + " needs " + len + " bytes at offset " + position + " but the file holds " + size())
                    .build();
        }
        byte[] dst = new byte[len];
        int n = readAt(position, dst, len);
        if (n != len) {
            throw ValidationException.builder("voice reference is truncated: " + what + " could not be read at offset " + position)
                    .build();
        }
        return dst;
    }

    /** At most {@code len} bytes at {@code position}, fewer near the end of the file. */
    public final byte[] readUpTo(long position, int len) {
        long available = Math.max(0, size() - position);
        return read(position, (int) Math.min(len, available), "data");
    }

    public static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            protected int readAt(long position, byte[] dst, int len) {
                System.arraycopy(bytes, (int) position, dst, 0, len);
                return len;
            }
        };
    }

    /** A view of an open channel; the caller closes the channel. */
    public static ByteSource of(FileChannel channel) {
        final long size;
        try {
            size = channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ByteSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            protected int readAt(long position, byte[] dst, int len) {
                ByteBuffer buffer = ByteBuffer.wrap(dst, 0, len);
                try {
                    while (buffer.hasRemaining()) {
                        int n = channel.read(buffer, position + buffer.position());
                        if (n < 0) break;
                    }
                } catch (IOException e) {
                    throw ValidationException.builder("voice reference could not be read: " + e.getClass().getSimpleName())
                            .cause(e).build();
                }
                return buffer.position();
            }
        };
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    static int u16le(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    static long u32le(byte[] b, int i) {
        return ((b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24);
    }

    static long u32be(byte[] b, int i) {
        return ((b[i] & 0xFFL) << 24 | (b[i + 1] & 0xFFL) << 16 | (b[i + 2] & 0xFFL) << 8 | (b[i + 3] & 0xFFL));
    }

    static long s64le(byte[] b, int i) {
        return u32le(b, i) | u32le(b, i + 4) << 32;
    }

    static boolean ascii(byte[] b, int i, String s) {
        if (i < 0 || i + s.length() > b.length) return false;
        for (int k = 0; k < s.length(); k++) {
            if (b[i + k] != (byte) s.charAt(k)) return false;
        }
        return true;
    }
}
