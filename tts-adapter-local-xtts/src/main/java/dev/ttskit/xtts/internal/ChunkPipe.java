package dev.ttskit.xtts.internal;

import dev.ttskit.CancelledException;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.TtsException;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Hands audio chunks from the generating thread to the reading thread. Failures surface as an
 * {@link IOException} whose cause is the typed {@link TtsException}; closing runs {@code onClose}
 * (which stops generation).
 */
public final class ChunkPipe extends InputStream {
    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final Runnable onClose;
    private volatile @Nullable TtsException failure;
    private volatile boolean closed;
    private byte[] current = new byte[0];
    private int pos;
    private boolean ended;

    public ChunkPipe(Runnable onClose) {
        this.onClose = onClose;
    }

    public void offer(byte[] chunk) {
        if (!closed && chunk.length > 0) queue.add(chunk);
    }

    public void finish() {
        queue.add(END);
    }

    public void fail(TtsException e) {
        failure = e;
        queue.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (pos >= current.length) {
            if (ended) return end();
            try {
                byte[] next = queue.take();
                if (next == END) {
                    ended = true;
                    return end();
                }
                current = next;
                pos = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for audio", e);
            }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    private int end() throws IOException {
        TtsException f = failure;
        if (f != null) {
            // Cancellation and deadline stay what they are; anything else became a mid-stream failure.
            TtsException cause = f instanceof StreamInterruptedException || f instanceof CancelledException
                    || f instanceof TtsTimeoutException ? f
                    : StreamInterruptedException.builder("generation failed mid-stream: " + f.getMessage())
                            .provider(XttsIds.PROVIDER).cause(f).build();
            throw new IOException(cause.getMessage(), cause);
        }
        return -1;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        queue.clear();
        onClose.run();
    }
}
