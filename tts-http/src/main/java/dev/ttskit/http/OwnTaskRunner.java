package dev.ttskit.http;

import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A task runner of OkHttp's own for one shared client, so that closing the client ends its threads.
 *
 * <p>OkHttp runs its background work (the connection pool's cleanup, HTTP/2 readers and pings,
 * fast-fallback connects, WebSocket writers) on a task runner. By default that is one JVM-wide
 * runner, shared with every other OkHttp client in the process: its threads ("OkHttp TaskRunner")
 * come from a pool with no core threads and a 60 s keep-alive, so they end only a minute after the
 * last task, and no client may shut them down without stopping everybody else's. OkHttp 5 does
 * accept a runner per client, but only through members it keeps internal ({@code TaskRunner},
 * {@code Builder.taskRunner}, the pool's constructor taking a runner). They are reached here by
 * reflection; where that fails (another OkHttp version, or the module path, which does not export
 * OkHttp's internal packages to us) the client falls back to the JVM-wide runner and only its idle
 * threads outlive {@code close()}, for OkHttp's keep-alive.
 */
final class OwnTaskRunner {
    private static final Logger log = LoggerFactory.getLogger(OwnTaskRunner.class);
    private static final String RUNNER = "okhttp3.internal.concurrent.TaskRunner";

    private final Object runner;
    private final ThreadPoolExecutor executor;
    private final Method cancelAll;
    private final Class<?> runnerClass;

    private OwnTaskRunner(Object runner, ThreadPoolExecutor executor, Method cancelAll, Class<?> runnerClass) {
        this.runner = runner;
        this.executor = executor;
        this.cancelAll = cancelAll;
        this.runnerClass = runnerClass;
    }

    /**
     * A runner whose threads come from {@code threads}, or empty when this OkHttp does not let us make one.
     *
     * @param threads the factory of the runner's threads
     * @return the runner, or empty
     */
    static Optional<OwnTaskRunner> create(ThreadFactory threads) {
        try {
            Class<?> runnerClass = Class.forName(RUNNER);
            Class<?> backendClass = Class.forName(RUNNER + "$Backend");
            Class<?> realBackend = Class.forName(RUNNER + "$RealBackend");
            Object backend = realBackend.getConstructor(ThreadFactory.class).newInstance(threads);
            ThreadPoolExecutor executor = (ThreadPoolExecutor) realBackend.getMethod("getExecutor").invoke(backend);
            Object companion = runnerClass.getField("Companion").get(null);
            Object logger = companion.getClass().getMethod("getLogger").invoke(companion);
            Constructor<?> make = runnerClass.getConstructor(backendClass, Class.forName("java.util.logging.Logger"));
            Object runner = make.newInstance(backend, logger);
            return Optional.of(new OwnTaskRunner(runner, executor, runnerClass.getMethod("cancelAll"), runnerClass));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.debug("OkHttp's task runner is not reachable ({}); using its JVM-wide one", e.toString());
            return Optional.empty();
        }
    }

    /**
     * Puts this runner and a connection pool running on it into {@code builder}.
     *
     * @param builder            the shared client's builder
     * @param maxIdleConnections the pool's idle connection limit
     * @param keepAliveMillis    how long an idle connection is kept
     * @return the pool, or empty (and the builder untouched) when OkHttp refuses
     */
    Optional<ConnectionPool> install(OkHttpClient.Builder builder, int maxIdleConnections, long keepAliveMillis) {
        try {
            Class<?> listenerClass = Class.forName("okhttp3.internal.connection.ConnectionListener");
            Object listenerCompanion = listenerClass.getField("Companion").get(null);
            Object none = listenerCompanion.getClass().getMethod("getNONE").invoke(listenerCompanion);
            ConnectionPool pool = ConnectionPool.class
                    .getConstructor(int.class, long.class, TimeUnit.class, runnerClass, listenerClass)
                    .newInstance(maxIdleConnections, keepAliveMillis, TimeUnit.MILLISECONDS, runner, none);
            Method set = OkHttpClient.Builder.class.getMethod("taskRunner$okhttp", runnerClass);
            set.invoke(builder, runner);
            return Optional.of(pool);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.debug("OkHttp refused a task runner of our own ({}); using its JVM-wide one", e.toString());
            return Optional.empty();
        }
    }

    /**
     * Cancels what is left on the runner and ends its threads, waiting up to {@code millis} for them.
     * Runs after the pool was evicted, so no connection is left to serve.
     *
     * @param millis how long to wait for the threads to end
     */
    void shutdown(long millis) {
        try {
            cancelAll.invoke(runner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("cancelling OkHttp's tasks failed: {}", e.toString());
        }
        // Interrupts the coordinator, which waits for the next scheduled task: it then ends at once.
        executor.shutdownNow();
        try {
            executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
