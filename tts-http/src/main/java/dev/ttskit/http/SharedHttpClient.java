package dev.ttskit.http;

import dev.ttskit.HttpSettings;
import dev.ttskit.spi.ResourceManager;
import dev.ttskit.spi.SharedKey;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one OkHttp client that every HTTP adapter of a {@link ResourceManager} shares: one connection
 * pool, one dispatcher, redirects and silent retries off (the router is the only retry layer).
 * Closing the manager cancels calls, evicts connections and stops the dispatcher's threads.
 */
public final class SharedHttpClient {
    /** The key the client is registered under in the resource manager. */
    public static final SharedKey<OkHttpClient> KEY = SharedKey.of("okhttp.client", OkHttpClient.class);

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
        ConnectionPool pool = new ConnectionPool(s.maxIdleConnections(), s.keepAlive().toMillis(), TimeUnit.MILLISECONDS);
        OkHttpClient client = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(pool)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(s.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(s.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(s.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
        resources.gauge("http.connections", pool::connectionCount);
        resources.gauge("http.idleConnections", pool::idleConnectionCount);
        resources.gauge("http.runningCalls", dispatcher::runningCallsCount);
        resources.gauge("http.queuedCalls", dispatcher::queuedCallsCount);
        return client;
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
    }
}
