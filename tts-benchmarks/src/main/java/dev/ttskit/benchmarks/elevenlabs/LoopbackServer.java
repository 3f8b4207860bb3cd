package dev.ttskit.benchmarks.elevenlabs;

import org.jspecify.annotations.Nullable;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 that answers the ElevenLabs speech paths with canned audio:
 * {@code POST /v1/text-to-speech/{voice}} with a fixed-length body, {@code …/stream} with a chunked
 * body whose first chunk is flushed on its own; and OpenAI's {@code POST /v1/audio/speech}, which always
 * streams, with the same chunked body. The voice {@link #LARGE_VOICE} streams
 * {@code largeStreamBytes} generated on the fly. Keep-alive, one thread per connection, nothing
 * parsed beyond what routing needs: it must cost less than either client it serves, or the
 * comparison would measure the server.
 */
public final class LoopbackServer implements AutoCloseable {
    /** The voice id whose stream is the large body. */
    static final String LARGE_VOICE = "largeStreamVoice";
    /** Chunk size of the large stream. */
    static final int CHUNK = 64 * 1024;
    /** Chunk size of the canned stream: small, so its first chunk arrives well before the rest. */
    static final int CANNED_CHUNK = 8 * 1024;

    private static final byte[] CRLF = {'\r', '\n'};
    private static final int PATTERN_PERIOD = 65_521;
    private static final byte[] PATTERN = pattern();
    private static final String SPEECH_PREFIX = "/v1/text-to-speech/";
    private static final String OPENAI_SPEECH = "/v1/audio/speech";

    private final ServerSocket socket;
    private final byte[] audio;
    private final long largeStreamBytes;
    private final byte[] convertHead;
    private final byte[] streamHead;
    private final byte[] openAiHead;
    private final Thread acceptor;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicLong requestCount = new AtomicLong();
    private final AtomicInteger convertsInFlight = new AtomicInteger();
    private final AtomicInteger peakAfterFirstAnswer = new AtomicInteger();
    private final AtomicLong refusedCount = new AtomicLong();
    private volatile boolean answeredSinceReset;
    private volatile long latencyNanos;
    private volatile int accountMaximum;
    private volatile boolean refuseAbove;
    private volatile boolean closed;

    private LoopbackServer(byte[] audio, long largeStreamBytes) throws IOException {
        this.audio = audio.clone();
        this.largeStreamBytes = largeStreamBytes;
        this.socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        this.convertHead = ascii("HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nContent-Length: " + audio.length
                + "\r\nrequest-id: loopback\r\ncharacter-cost: 42\r\n\r\n");
        this.streamHead = ascii("HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nTransfer-Encoding: chunked"
                + "\r\nrequest-id: loopback\r\n\r\n");
        this.openAiHead = ascii("HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nTransfer-Encoding: chunked"
                + "\r\nx-request-id: req_loopback\r\n\r\n");
        this.acceptor = new Thread(this::acceptLoop, "loopback-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @param audio            the canned audio every short answer carries
     * @param largeStreamBytes the length of the {@link #LARGE_VOICE} stream
     */
    public static LoopbackServer start(byte[] audio, long largeStreamBytes) throws IOException {
        return new LoopbackServer(audio, largeStreamBytes);
    }

    /** The base URL to configure a client with. */
    public String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** How long a whole-file answer ({@code POST …/text-to-speech/{voice}}) waits before it is sent. */
    public void latency(Duration value) {
        latencyNanos = value.toNanos();
    }

    /**
     * Acts as an account that allows {@code maximum} calls in flight: every speech answer states it in
     * {@code maximum-concurrent-requests} (with {@code current-concurrent-requests}), as ElevenLabs'
     * do; with {@code refuse}, a whole-file call above it gets ElevenLabs' concurrency 429. Zero
     * states nothing. Resets the counts of {@link #peakInFlightAfterFirstAnswer()} and {@link #refused()}.
     */
    public void account(int maximum, boolean refuse) {
        accountMaximum = maximum;
        refuseAbove = refuse;
        answeredSinceReset = false;
        peakAfterFirstAnswer.set(0);
        refusedCount.set(0);
    }

    /** The most whole-file calls in flight at once that arrived after the first answer since {@link #account}. */
    public int peakInFlightAfterFirstAnswer() {
        return peakAfterFirstAnswer.get();
    }

    /** Whole-file calls refused with a 429 since {@link #account}. */
    public long refused() {
        return refusedCount.get();
    }

    /** Connections accepted so far (a client that reuses its connections keeps this low). */
    public int connectionsAccepted() {
        return connectionCount.get();
    }

    public long requestsServed() {
        return requestCount.get();
    }

    /**
     * The byte at {@code position} of the large stream. The pattern's period is a prime, so it never
     * lines up with the chunk size and a dropped or repeated chunk changes the checksum.
     */
    public static byte largeStreamByte(long position) {
        return PATTERN[(int) (position % PATTERN_PERIOD)];
    }

    /** The CRC-32 of the first {@code bytes} bytes of the large stream. */
    static long largeStreamChecksum(long bytes) {
        CRC32 crc = new CRC32();
        for (long done = 0; done < bytes; ) {
            int len = (int) Math.min(CHUNK, bytes - done);
            crc.update(PATTERN, (int) (done % PATTERN_PERIOD), len);
            done += len;
        }
        return crc.getValue();
    }

    private static byte[] pattern() {
        // One period plus a chunk, so any chunk is one slice of it: the large body costs the server no work.
        byte[] p = new byte[PATTERN_PERIOD + CHUNK];
        for (int i = 0; i < p.length; i++) p[i] = (byte) ((i % PATTERN_PERIOD) * 31 + ((i % PATTERN_PERIOD) >>> 7));
        return p;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket connection = socket.accept();
                connection.setTcpNoDelay(true);
                connections.add(connection);
                connectionCount.incrementAndGet();
                Thread worker = new Thread(() -> serve(connection), "loopback-conn-" + connectionCount.get());
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                if (!closed) System.err.println("loopback server: accept failed: " + e);
            }
        }
    }

    private void serve(Socket connection) {
        try (connection;
             InputStream in = new BufferedInputStream(connection.getInputStream(), 16 * 1024);
             OutputStream out = new BufferedOutputStream(connection.getOutputStream(), CHUNK + 32)) {
            while (!closed) {
                String requestLine = readLine(in);
                if (requestLine == null) return;
                long contentLength = 0;
                boolean close = false;
                for (String header = readLine(in); header != null && !header.isEmpty(); header = readLine(in)) {
                    int colon = header.indexOf(':');
                    if (colon < 0) continue;
                    String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = header.substring(colon + 1).trim();
                    if (name.equals("content-length")) contentLength = Long.parseLong(value);
                    else if (name.equals("connection") && value.equalsIgnoreCase("close")) close = true;
                }
                in.skipNBytes(contentLength);
                requestCount.incrementAndGet();
                answer(requestLine, out);
                out.flush();
                if (close) return;
            }
        } catch (SocketException e) {
            // The client went away (a cancelled stream, or the run ended): nothing to answer.
        } catch (IOException | RuntimeException e) {
            if (!closed) System.err.println("loopback server: connection failed: " + e);
        } finally {
            connections.remove(connection);
        }
    }

    private void answer(String requestLine, OutputStream out) throws IOException {
        String[] parts = requestLine.split(" ", 3);
        String path = parts.length > 1 ? parts[1] : "";
        int query = path.indexOf('?');
        if (query >= 0) path = path.substring(0, query);
        if (parts[0].equals("POST") && path.equals(OPENAI_SPEECH)) {
            out.write(openAiHead);
            streamCanned(out);
            out.write(ascii("0\r\n\r\n"));
            return;
        }
        if (!parts[0].equals("POST") || !path.startsWith(SPEECH_PREFIX)) {
            out.write(ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
            return;
        }
        String rest = path.substring(SPEECH_PREFIX.length());
        if (!rest.endsWith("/stream")) {
            convert(out);
            return;
        }
        String voice = rest.substring(0, rest.length() - "/stream".length());
        int maximum = accountMaximum;
        out.write(maximum > 0 ? withAccount(streamHead, maximum, 1) : streamHead);
        if (voice.equals(LARGE_VOICE)) {
            streamLarge(out);
        } else {
            streamCanned(out);
        }
        out.write(ascii("0\r\n\r\n"));
    }

    /**
     * A whole-file answer after the configured latency, counted in flight from the request's arrival
     * until just before the answer is written (so a client that frees its slot on reading the answer
     * never looks, to this count, as if it had more calls out than it has).
     */
    private void convert(OutputStream out) throws IOException {
        int maximum = accountMaximum;
        int now = convertsInFlight.incrementAndGet();
        boolean refuse;
        try {
            if (answeredSinceReset) peakAfterFirstAnswer.accumulateAndGet(now, Math::max);
            refuse = maximum > 0 && refuseAbove && now > maximum;
            long latency = latencyNanos;
            if (!refuse && latency > 0) Thread.sleep(latency / 1_000_000, (int) (latency % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            convertsInFlight.decrementAndGet();
            answeredSinceReset = true;
        }
        if (refuse) {
            refusedCount.incrementAndGet();
            byte[] body = ascii("{\"detail\":{\"status\":\"too_many_concurrent_requests\",\"message\":\"Too many concurrent requests.\"}}");
            out.write(ascii("HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nmaximum-concurrent-requests: " + maximum + "\r\ncurrent-concurrent-requests: " + now + "\r\n\r\n"));
            out.write(body);
            return;
        }
        out.write(maximum > 0 ? withAccount(convertHead, maximum, now) : convertHead);
        out.write(audio);
    }

    /** A canned head with the account's headers added before its blank line. */
    private static byte[] withAccount(byte[] head, int maximum, int current) {
        byte[] extra = ascii("maximum-concurrent-requests: " + maximum + "\r\ncurrent-concurrent-requests: " + current + "\r\n\r\n");
        byte[] out = new byte[head.length - 2 + extra.length];
        System.arraycopy(head, 0, out, 0, head.length - 2);
        System.arraycopy(extra, 0, out, head.length - 2, extra.length);
        return out;
    }

    /** The canned audio in chunks, the first flushed on its own as a real stream's first audio would be. */
    private void streamCanned(OutputStream out) throws IOException {
        for (int off = 0; off < audio.length; off += CANNED_CHUNK) {
            int len = Math.min(CANNED_CHUNK, audio.length - off);
            writeChunk(out, audio, off, len);
            if (off == 0) out.flush();
        }
    }

    private void streamLarge(OutputStream out) throws IOException {
        for (long sent = 0; sent < largeStreamBytes; ) {
            int len = (int) Math.min(CHUNK, largeStreamBytes - sent);
            writeChunk(out, PATTERN, (int) (sent % PATTERN_PERIOD), len);
            sent += len;
        }
    }

    private static void writeChunk(OutputStream out, byte[] data, int off, int len) throws IOException {
        out.write(ascii(Integer.toHexString(len)));
        out.write(CRLF);
        out.write(data, off, len);
        out.write(CRLF);
    }

    /** One CRLF-terminated ASCII line, or null at the end of the stream. */
    private static @Nullable String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') line.setLength(end - 1);
                return line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        for (Socket connection : connections) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            acceptor.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
