package dev.ttskit.internal.resources;

import dev.ttskit.spi.ResourceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Every thread a manager starts: the worker pool, the timer, and threads of components' own pools.
 * {@link #close()} returns once they have ended, not just finished their tasks, so "no ttskit thread
 * after close" holds the moment the manager's close returns.
 */
final class ManagedThreads {
    private static final Logger log = LoggerFactory.getLogger(ManagedThreads.class);

    private final AtomicInteger counter = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private @Nullable ExecutorService executor;
    private @Nullable ScheduledExecutorService scheduler;
    private boolean closed;

    synchronized ExecutorService executor() {
        ensureOpen();
        if (executor == null) executor = Executors.newCachedThreadPool(factory("worker"));
        return executor;
    }

    synchronized ScheduledExecutorService scheduler() {
        ensureOpen();
        if (scheduler == null) scheduler = Executors.newSingleThreadScheduledExecutor(factory("scheduler"));
        return scheduler;
    }

    ThreadFactory factory(String kind) {
        Objects.requireNonNull(kind, "kind");
        return r -> {
            Thread t = new Thread(r, ResourceManager.THREAD_PREFIX + kind + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            if (threads.size() >= 64) threads.removeIf(old -> !old.isAlive()); // pools retire idle threads
            threads.add(t);
            return t;
        };
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("resource manager is closed");
    }

    void close() {
        ExecutorService exec;
        ScheduledExecutorService sched;
        synchronized (this) {
            if (closed) return;
            closed = true;
            exec = executor;
            sched = scheduler;
        }
        if (sched != null) sched.shutdownNow();
        if (exec != null) exec.shutdownNow();
        awaitQuietly(sched);
        awaitQuietly(exec);
        joinAll();
    }

    /** Waits (bounded) until every thread made here has ended. */
    private void joinAll() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Thread t : List.copyOf(threads)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (t == Thread.currentThread() || left <= 0) continue;
            try {
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!t.isAlive()) threads.remove(t);
        }
        if (threads.stream().anyMatch(Thread::isAlive)) log.warn("ttskit threads did not end within 5 s of close");
    }

    private static void awaitQuietly(@Nullable ExecutorService service) {
        if (service == null) return;
        try {
            if (!service.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("ttskit threads did not stop within 5 s of close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
