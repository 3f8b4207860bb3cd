package dev.ttskit.http;

import dev.ttskit.HttpSettings;
import dev.ttskit.spi.ResourceManager;
import dev.ttskit.spi.SharedKey;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one OkHttp client that every HTTP adapter of a {@link ResourceManager} shares: one connection
 * pool, one dispatcher, redirects and silent retries off (the router is the only retry layer).
 * Closing the manager cancels calls, evicts connections (closing their sockets) and stops the
 * dispatcher's threads and those of OkHttp's task runner for this client, so nothing of it is left;
 * a manager built afterwards gets a new client. Only the client made here is ever shut down: an
 * {@link OkHttpClient} an application builds for itself, and OkHttp's JVM-wide task runner that such
 * clients share, are left alone.
 *
 * <p>Every call also runs under the attempt's byte limits when its request carries them (see
 * {@link HttpCalls#execute}): the time to the answer's first byte and the longest silence between
 * two reads of its body.
 */
public final class SharedHttpClient {
    /** The key the client is registered under in the resource manager. */
    public static final SharedKey<OkHttpClient> KEY = SharedKey.of("okhttp.client", OkHttpClient.class);

    /** The task runners of the clients this class made, until their manager closes them. */
    private static final Map<OkHttpClient, OwnTaskRunner> RUNNERS = Collections.synchronizedMap(new WeakHashMap<>());

    private SharedHttpClient() {
    }

    /**
     * The manager's client, created on first use and shut down when the manager closes.
     *
     * @param resources the client's resource manager ({@code ctx.resources()} in a provider call)
     * @return the one client for every HTTP adapter of that manager
     */
    public static OkHttpClient of(ResourceManager resources) {
        return resources.shared(KEY, () -> create(resources), SharedHttpClient::shutdown);
    }

    private static OkHttpClient create(ResourceManager resources) {
        HttpSettings s = resources.httpSettings();
        ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), resources.threadFactory("http"));
        Dispatcher dispatcher = new Dispatcher(executor);
        dispatcher.setMaxRequests(s.maxRequests());
        dispatcher.setMaxRequestsPerHost(s.maxRequestsPerHost());
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(s.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(s.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(s.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .addInterceptor(new ByteLimits());
        // OkHttp's background work runs on a task runner of this client's own where OkHttp allows it,
        // so that close() ends those threads too (see OwnTaskRunner).
        Optional<OwnTaskRunner> tasks = OwnTaskRunner.create(resources.threadFactory("okhttp"));
        Optional<ConnectionPool> ownPool = tasks.flatMap(t -> t.install(builder, s.maxIdleConnections(), s.keepAlive().toMillis()));
        ConnectionPool pool = ownPool.orElseGet(
                () -> new ConnectionPool(s.maxIdleConnections(), s.keepAlive().toMillis(), TimeUnit.MILLISECONDS));
        OkHttpClient client = builder.connectionPool(pool).build();
        if (ownPool.isPresent()) RUNNERS.put(client, tasks.get());
        resources.gauge("http.connections", pool::connectionCount);
        resources.gauge("http.idleConnections", pool::idleConnectionCount);
        resources.gauge("http.runningCalls", dispatcher::runningCallsCount);
        resources.gauge("http.queuedCalls", dispatcher::queuedCallsCount);
        return client;
    }

    /**
     * Whether the client runs OkHttp's background work on threads of its own, which its close ends
     * (false where OkHttp does not allow it: then the JVM-wide runner's idle threads end a minute
     * after the last task).
     *
     * @param client a client from {@link #of}
     * @return whether closing its manager ends OkHttp's threads for it
     */
    static boolean ownsTaskThreads(OkHttpClient client) {
        return RUNNERS.containsKey(client);
    }

    private static void shutdown(OkHttpClient client) {
        client.dispatcher().cancelAll();
        client.dispatcher().executorService().shutdownNow();
        client.connectionPool().evictAll();
        try {
            client.dispatcher().executorService().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Calls cancelled above may hand their connection back to the pool while they unwind: evict again.
        client.connectionPool().evictAll();
        OwnTaskRunner tasks = RUNNERS.remove(client);
        if (tasks != null) tasks.shutdown(5_000);
    }
}
