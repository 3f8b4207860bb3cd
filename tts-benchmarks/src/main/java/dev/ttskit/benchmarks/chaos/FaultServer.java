package dev.ttskit.benchmarks.chaos;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback ElevenLabs that misbehaves on purpose: each request draws a fault from a seeded mix
 * (or, in an outage, always answers 503). One thread per connection, keep-alive, nothing parsed
 * beyond the request line, headers and body length.
 */
final class FaultServer implements AutoCloseable {
    /** What one response does. */
    enum Fault { OK, HTTP_500, HTTP_503_RETRY_AFTER, RATE_LIMIT_429, CONCURRENCY_429, HANG, SLOW_DRIP, RESET_MID_BODY, TRUNCATED, EMPTY_200, SILENT }

    private static final Fault[] MIX = mix();

    private final ServerSocket socket;
    private final byte[] audio;
    private final Random random;
    private final Thread acceptor;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);
    final AtomicLong requests = new AtomicLong();
    final ConcurrentHashMap<Fault, AtomicLong> served = new ConcurrentHashMap<>();
    private volatile boolean outage;
    private volatile boolean healthy;

    FaultServer(byte[] audio, long seed) throws IOException {
        this.audio = audio.clone();
        this.random = new Random(seed);
        this.socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        this.acceptor = new Thread(this::accept, "fault-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** 55 % ok, the rest spread over the faults. */
    private static Fault[] mix() {
        Fault[] m = new Fault[100];
        int i = 0;
        for (int k = 0; k < 55; k++) m[i++] = Fault.OK;
        int[] shares = {5, 5, 4, 4, 4, 4, 5, 5, 4, 5};
        Fault[] faults = {Fault.HTTP_500, Fault.HTTP_503_RETRY_AFTER, Fault.RATE_LIMIT_429, Fault.CONCURRENCY_429, Fault.HANG,
                Fault.SLOW_DRIP, Fault.RESET_MID_BODY, Fault.TRUNCATED, Fault.EMPTY_200, Fault.SILENT};
        for (int f = 0; f < faults.length; f++) for (int k = 0; k < shares[f]; k++) m[i++] = faults[f];
        return m;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    }

    void outage(boolean on) {
        outage = on;
    }

    /** The outage ends and every answer is good from now on. */
    void recovered() {
        healthy = true;
        outage = false;
    }

    private Fault draw() {
        if (outage) return Fault.HTTP_503_RETRY_AFTER;
        if (healthy) return Fault.OK;
        synchronized (random) {
            return MIX[random.nextInt(MIX.length)];
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.add(s);
                Thread t = new Thread(() -> serve(s), "fault-server-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            while (true) {
                long length = readRequest(in);
                if (length < 0) return;
                in.skipNBytes(length);
                requests.incrementAndGet();
                Fault fault = draw();
                served.computeIfAbsent(fault, f -> new AtomicLong()).incrementAndGet();
                if (!respond(fault, out)) return;
            }
        } catch (IOException e) {
            // client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(s);
        }
    }

    /** Answers; false when the connection must end. */
    private boolean respond(Fault fault, OutputStream out) throws IOException, InterruptedException {
        switch (fault) {
            case OK -> write(out, 200, "audio/pcm", "", audio);
            case SILENT -> write(out, 200, "audio/pcm", "", new byte[audio.length]);
            case EMPTY_200 -> write(out, 200, "audio/pcm", "", new byte[0]);
            case HTTP_500 -> write(out, 500, "application/json", "", json("{\"detail\":{\"status\":\"internal\",\"message\":\"boom\"}}"));
            case HTTP_503_RETRY_AFTER -> write(out, 503, "application/json", "Retry-After: 1\r\n",
                    json("{\"detail\":{\"status\":\"system_busy\",\"message\":\"busy\"}}"));
            case RATE_LIMIT_429 -> write(out, 429, "application/json", "Retry-After: 1\r\n",
                    json("{\"detail\":{\"status\":\"rate_limit_exceeded\",\"message\":\"slow down\"}}"));
            case CONCURRENCY_429 -> write(out, 429, "application/json", "",
                    json("{\"detail\":{\"status\":\"too_many_concurrent_requests\",\"message\":\"too many\"}}"));
            case HANG -> {
                closed.await();
                return false;
            }
            case SLOW_DRIP -> {
                head(out, 200, "audio/pcm", "", audio.length);
                for (int i = 0; i < audio.length && !closed.await(1, TimeUnit.SECONDS); i++) {
                    out.write(audio[i]);
                    out.flush();
                }
                return false;
            }
            case RESET_MID_BODY -> {
                head(out, 200, "audio/pcm", "", audio.length);
                out.write(audio, 0, audio.length / 3);
                out.flush();
                return false;   // the socket closes with the body a third sent
            }
            case TRUNCATED -> {
                head(out, 200, "audio/pcm", "", audio.length);
                out.write(audio, 0, audio.length / 2 & ~1);
                out.flush();
                return false;
            }
            default -> throw new IllegalStateException(fault.name());
        }
        return true;
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void head(OutputStream out, int code, String type, String extra, long length) throws IOException {
        out.write(("HTTP/1.1 " + code + " X\r\nContent-Type: " + type + "\r\nrequest-id: chaos\r\n" + extra + "Content-Length: " + length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static void write(OutputStream out, int code, String type, String extra, byte[] body) throws IOException {
        head(out, code, type, extra, body.length);
        out.write(body);
        out.flush();
    }

    /** Reads a request's line and headers; its Content-Length, or -1 at the end of the connection. */
    private static long readRequest(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        long length = 0;
        boolean first = true;
        while (true) {
            int b = in.read();
            if (b < 0) return -1;
            if (b == '\n') {
                String l = line.toString().trim();
                line.setLength(0);
                if (l.isEmpty()) {
                    if (first) continue;
                    return length;
                }
                first = false;
                if (l.regionMatches(true, 0, "content-length:", 0, 15)) length = Long.parseLong(l.substring(15).trim());
            } else {
                line.append((char) b);
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        socket.close();
        for (Socket s : connections) s.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
