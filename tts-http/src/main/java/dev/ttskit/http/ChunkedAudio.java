package dev.ttskit.http;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Audio that arrives in whole pieces (decoded lines of JSON, server-sent events, socket frames),
 * read out as one stream. A subclass says how to get the next piece; this class hands the pieces'
 * bytes on as the caller asks for them. Wrapped in an {@link AudioBody}, a piece's typed failure
 * reaches the caller as the body's.
 */
public abstract class ChunkedAudio extends InputStream {
    private byte[] chunk = new byte[0];
    private int pos;

    /** For subclasses. */
    protected ChunkedAudio() {
    }

    /**
     * The next piece of audio, waiting for it as long as it takes to arrive.
     *
     * @return the piece (it may be empty), or null at the end of the audio, and again on every later call
     * @throws IOException when reading failed
     */
    protected abstract byte @Nullable [] nextChunk() throws IOException;

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        while (pos == chunk.length) {
            byte[] next = nextChunk();
            if (next == null) return -1;
            chunk = next;
            pos = 0;
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }
}
