package dev.ttskit.replicate;

import dev.ttskit.replicate.internal.DeadlineInputStream;
import dev.ttskit.replicate.internal.HttpRequestReader;
import dev.ttskit.spi.ResourceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver for programs without a web framework (the CLI, the examples). It serves one
 * path, accepts POST only, reads at most {@link WebhookHandler#MAX_BODY_BYTES}, and answers with the
 * handler's status: 2xx when accepted, 4xx when verification fails. Close it to stop listening and
 * release its threads.
 *
 * <p>Each connection has its own thread, up to a limit, and one deadline for its whole request
 * (head and body): a client that sends slowly or stops sending costs its own connection until the
 * deadline, then gets 408 and is closed, while other deliveries are answered at once. Past the
 * connection limit a new connection is answered 503 at once (Replicate retries). One request per
 * connection. It speaks plain HTTP: put it behind a TLS-terminating proxy when Replicate reaches it
 * over the internet.
 */
public final class WebhookServer implements AutoCloseable {
    /** How long a client may take to send one whole request, head and body, by default. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** How many connections are served at once by default. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);
    private static final Duration LINGER = Duration.ofSeconds(1);
    private static final long LINGER_MAX_BYTES = 4L * WebhookHandler.MAX_BODY_BYTES;

    private final ServerSocket listener;
    private final ThreadPoolExecutor workers;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final WebhookHandler handler;
    private final String path;
    private final long requestTimeoutNanos;
    private volatile boolean closed;

    private WebhookServer(ServerSocket listener, WebhookHandler handler, String path, Duration requestTimeout, int maxConnections) {
        this.listener = listener;
        this.handler = handler;
        this.path = path;
        this.requestTimeoutNanos = requestTimeout.toNanos();
        AtomicInteger counter = new AtomicInteger();
        // No queue: a connection either gets a thread now or a 503 now, never waits behind slow ones.
        this.workers = new ThreadPoolExecutor(0, maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, ResourceManager.THREAD_PREFIX + "webhook-" + counter.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, ResourceManager.THREAD_PREFIX + "webhook-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Starts listening with the default request timeout and connection limit.
     *
     * @param handler verifies and delivers each request to {@code path}; not closed with the server
     * @param bind where to listen; port 0 picks a free port
     * @param path the path to serve, e.g. {@code /replicate} (the path of the webhook URL)
     * @return the running server; the caller closes it
     * @throws IllegalArgumentException when {@code path} does not start with {@code /}
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static WebhookServer start(WebhookHandler handler, InetSocketAddress bind, String path) {
        return start(handler, bind, path, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * Starts listening.
     *
     * @param handler        verifies and delivers each request to {@code path}; not closed with the server
     * @param bind           where to listen; port 0 picks a free port
     * @param path           the path to serve, e.g. {@code /replicate} (the path of the webhook URL)
     * @param requestTimeout how long one client may take to send its whole request; 1 ms to 10 minutes
     * @param maxConnections connections served at once, 1..10000; more are answered 503
     * @return the running server; the caller closes it
     * @throws IllegalArgumentException when {@code path} does not start with {@code /}, or a limit is
     *     out of range
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static WebhookServer start(WebhookHandler handler, InetSocketAddress bind, String path,
                                      Duration requestTimeout, int maxConnections) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (path == null || !path.startsWith("/")) throw new IllegalArgumentException("path must start with /, was '" + path + "'");
        if (requestTimeout.toMillis() < 1 || requestTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("requestTimeout must be 1ms..10m, was " + requestTimeout);
        }
        if (maxConnections < 1 || maxConnections > 10_000) {
            throw new IllegalArgumentException("maxConnections must be 1..10000, was " + maxConnections);
        }
        ServerSocket listener;
        try {
            listener = new ServerSocket();
            try {
                listener.bind(bind, 128);
            } catch (IOException e) {
                listener.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for webhooks on " + bind, e);
        }
        WebhookServer server = new WebhookServer(listener, handler, path, requestTimeout, maxConnections);
        server.acceptor.start();
        log.info("listening for Replicate webhooks on {}{}", server.address(), path);
        return server;
    }

    /**
     * Parses a {@code host:port} bind address ({@code REPLICATE_WEBHOOK_BIND}); {@code [::1]:8080} for IPv6.
     *
     * @param hostPort {@code host:port}; surrounding whitespace is ignored and the host is resolved now
     * @return the address, for {@link ReplicateProvider.Builder#webhookReceiver} or {@link #start}
     * @throws IllegalArgumentException when it is not host:port with a port 0..65535
     */
    public static InetSocketAddress parseBind(String hostPort) {
        Objects.requireNonNull(hostPort, "bind");
        String s = hostPort.trim();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) throw new IllegalArgumentException("bind must be host:port, was '" + hostPort + "'");
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bind port must be a number, was '" + hostPort + "'", e);
        }
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("bind port must be 0..65535, was " + port);
        return new InetSocketAddress(host, port);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!closed) log.warn("webhook receiver stopped accepting: {}", e.toString());
                return;
            }
            open.add(s);
            if (closed) {
                // close() may have run between accept and add; it would not see this socket.
                drop(s);
                return;
            }
            try {
                workers.execute(() -> serve(s));
            } catch (RejectedExecutionException e) {
                log.debug("webhook receiver busy; answering 503");
                answer(s, 503, "Retry-After: 1\r\n");
                drop(s);
            }
        }
    }

    private void serve(Socket socket) {
        try {
            long deadline = System.nanoTime() + requestTimeoutNanos;
            InputStream in = new BufferedInputStream(new DeadlineInputStream(socket, deadline));
            HttpRequestReader.Head head;
            try {
                head = HttpRequestReader.readHead(in);
            } catch (HttpRequestReader.BadRequest e) {
                answer(socket, e.status(), "");
                return;
            }
            // Answer a wrong path or method without reading the body: the connection closes anyway.
            if (!head.path().equals(path)) {
                answer(socket, 404, "");
                return;
            }
            if (!"POST".equals(head.method())) {
                answer(socket, 405, "Allow: POST\r\n");
                return;
            }
            String expect = head.header("Expect");
            if (expect != null && expect.equalsIgnoreCase("100-continue")) {
                socket.getOutputStream().write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            byte[] body;
            try {
                body = HttpRequestReader.readBody(in, head, WebhookHandler.MAX_BODY_BYTES);
            } catch (HttpRequestReader.BadRequest e) {
                answer(socket, e.status(), "");
                return;
            }
            WebhookOutcome outcome = handler.handle(head.headers(), body);
            if (!outcome.acknowledged()) log.debug("webhook refused: {}", outcome);
            answer(socket, outcome.httpStatus(), "");
        } catch (SocketTimeoutException e) {
            log.debug("webhook client too slow; closing its connection");
            answer(socket, 408, "");
        } catch (IOException | RuntimeException e) {
            if (!closed) log.debug("webhook connection failed: {}", e.toString());
        } finally {
            linger(socket);
            drop(socket);
        }
    }

    /**
     * Reads and discards what the client is still sending, briefly, before closing: closing with
     * unread bytes makes the kernel reset the connection, and a client still writing a refused
     * body would then see a reset instead of the answer (Apache httpd lingers the same way).
     */
    private static void linger(Socket socket) {
        if (socket.isClosed()) return;
        try {
            long end = System.nanoTime() + LINGER.toNanos();
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[8192];
            long discarded = 0;
            while (discarded < LINGER_MAX_BYTES) {
                long leftMillis = (end - System.nanoTime()) / 1_000_000;
                if (leftMillis <= 0) return;
                socket.setSoTimeout((int) leftMillis);
                int n = in.read(sink);
                if (n < 0) return;
                discarded += n;
            }
        } catch (IOException e) {
            // timed out or reset: close now
        }
    }

    private static void answer(Socket socket, int status, String extraHeaders) {
        String response = "HTTP/1.1 " + status + " " + reason(status) + "\r\n" + extraHeaders
                + "Content-Length: 0\r\nConnection: close\r\n\r\n";
        try {
            OutputStream out = socket.getOutputStream();
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Tell the client we are done, so it reads the answer even while it is still sending.
            socket.shutdownOutput();
        } catch (IOException e) {
            log.debug("could not answer a webhook client: {}", e.toString());
        }
    }

    private void drop(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing a webhook connection failed: {}", e.toString());
        }
    }

    private static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 408: return "Request Timeout";
            case 411: return "Length Required";
            case 413: return "Content Too Large";
            case 431: return "Request Header Fields Too Large";
            case 500: return "Internal Server Error";
            case 501: return "Not Implemented";
            case 503: return "Service Unavailable";
            case 505: return "HTTP Version Not Supported";
            default: return "Status";
        }
    }

    /** {@return the address actually bound (with the real port when 0 was asked for)} */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** {@return the path served, starting with {@code /}; requests to any other path are answered 404} */
    public String path() {
        return path;
    }

    /** Stops listening at once, closes every open connection and stops the threads. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("closing the webhook listener failed: {}", e.toString());
        }
        for (Socket s : open) drop(s);
        workers.shutdownNow();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
            workers.awaitTermination(5, TimeUnit.SECONDS);
            // A terminated pool's threads may still be on their way out: wait until they are gone.
            for (Thread t : threads) t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "WebhookServer[" + address() + path + (closed ? ", closed" : "") + "]";
    }
}
