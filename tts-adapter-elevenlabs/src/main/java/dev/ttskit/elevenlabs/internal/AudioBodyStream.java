package dev.ttskit.elevenlabs.internal;

import dev.ttskit.AudioFormatException;
import dev.ttskit.TtsException;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Audio read from a provider response, handed on as it arrives. Adds what every stream of the adapter
 * needs: the WAV header in front of PCM (written only once audio has arrived, so an empty answer can
 * still fail before any byte reaches the caller), empty and truncated audio detection, and failures
 * surfaced as {@link IOException}s whose cause is the typed {@link TtsException}. A failure is sticky:
 * later reads throw it again.
 */
public abstract class AudioBodyStream extends InputStream {
    private final StreamFailures failures;
    private final boolean pcm16;
    private byte @Nullable [] pending;
    private int pendingPos;
    private boolean started;
    private long audioBytes;
    private long delivered;
    private boolean ended;
    private @Nullable TtsException failure;

    /**
     * @param wavHeader a header to put in front of the audio, or null
     * @param pcm16     whether the audio is 16-bit PCM (an odd byte count means it was cut short)
     */
    protected AudioBodyStream(StreamFailures failures, byte @Nullable [] wavHeader, boolean pcm16) {
        this.failures = Objects.requireNonNull(failures, "failures");
        this.pending = wavHeader;
        this.pcm16 = pcm16;
    }

    /** Reads raw audio bytes, like {@link InputStream#read(byte[], int, int)}. */
    protected abstract int readAudio(byte[] b, int off, int len) throws IOException;

    /** Whether the audio was read to its end (so closing need not cancel anything). */
    protected synchronized boolean ended() {
        return ended;
    }

    /** Bytes handed to the caller so far, header included. */
    public synchronized long delivered() {
        return delivered;
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
            n = readAudio(b, off, len);
        } catch (IOException e) {
            throw fail(failures.fromIo(e, delivered));
        } catch (TtsException e) {
            throw fail(failures.afterDelivery(e, delivered));
        }
        if (n == -1) {
            if (audioBytes == 0) {
                throw fail(AudioFormatException.builder("the provider sent no audio")
                        .provider(failures.provider()).requestId(failures.requestId()).build());
            }
            if (pcm16 && audioBytes % 2 != 0) {
                throw fail(failures.afterDelivery(AudioFormatException.builder("16-bit PCM ended after an odd number of bytes (" + audioBytes + "): the audio was cut short")
                        .provider(failures.provider()).requestId(failures.requestId()).build(), delivered));
            }
            ended = true;
            return -1;
        }
        audioBytes += n;
        return n;
    }

    private IOException fail(TtsException e) {
        failure = e;
        return new IOException(e.getMessage(), e);
    }
}
