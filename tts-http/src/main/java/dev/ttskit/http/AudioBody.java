package dev.ttskit.http;

import dev.ttskit.AudioFormatException;
import dev.ttskit.CancelledException;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsException;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Function;

/**
 * A speech response body handed on as it arrives. Puts a WAV header in front of PCM once audio has
 * arrived (so an empty answer still fails before the caller saw a byte), detects empty and cut-short
 * audio, and surfaces failures as {@link IOException}s whose cause is the typed exception: before the
 * first byte reached the caller the failure itself (the router may retry or fail over), after it a
 * {@link StreamInterruptedException}. A failure is sticky.
 */
public final class AudioBody extends InputStream {
    private final InputStream body;
    private final boolean pcm16;
    private final Function<IOException, TtsException> ioFailure;
    private final String provider;
    private final @Nullable String requestId;
    private final Runnable cancel;
    private byte @Nullable [] pending;
    private int pendingPos;
    private boolean started;
    private long audioBytes;
    private long delivered;
    private volatile boolean ended;
    private @Nullable TtsException failure;

    /**
     * @param body      the response body, read as the caller reads; it may throw a {@link TtsException}
     *                  where it decodes the answer and finds it broken
     * @param wavHeader a header to put in front of the audio, or null
     * @param pcm16     whether the audio is 16-bit PCM (an odd byte count means it was cut short)
     * @param ioFailure maps an I/O failure to cancelled, timed out or unavailable
     * @param provider  the provider's id, for errors
     * @param requestId the provider's request id, or null
     * @param cancel    cancels the call; runs when an unfinished body is closed, so it is dropped, not drained
     */
    public AudioBody(InputStream body, byte @Nullable [] wavHeader, boolean pcm16, Function<IOException, TtsException> ioFailure,
                     String provider, @Nullable String requestId, Runnable cancel) {
        this.body = Objects.requireNonNull(body, "body");
        this.pending = wavHeader;
        this.pcm16 = pcm16;
        this.ioFailure = Objects.requireNonNull(ioFailure, "ioFailure");
        this.provider = provider;
        this.requestId = requestId;
        this.cancel = Objects.requireNonNull(cancel, "cancel");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (failure != null) throw new IOException(failure.getMessage(), failure);
        if (len == 0) return 0;
        if (!started) {
            started = true;
            if (pending != null) {
                byte[] first = new byte[Math.max(len, 8192)];
                int n = audio(first, 0, first.length);
                if (n == -1) return -1;
                byte[] joined = new byte[pending.length + n];
                System.arraycopy(pending, 0, joined, 0, pending.length);
                System.arraycopy(first, 0, joined, pending.length, n);
                pending = joined;
            }
        }
        if (pending != null) {
            int n = Math.min(len, pending.length - pendingPos);
            System.arraycopy(pending, pendingPos, b, off, n);
            pendingPos += n;
            if (pendingPos == pending.length) pending = null;
            delivered += n;
            return n;
        }
        int n = audio(b, off, len);
        if (n > 0) delivered += n;
        return n;
    }

    private int audio(byte[] b, int off, int len) throws IOException {
        if (ended) return -1;
        int n;
        try {
            n = body.read(b, off, len);
        } catch (IOException e) {
            throw fail(afterDelivery(ioFailure.apply(e)));
        } catch (TtsException e) {
            // A source that decodes the answer (lines of JSON, a socket's frames) throws typed failures.
            throw fail(afterDelivery(e));
        }
        if (n == -1) {
            if (audioBytes == 0) {
                throw fail(AudioFormatException.builder("the provider sent no audio").provider(provider).requestId(requestId).build());
            }
            if (pcm16 && audioBytes % 2 != 0) {
                throw fail(afterDelivery(AudioFormatException.builder("16-bit PCM ended after an odd number of bytes ("
                        + audioBytes + "): the audio was cut short").provider(provider).requestId(requestId).build()));
            }
            ended = true;
            return -1;
        }
        audioBytes += n;
        return n;
    }

    private TtsException afterDelivery(TtsException e) {
        if (delivered == 0 || e instanceof CancelledException || e instanceof StreamInterruptedException) return e;
        return StreamInterruptedException.builder("stream failed after " + delivered + " bytes reached the caller ("
                + e.category() + ")").provider(provider).requestId(requestId).cause(e).build();
    }

    private IOException fail(TtsException e) {
        failure = e;
        return new IOException(e.getMessage(), e);
    }

    @Override
    public void close() throws IOException {
        try {
            // A body read to its end leaves a connection the pool can reuse; only an unfinished one is
            // cancelled. Not synchronized: a reader blocked on the network holds the lock.
            if (!ended) cancel.run();
        } finally {
            body.close();
        }
    }
}
