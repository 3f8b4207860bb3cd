package dev.ttskit.replicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ttskit.spi.ResourceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on the JDK's built-in HTTP server, for programs without a web framework (the
 * CLI, the examples). It serves one path, accepts POST only, reads at most
 * {@link WebhookHandler#MAX_BODY_BYTES}, and answers with the handler's status: 2xx when accepted,
 * 4xx when verification fails. Close it to stop listening and release its threads.
 */
public final class WebhookServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final String path;
    private boolean closed;

    private WebhookServer(HttpServer server, ExecutorService executor, String path) {
        this.server = server;
        this.executor = executor;
        this.path = path;
    }

    /**
     * Starts listening.
     *
     * @param bind where to listen; port 0 picks a free port
     * @param path the path to serve, e.g. {@code /replicate} (the path of the webhook URL)
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static WebhookServer start(WebhookHandler handler, InetSocketAddress bind, String path) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(bind, "bind");
        if (path == null || !path.startsWith("/")) throw new IllegalArgumentException("path must start with /, was '" + path + "'");
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, ResourceManager.THREAD_PREFIX + "webhook-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
        HttpServer server;
        try {
            server = HttpServer.create(bind, 64);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot listen for webhooks on " + bind, e);
        }
        server.setExecutor(executor);
        server.createContext(path, exchange -> serve(handler, path, exchange));
        server.start();
        log.info("listening for Replicate webhooks on {}{}", server.getAddress(), path);
        return new WebhookServer(server, executor, path);
    }

    /**
     * Parses a {@code host:port} bind address ({@code REPLICATE_WEBHOOK_BIND}); {@code [::1]:8080} for IPv6.
     *
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

    private static void serve(WebhookHandler handler, String path, HttpExchange exchange) throws IOException {
        try (exchange) {
            // The context matches by prefix; serve the exact path only.
            if (!exchange.getRequestURI().getPath().equals(path)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(WebhookHandler.MAX_BODY_BYTES + 1);
            }
            WebhookOutcome outcome = body.length > WebhookHandler.MAX_BODY_BYTES
                    ? WebhookOutcome.TOO_LARGE : handler.handle(exchange.getRequestHeaders(), body);
            if (!outcome.acknowledged()) log.debug("webhook refused: {}", outcome);
            exchange.sendResponseHeaders(outcome.httpStatus(), -1);
        }
    }

    /** The address actually bound (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public String path() {
        return path;
    }

    /** Stops listening at once and stops the threads. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "WebhookServer[" + server.getAddress() + path + (closed ? ", closed" : "") + "]";
    }
}
