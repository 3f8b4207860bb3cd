package dev.ttskit.internal.routing;

import dev.ttskit.AudioStream;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsException;

import java.io.IOException;
import java.io.InputStream;

/**
 * A provider stream after its first chunk was read: hands that chunk on, then the rest. A failure
 * after that point is a {@link StreamInterruptedException} (the cause of the {@link IOException}),
 * never a retry or another provider's audio. The call's lease ends with the stream: success at the
 * end, failure on an error, released when closed early.
 */
final class RoutedStream extends InputStream {
    private final byte[] first;
    private final AudioStream source;
    private final CallLease lease;
    private int pos;
    private long delivered;
    private volatile boolean closed;

    RoutedStream(byte[] first, AudioStream source, CallLease lease) {
        this.first = first;
        this.source = source;
        this.lease = lease;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (pos < first.length) {
            int n = Math.min(len, first.length - pos);
            System.arraycopy(first, pos, b, off, n);
            pos += n;
            delivered += n;
            return n;
        }
        try {
            int n = source.read(b, off, len);
            if (n < 0) lease.succeed();
            else delivered += n;
            return n;
        } catch (IOException | RuntimeException e) {
            if (closed) throw e;
            String what = e instanceof TtsException t ? t.category().name()
                    : e.getCause() instanceof TtsException t ? t.category().name() : e.getClass().getSimpleName();
            StreamInterruptedException interrupted = new StreamInterruptedException(source.provider(),
                    "stream failed after " + delivered + " bytes (" + what + ")", source.providerRequestId().orElse(null), e);
            lease.fail(interrupted);
            throw new IOException(interrupted.getMessage(), interrupted);
        }
    }

    @Override
    public int available() throws IOException {
        return pos < first.length ? first.length - pos : source.available();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            source.close();
        } finally {
            lease.release();
            lease.cancelCall();
        }
    }
}
