package dev.ttskit.cluster;

import dev.ttskit.Settings;
import dev.ttskit.replicate.WebhookHandler;
import dev.ttskit.replicate.WebhookServer;
import dev.ttskit.spi.SharedState;
import org.jspecify.annotations.Nullable;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;

/**
 * A webhook receiver that only records completions: it verifies each Replicate delivery and hands
 * terminal predictions to the cluster's completion bus, where the instance waiting for the prediction
 * picks it up. Run it as a process of its own (the CLI's {@code ttskit webhooks serve}) or beside an
 * application; it needs the Replicate adapter on the class path, and no provider.
 *
 * <pre>{@code
 * try (TtsCluster cluster = TtsCluster.builder().jdbcUrl(url, user, password).build();
 *      WebhookRecorder recorder = WebhookRecorder.start(cluster, secret, new InetSocketAddress("127.0.0.1", 8088), "/webhooks/replicate")) {
 *     ...   // until the process is told to stop
 * }
 * }</pre>
 *
 * Deliveries that fail verification get 401 or 400, a replayed delivery id (seen by any instance) is
 * acknowledged without being processed again, and one that cannot be recorded (the database is
 * gone) gets 500, so Replicate retries it.
 */
public final class WebhookRecorder implements AutoCloseable {
    private final WebhookServer server;
    private final @Nullable SharedState owned;

    private WebhookRecorder(WebhookServer server, @Nullable SharedState owned) {
        this.server = server;
        this.owned = owned;
    }

    /**
     * Starts receiving on {@code bind} (port 0 picks a free one) at {@code path}, recording into
     * {@code state}'s completion bus. The caller keeps {@code state} and closes it after the recorder.
     *
     * @param state the shared state whose completion bus records each verified delivery
     * @param secret the signing secret, {@code whsec_...}
     * @param bind the local address to listen on
     * @param path the request path served, starting with {@code /}
     * @return the running recorder, which the caller closes
     * @throws IllegalArgumentException when the secret or path is invalid
     * @throws java.io.UncheckedIOException when the address cannot be bound
     */
    public static WebhookRecorder start(SharedState state, String secret, InetSocketAddress bind, String path) {
        Objects.requireNonNull(state, "state");
        WebhookHandler handler = WebhookHandler.create(secret, state.completionBus(), Clock.systemUTC());
        return new WebhookRecorder(WebhookServer.start(handler, bind, path), null);
    }

    /**
     * A recorder from settings: the cluster database ({@code TTSKIT_CLUSTER_DB_URL}, {@code _USER},
     * {@code _PASSWORD}), {@code REPLICATE_WEBHOOK_SECRET}, {@code REPLICATE_WEBHOOK_BIND} (host:port)
     * and the path of {@code REPLICATE_WEBHOOK_URL} ({@code /} without it). The recorder owns the
     * cluster connection it opens and closes it with itself.
     *
     * @param settings where the values are read from
     * @return the running recorder, which the caller closes
     * @throws IllegalArgumentException when a setting is missing or invalid (named in the message)
     */
    public static WebhookRecorder fromSettings(Settings settings) {
        String secret = settings.get("REPLICATE_WEBHOOK_SECRET")
                .orElseThrow(() -> new IllegalArgumentException("REPLICATE_WEBHOOK_SECRET is not set"));
        InetSocketAddress bind = WebhookServer.parseBind(settings.get("REPLICATE_WEBHOOK_BIND")
                .orElseThrow(() -> new IllegalArgumentException("REPLICATE_WEBHOOK_BIND is not set (host:port)")));
        String path = settings.get("REPLICATE_WEBHOOK_URL").map(u -> {
            try {
                String p = URI.create(u).getPath();
                return p == null || p.isEmpty() ? "/" : p;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("REPLICATE_WEBHOOK_URL is not a URL", e);
            }
        }).orElse("/");
        TtsCluster cluster = TtsCluster.fromSettings(settings)
                .orElseThrow(() -> new IllegalArgumentException("TTSKIT_CLUSTER_DB_URL is not set"));
        try {
            WebhookHandler handler = WebhookHandler.create(secret, cluster.completionBus(), Clock.systemUTC());
            return new WebhookRecorder(WebhookServer.start(handler, bind, path), cluster);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** {@return the address it listens on} The real port is given when port 0 was asked for. */
    public InetSocketAddress address() {
        return server.address();
    }

    /** {@return the request path it serves} */
    public String path() {
        return server.path();
    }

    /** Stops receiving (connections in progress are ended) and closes what it opened. Idempotent. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            if (owned != null) owned.close();
        }
    }

    @Override
    public String toString() {
        return "WebhookRecorder[" + server + "]";
    }
}
