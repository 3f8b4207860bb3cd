package dev.ttskit.elevenlabs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that misbehaves the way hung providers do: it accepts a request and then
 * says nothing ({@link Mode#SILENT}), or sends the response headers and then one byte of body per
 * interval ({@link Mode#DRIP}). Closing it closes every connection and ends its threads.
 */
final class StallingServer implements AutoCloseable {
    enum Mode { SILENT, DRIP }

    private final ServerSocket socket;
    private final Mode mode;
    private final long dripMillis;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    final AtomicInteger requests = new AtomicInteger();

    StallingServer(Mode mode, long dripMillis) throws IOException {
        this.mode = mode;
        this.dripMillis = dripMillis;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "stalling-server-accept");
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    String baseUrl() {
        return "http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort() + "/";
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.add(s);
                Thread t = new Thread(() -> serve(s), "stalling-server-conn");
                t.setDaemon(true);
                threads.add(t);
                t.start();
            } catch (IOException e) {
                return;   // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            readHeaders(in);
            requests.incrementAndGet();
            if (mode == Mode.SILENT) {
                closed.await();
                return;
            }
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nrequest-id: drip-1\r\nContent-Length: 100000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] frame = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0};
            for (int i = 0; !closed.await(i == 0 ? 0 : dripMillis, TimeUnit.MILLISECONDS); i++) {
                out.write(frame[i % frame.length]);
                out.flush();
            }
        } catch (IOException e) {
            // the client gave up: what this server is for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void readHeaders(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b; (b = in.read()) >= 0; ) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) return;
        }
        throw new IOException("connection closed before the request headers ended");
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        socket.close();
        for (Socket s : connections) s.close();
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
