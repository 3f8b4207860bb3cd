package dev.ttskit.http;

import dev.ttskit.HttpSettings;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ResourceManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * After the last user of the shared client closes, nothing of it is left: no thread of ours or of
 * OkHttp's task runner, no socket, no file descriptor; and a client built afterwards works. The
 * server is a plain loopback socket server, so that no other OkHttp code runs in the test.
 */
class CloseLeavesNothingTest {
    private ServerSocket server;
    private Thread acceptor;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "loopback-http");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        for (Socket s : accepted) s.close();
        acceptor.join(5_000);
    }

    /** Answers every request of a keep-alive connection with "ok"; the connection ends when the client closes it. */
    private void accept() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.add(s);
            Thread t = new Thread(() -> serve(s), "loopback-http-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1))) {
            OutputStream out = s.getOutputStream();
            while (true) {
                String line = in.readLine();
                if (line == null) return;
                while (line != null && !line.isEmpty()) line = in.readLine();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            accepted.remove(s);
        }
    }

    private static ResourceManager manager() {
        return ResourceManager.builder()
                .httpSettings(new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), 50, 20, 8,
                        Duration.ofMinutes(5)))
                .build();
    }

    private String get(ResourceManager resources) {
        Request r = new Request.Builder().url("http://127.0.0.1:" + server.getLocalPort() + "/").build();
        CallContext ctx = CallContext.of(Duration.ofSeconds(10), Clock.systemUTC(), new CancellationToken(), resources);
        try (HttpCalls.InFlight call = HttpCalls.execute(SharedHttpClient.of(resources), r, ctx, "p")) {
            return call.response().body().string();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void closingTheLastUserEndsOurThreadsOkHttpsThreadsAndEverySocket() throws Exception {
        assumeTrue(new File("/proc/self/fd").isDirectory(), "counts descriptors through /proc");
        // The JVM opens a few descriptors once, on its first connection (a datagram socket of the
        // resolver, the random devices): one client's lifetime first, so that only a client's count.
        ResourceManager first = manager();
        assertEquals("ok", get(first));
        first.close();
        awaitAtMost(0, () -> threads(ResourceManager.THREAD_PREFIX), "ttskit threads after the first client");
        long fdsBefore = fds();
        long socketsBefore = sockets();
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        ResourceManager resources = manager();
        OkHttpClient client = SharedHttpClient.of(resources);
        assertTrue(SharedHttpClient.ownsTaskThreads(client), "the client runs OkHttp's background work on threads of its own");
        for (int i = 0; i < 20; i++) assertEquals("ok", get(resources));
        // Released connections go back to the pool, whose cleanup runs on the client's own task runner
        // (while it runs or waits for its next run, OkHttp names the thread after the task).
        // The thread takes that name once it has started on its first task, which may lag the answers.
        awaitAtMost(0, () -> newThreads(before).stream().anyMatch(n -> n.startsWith("OkHttp")) ? 0 : 1, "OkHttp's task runner not working");
        assertTrue(sockets() > socketsBefore, "a pooled connection is open");

        resources.close();

        awaitAtMost(0, () -> threads(ResourceManager.THREAD_PREFIX), "ttskit threads (dispatcher and OkHttp task runner)");
        awaitAtMost(0, () -> newThreads(before).size(), "threads started for the client");
        awaitAtMost(socketsBefore, CloseLeavesNothingTest::sockets, "open sockets");
        awaitAtMost(fdsBefore, CloseLeavesNothingTest::fds, "file descriptors");
        assertEquals(0, client.connectionPool().connectionCount());

        ResourceManager again = manager();
        try {
            assertEquals("ok", get(again), "a client built after close works");
        } finally {
            again.close();
        }
        awaitAtMost(0, () -> threads(ResourceManager.THREAD_PREFIX), "ttskit threads after the second client");
    }

    /** Waits (bounded) until {@code value} is at most {@code limit}. */
    private static void awaitAtMost(long limit, LongSupplier value, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.getAsLong() > limit && System.nanoTime() < end) Thread.sleep(20);
        assertTrue(value.getAsLong() <= limit, what + " left: " + value.getAsLong() + ", expected at most " + limit
                + "; threads: " + Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList());
    }

    /**
     * Threads alive now that were not before, but for the test server's and Okio's watchdog: Okio
     * times every socket read with one JVM-wide watchdog thread, which ends a minute after the last
     * timeout of any code in the process and which no client can stop.
     */
    private static List<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t) && !t.getName().startsWith("loopback-http")
                        && !t.getName().equals("Okio Watchdog"))
                .map(Thread::getName).toList();
    }

    private static long threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    private static long fds() {
        String[] names = new File("/proc/self/fd").list();
        return names == null ? 0 : names.length;
    }

    private static long sockets() {
        File[] entries = new File("/proc/self/fd").listFiles();
        if (entries == null) return 0;
        long n = 0;
        for (File f : entries) {
            try {
                if (Files.readSymbolicLink(f.toPath()).toString().startsWith("socket:")) n++;
            } catch (IOException e) {
                // closed while listing
            }
        }
        return n;
    }
}
