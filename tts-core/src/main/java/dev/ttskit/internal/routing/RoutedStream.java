package dev.ttskit.internal.routing;

import dev.ttskit.AudioCheckPolicy;
import dev.ttskit.AudioStream;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.audio.AudioConverter;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.spi.ResourceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A provider stream on its way to the caller. {@link #start} reads and checks its first chunk inside
 * the attempt, so anything failing before the caller sees a byte can still be retried or failed over;
 * after that it hands the chunk on, then the rest. A failure after that point is a
 * {@link StreamInterruptedException} (the cause of the {@link IOException}), never a retry or
 * another provider's audio. A read that waits longer than the idle limit is ended by the
 * client's idle-stream {@link Sweep} ({@link #idleSweep}). The call's lease ends with the stream: success at the end, failure on an
 * error, released when closed early.
 */
final class RoutedStream extends InputStream {
    private static final Logger log = LoggerFactory.getLogger(RoutedStream.class);
    private static final int FIRST_CHUNK_BYTES = 8192;
    private static final int WAV_MAGIC_BYTES = 12;
    private static final long IDLE_CHECK_MILLIS = 25;

    private final byte[] first;
    private final AudioStream source;
    private final CallLease lease;
    private final Sweep<RoutedStream> watchdog;
    private final Duration idleLimit;
    private int pos;
    private long delivered;
    private volatile boolean closed;
    private volatile @Nullable Instant readingSince;
    private volatile boolean idledOut;

    private RoutedStream(byte[] first, AudioStream source, CallLease lease, Sweep<RoutedStream> watchdog, Duration idleLimit) {
        this.first = first;
        this.source = source;
        this.lease = lease;
        this.watchdog = watchdog;
        this.idleLimit = idleLimit;
    }

    /**
     * Reads what the provider has sent so far (at least one byte; a WAV stream: its 12-byte RIFF
     * header; never waiting to fill the buffer) and checks it: no audio at all, or a WAV stream that
     * does not start like one, is BAD_AUDIO. With audio checks on, a stream whose samples the router
     * can read is read further until a 20 ms frame rises above the policy's floor, up to
     * {@link AudioCheckPolicy#streamProbe()}: a stream of silence fails over before the caller sees
     * a byte. On success the stream keeps the lease.
     *
     * @throws TtsException typed, with the provider's id; the source is closed
     */
    static AudioStream start(AudioStream source, CallLease lease, Sweep<RoutedStream> watchdog, Duration idleLimit, AudioCheckPolicy policy) {
        String provider = source.provider();
        String requestId = source.providerRequestId().orElse(null);
        byte[] chunk;
        try {
            chunk = readFirstChunk(source);
            String problem = chunk.length == 0 ? "stream ended before any audio"
                    : source.format().container() == AudioFormat.Container.WAV && !looksLikeWav(chunk) ? "stream does not start with a WAV header"
                    : null;
            if (problem != null) throw AudioCheck.bad(problem, provider, requestId);
            if (policy.enabled() && AudioCheck.decodable(source.format())) chunk = probeForSound(source, chunk, policy);
        } catch (IOException e) {
            closeQuietly(source);
            if (e.getCause() instanceof TtsException t) throw t;
            throw ProviderUnavailableException.builder("stream failed before its first byte: " + e.getClass().getSimpleName())
                    .provider(provider).requestId(requestId).cause(e).build();
        } catch (RuntimeException e) {
            closeQuietly(source);
            throw e;
        }
        lease.keep();
        RoutedStream routed = new RoutedStream(chunk, source, lease, watchdog, idleLimit);
        watchdog.add(routed);
        return new AudioStream(routed, source.format(), provider, requestId, null);
    }

    /** Reads on while everything so far is below the floor, up to the probe's length or the stream's end. */
    private static byte[] probeForSound(AudioStream source, byte[] start, AudioCheckPolicy policy) throws IOException {
        AudioFormat format = source.format();
        long probeBytes = Math.max(FIRST_CHUNK_BYTES, format.bytesPerSecond() * policy.streamProbe().toMillis() / 1000);
        byte[] buffer = start;
        int total = start.length;
        while (!sounds(buffer, total, format, policy)) {
            if (total >= probeBytes) {
                throw AudioCheck.bad("stream starts with " + policy.streamProbe().toMillis() + " ms without sound above "
                        + policy.frameFloorDbfs() + " dBFS", source.provider(), source.providerRequestId().orElse(null));
            }
            if (buffer.length - total < FIRST_CHUNK_BYTES) buffer = Arrays.copyOf(buffer, (int) Math.min(Integer.MAX_VALUE - 8, buffer.length * 2L + FIRST_CHUNK_BYTES));
            int n = source.read(buffer, total, buffer.length - total);
            if (n < 0) {
                throw AudioCheck.bad("stream of " + total + " bytes ended without sound above " + policy.frameFloorDbfs() + " dBFS",
                        source.provider(), source.providerRequestId().orElse(null));
            }
            total += n;
        }
        return buffer.length == total ? buffer : Arrays.copyOf(buffer, total);
    }

    private static boolean sounds(byte[] buffer, int length, AudioFormat format, AudioCheckPolicy policy) {
        int from = format.container() == AudioFormat.Container.WAV ? wavDataOffset(buffer, length) : 0;
        if (from < 0) return false;
        int frameBytes = format.encoding() == AudioFormat.Encoding.PCM_S16LE ? 2 * format.channels() : format.channels();
        int usable = (length - from) / frameBytes * frameBytes;
        if (usable <= 0) return false;
        AudioFormat raw = format.withContainer(AudioFormat.Container.RAW);
        PcmAudio pcm = AudioConverter.decode(Arrays.copyOfRange(buffer, from, from + usable), raw);
        return AudioCheck.anySound(pcm, policy.frameFloorDbfs());
    }

    /** Where a WAV stream's samples start (after its "data" chunk header), or -1 when not read yet. */
    private static int wavDataOffset(byte[] b, int length) {
        for (int i = 12; i + 8 <= length; i++) {
            if (b[i] == 'd' && b[i + 1] == 'a' && b[i + 2] == 't' && b[i + 3] == 'a') return i + 8;
        }
        return -1;
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
            watchdog.remove(this);
            lease.succeed();
        } else {
            delivered += n;
        }
        return n;
    }

    private IOException interrupted(@Nullable Exception e) {
        watchdog.remove(this);
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

    /** The client's watch over its open streams, every 25 ms (one task on its scheduler). */
    static Sweep<RoutedStream> idleSweep(ResourceManager resources, Clock clock) {
        return new Sweep<>(resources, clock, IDLE_CHECK_MILLIS, "ending an idle stream", (sweep, stream) -> stream.checkIdle(sweep.now()));
    }

    /** From the idle sweep: a read waiting longer than the idle limit ends the stream. */
    private void checkIdle(Instant now) {
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
        watchdog.remove(this);
        try {
            source.close();
        } finally {
            lease.release();
            lease.cancelCall();
        }
    }
}
