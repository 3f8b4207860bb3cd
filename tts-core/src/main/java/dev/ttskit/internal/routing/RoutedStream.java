package dev.ttskit.internal.routing;

import dev.ttskit.AudioFormatException;
import dev.ttskit.AudioStream;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.audio.AudioFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A provider stream on its way to the caller. {@link #start} reads and checks its first chunk inside
 * the attempt, so anything failing before the caller sees a byte can still be retried or failed over;
 * after that it hands the chunk on, then the rest. A failure after that point is a
 * {@link StreamInterruptedException} (the cause of the {@link IOException}), never a retry or
 * another provider's audio. A read that waits longer than the idle limit is ended by the
 * {@link StreamWatchdog}. The call's lease ends with the stream: success at the end, failure on an
 * error, released when closed early.
 */
final class RoutedStream extends InputStream {
    private static final Logger log = LoggerFactory.getLogger(RoutedStream.class);
    private static final int FIRST_CHUNK_BYTES = 8192;
    private static final int WAV_MAGIC_BYTES = 12;

    private final byte[] first;
    private final AudioStream source;
    private final CallLease lease;
    private final StreamWatchdog watchdog;
    private final Duration idleLimit;
    private int pos;
    private long delivered;
    private volatile boolean closed;
    private volatile Instant readingSince;
    private volatile boolean idledOut;

    private RoutedStream(byte[] first, AudioStream source, CallLease lease, StreamWatchdog watchdog, Duration idleLimit) {
        this.first = first;
        this.source = source;
        this.lease = lease;
        this.watchdog = watchdog;
        this.idleLimit = idleLimit;
    }

    /**
     * Reads what the provider has sent so far (at least one byte; a WAV stream: its 12-byte RIFF
     * header; never waiting to fill the buffer) and checks it: no audio at all, or a WAV stream
     * that does not start like one, is BAD_AUDIO. On success the stream keeps the lease.
     *
     * @param firstChunkCheck further checks of the first chunk (the audio policy); throws to refuse it
     * @throws TtsException typed, with the provider's id; the source is closed
     */
    static AudioStream start(AudioStream source, CallLease lease, StreamWatchdog watchdog, Duration idleLimit,
                             java.util.function.BiConsumer<byte[], AudioStream> firstChunkCheck) {
        String provider = source.provider();
        byte[] chunk;
        try {
            chunk = readFirstChunk(source);
        } catch (IOException e) {
            closeQuietly(source);
            if (e.getCause() instanceof TtsException t) throw t;
            throw ProviderUnavailableException.builder("stream failed before its first byte: " + e.getClass().getSimpleName())
                    .provider(provider).requestId(source.providerRequestId().orElse(null)).cause(e).build();
        } catch (RuntimeException e) {
            closeQuietly(source);
            throw e;
        }
        String problem = chunk.length == 0 ? "stream ended before any audio"
                : source.format().container() == AudioFormat.Container.WAV && !looksLikeWav(chunk) ? "stream does not start with a WAV header"
                : null;
        try {
            if (problem != null) {
                throw AudioFormatException.builder(problem).provider(provider).requestId(source.providerRequestId().orElse(null)).build();
            }
            firstChunkCheck.accept(chunk, source);
        } catch (RuntimeException e) {
            closeQuietly(source);
            throw e;
        }
        lease.keep();
        RoutedStream routed = new RoutedStream(chunk, source, lease, watchdog, idleLimit);
        watchdog.watch(routed);
        return new AudioStream(routed, source.format(), provider, source.providerRequestId().orElse(null), null);
    }

    private static byte[] readFirstChunk(AudioStream source) throws IOException {
        int atLeast = source.format().container() == AudioFormat.Container.WAV ? WAV_MAGIC_BYTES : 1;
        byte[] buffer = new byte[FIRST_CHUNK_BYTES];
        int total = 0;
        while (total < atLeast) {
            int n = source.read(buffer, total, buffer.length - total);
            if (n < 0) break;
            total += n;
        }
        return Arrays.copyOf(buffer, total);
    }

    private static boolean looksLikeWav(byte[] start) {
        if (start.length < WAV_MAGIC_BYTES) return false;
        String riff = new String(start, 0, 4, StandardCharsets.US_ASCII);
        String wave = new String(start, 8, 4, StandardCharsets.US_ASCII);
        return (riff.equals("RIFF") || riff.equals("RF64")) && wave.equals("WAVE");
    }

    private static void closeQuietly(AudioStream stream) {
        try {
            stream.close();
        } catch (IOException | RuntimeException e) {
            log.debug("closing a failed stream failed", e);
        }
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
        int n;
        try {
            readingSince = watchdog.now();
            n = source.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            readingSince = null;
            if (closed && !idledOut) throw e;
            throw interrupted(e);
        }
        readingSince = null;
        if (idledOut) throw interrupted(null);
        if (n < 0) {
            watchdog.unwatch(this);
            lease.succeed();
        } else {
            delivered += n;
        }
        return n;
    }

    private IOException interrupted(Exception e) {
        watchdog.unwatch(this);
        TtsException typed = idledOut
                ? TtsTimeoutException.builder("no byte within " + Durations.text(idleLimit) + " (idle stream)").provider(source.provider()).build()
                : e instanceof TtsException t ? t : e != null && e.getCause() instanceof TtsException t ? t : null;
        String what = typed != null ? typed.category().name() : e == null ? "ended" : e.getClass().getSimpleName();
        StreamInterruptedException failure = StreamInterruptedException.builder("stream failed after " + delivered + " bytes (" + what + ")")
                .provider(source.provider()).requestId(source.providerRequestId().orElse(null))
                .cause(idledOut || e == null ? typed : e).build();
        if (idledOut && e != null) failure.addSuppressed(e);
        lease.fail(failure);
        return new IOException(failure.getMessage(), failure);
    }

    /** From the watchdog: a read waiting longer than the idle limit ends the stream. */
    void checkIdle(Instant now) {
        Instant since = readingSince;
        if (since == null || closed || idledOut) return;
        if (Duration.between(since, now).compareTo(idleLimit) > 0) {
            idledOut = true;
            log.debug("{} sent nothing for {}; ending the stream", source.provider(), idleLimit);
            closeQuietly(source);
            lease.cancelCall();
        }
    }

    @Override
    public int available() throws IOException {
        return pos < first.length ? first.length - pos : source.available();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watchdog.unwatch(this);
        try {
            source.close();
        } finally {
            lease.release();
            lease.cancelCall();
        }
    }
}
