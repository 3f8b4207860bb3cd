package dev.ttskit.http;

import dev.ttskit.CancelledException;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ResourceManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OkHttp's fast-fallback connect throws a checked InterruptedException out of execute() when the
 * calling thread is interrupted; it must come out as a typed cancellation, not kill the thread.
 */
class InterruptedConnectTest {
    /** Sockets whose connect blocks until closed: a peer that never answers the handshake. */
    static final class StuckSocketFactory extends SocketFactory {
        final CountDownLatch connecting = new CountDownLatch(1);

        @Override
        public Socket createSocket() {
            return new Socket() {
                private final CountDownLatch closed = new CountDownLatch(1);

                @Override
                public void connect(SocketAddress endpoint, int timeout) throws IOException {
                    connecting.countDown();
                    try {
                        closed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new SocketException("closed while connecting");
                }

                @Override
                public synchronized void close() throws IOException {
                    closed.countDown();
                    super.close();
                }
            };
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void anInterruptWhileConnectingIsACancellationAndKeepsTheInterruptFlag() throws Exception {
        StuckSocketFactory sockets = new StuckSocketFactory();
        OkHttpClient client = new OkHttpClient.Builder().socketFactory(sockets).retryOnConnectionFailure(false).build();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        try (ResourceManager resources = ResourceManager.create()) {
            CallContext ctx = CallContext.of(Duration.ofSeconds(30), Clock.systemUTC(), new CancellationToken(), resources);
            Thread caller = new Thread(() -> {
                try {
                    HttpCalls.execute(client, new Request.Builder().url("http://127.0.0.1:9/").build(), ctx, "p").close();
                } catch (Throwable t) {
                    thrown.set(t);
                }
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            }, "interrupt-me");
            caller.setUncaughtExceptionHandler((t, e) -> thrown.set(e));
            caller.start();
            assertTrue(sockets.connecting.await(10, TimeUnit.SECONDS), "the connect never started");
            caller.interrupt();
            caller.join(TimeUnit.SECONDS.toMillis(10));
            assertTrue(!caller.isAlive(), "the call did not end after the interrupt");
        } finally {
            client.dispatcher().executorService().shutdownNow();
            client.connectionPool().evictAll();
        }
        assertInstanceOf(CancelledException.class, thrown.get(), String.valueOf(thrown.get()));
        assertTrue(interruptedAfter.get(), "the interrupt is kept for the caller's own code");
    }
}
