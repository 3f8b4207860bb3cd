package dev.ttskit;

import com.google.errorprone.annotations.MustBeClosed;
import dev.ttskit.audio.AudioFormat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Audio bytes as the provider sends them. Close it (try-with-resources): closing is idempotent and
 * cancels the provider call when the stream is closed early.
 *
 * <p>Read failures surface as {@link IOException}s whose cause is the typed {@link TtsException}
 * (for example a {@link StreamInterruptedException} when a provider fails mid-stream).
 */
public class AudioStream extends InputStream {
    private final InputStream in;
    private final AudioFormat format;
    private final String provider;
    private final @Nullable String providerRequestId;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final @Nullable Runnable onClose;

    /**
     * @param in                the bytes; closed when this stream is closed
     * @param format            their format
     * @param provider          the provider sending them
     * @param providerRequestId the provider's request id, or null
     * @param onClose           runs once after {@code in} is closed (releases what the call holds), or null
     */
    public AudioStream(InputStream in, AudioFormat format, String provider, @Nullable String providerRequestId,
                       @Nullable Runnable onClose) {
        this.in = Objects.requireNonNull(in, "in");
        this.format = Objects.requireNonNull(format, "format");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.providerRequestId = providerRequestId;
        this.onClose = onClose;
    }

    /**
     * A stream without a request id or close action.
     *
     * @param in       the bytes; closed when the returned stream is closed
     * @param format   their format
     * @param provider the provider sending them
     * @return the stream, which the caller must close
     */
    @MustBeClosed
    public static AudioStream of(InputStream in, AudioFormat format, String provider) {
        return new AudioStream(in, format, provider, null, null);
    }

    /** {@return the format of the bytes, as the provider declared it} */
    public AudioFormat format() { return format; }

    /** {@return the id of the provider sending the bytes} */
    public String provider() { return provider; }

    /** {@return the provider's request id (for support tickets), when it sent one} */
    public Optional<String> providerRequestId() { return Optional.ofNullable(providerRequestId); }

    /** {@return whether {@link #close()} has been called; reads then fail with an IOException} */
    public boolean isClosed() { return closed.get(); }

    @Override
    public int read() throws IOException {
        ensureOpen();
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        return in.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        return in.available();
    }

    private void ensureOpen() throws IOException {
        if (closed.get()) throw new IOException("audio stream is closed");
    }

    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) return;
        try {
            in.close();
        } finally {
            if (onClose != null) onClose.run();
        }
    }

    @Override
    public String toString() {
        return "AudioStream[provider=" + provider + ", format=" + format + (closed.get() ? ", closed" : "") + "]";
    }
}
