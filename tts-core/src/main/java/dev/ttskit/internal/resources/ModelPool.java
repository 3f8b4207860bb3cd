package dev.ttskit.internal.resources;

import dev.ttskit.CancelledException;
import dev.ttskit.ModelException;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ManagedModel;
import dev.ttskit.spi.ModelLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Local models within a native-memory budget: loaded lazily on a worker thread within the load
 * timeout, unloaded when idle or when another needs room (least recently used first), never while
 * leased.
 *
 * <p>A model loads once however many callers want it: the first starts the load, the others wait on
 * the same load, each only as long as its own deadline and cancellation allow. A caller that gives up
 * leaves the load running for those after it; the load timeout ends a load whether or not anyone
 * still waits (checked by the waiters on the pool's clock, and by a timer for a load nobody watches).
 */
final class ModelPool {
    private static final Logger log = LoggerFactory.getLogger(ModelPool.class);
    /** How often a waiting caller looks at its clock when nothing else wakes it. */
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final long budget;
    private final Duration idleTimeout;
    private final Duration loadTimeout;
    private final Clock clock;
    private final Supplier<ExecutorService> loaders;
    private final Supplier<ScheduledExecutorService> timer;
    private final Map<String, PooledModel<?>> models = new ConcurrentHashMap<>();
    private boolean closed;

    ModelPool(long budget, Duration idleTimeout, Duration loadTimeout, Clock clock, Supplier<ExecutorService> loaders,
              Supplier<ScheduledExecutorService> timer) {
        this.budget = budget;
        this.idleTimeout = idleTimeout;
        this.loadTimeout = loadTimeout;
        this.clock = clock;
        this.loaders = loaders;
        this.timer = timer;
    }

    synchronized <T> ManagedModel<T> register(String key, long nativeBytes, ModelLoader<T> loader, Consumer<? super T> unloader) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(unloader, "unloader");
        if (nativeBytes < 0) throw new IllegalArgumentException("nativeBytes of model " + key + " must be >= 0, was " + nativeBytes);
        if (closed) throw new IllegalStateException("resource manager is closed");
        @SuppressWarnings("unchecked")
        PooledModel<T> existing = (PooledModel<T>) models.get(key);
        if (existing != null) return existing;
        PooledModel<T> model = new PooledModel<>(key, nativeBytes, loader, unloader);
        models.put(key, model);
        return model;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    void unloadIdle(Instant now) {
        for (PooledModel<?> m : models.values()) {
            if (m.idleSince(now).compareTo(idleTimeout) > 0 && m.unload()) {
                log.debug("unloaded model {} after {} idle", m.key, idleTimeout);
            }
        }
    }

    int loaded() {
        int n = 0;
        for (PooledModel<?> m : models.values()) if (m.loaded()) n++;
        return n;
    }

    long loadedBytes() {
        long bytes = 0;
        for (PooledModel<?> m : models.values()) if (m.loaded()) bytes += m.nativeBytes;
        return bytes;
    }

    void close() {
        synchronized (this) {
            closed = true;
        }
        for (PooledModel<?> m : models.values()) m.forceUnload();
        models.clear();
    }

    /** One load in progress: the callers waiting for it share it; it ends loaded, failed or timed out. */
    private static final class Load<T> {
        final CompletableFuture<T> result = new CompletableFuture<>();
        final Instant deadline;
        volatile @Nullable Future<?> task;
        volatile @Nullable Future<?> guard;

        Load(Instant deadline) {
            this.deadline = deadline;
        }

        /** Once the load has an outcome: stops its timer and, when the load was given up, its loader thread. */
        void stop(boolean interruptLoader) {
            Future<?> t = task;
            if (interruptLoader && t != null) t.cancel(true);
            Future<?> g = guard;
            if (g != null) g.cancel(false);
        }
    }

    private final class PooledModel<T> implements ManagedModel<T> {
        final String key;
        final long nativeBytes;
        private final ModelLoader<T> loader;
        private final Consumer<? super T> unloader;
        private @Nullable T value;
        private @Nullable Load<T> loading;
        private int leases;
        private Instant lastUsed;

        PooledModel(String key, long nativeBytes, ModelLoader<T> loader, Consumer<? super T> unloader) {
            this.key = key;
            this.nativeBytes = nativeBytes;
            this.loader = loader;
            this.unloader = unloader;
            this.lastUsed = clock.instant();
        }

        @Override
        public Lease<T> acquire() {
            return acquireWithin(null);
        }

        @Override
        public Lease<T> acquire(CallContext ctx) {
            Objects.requireNonNull(ctx, "ctx");
            return acquireWithin(ctx);
        }

        /** {@code ctx} null: bounded by the load timeout only. */
        private Lease<T> acquireWithin(@Nullable CallContext ctx) {
            while (true) {
                Load<T> load;
                synchronized (this) {
                    if (value != null) return lease(value);
                    load = loading;
                }
                if (load == null) {
                    // Outside this model's lock: making room locks other models, which may be making room too.
                    makeRoom();
                    load = startOrJoin();
                }
                T loaded = await(load, ctx);
                synchronized (this) {
                    // Unloaded again between the load and this caller's turn (a sweep, another model's
                    // room): load it again, within the same deadline.
                    if (value == loaded) return lease(loaded);
                }
            }
        }

        /** Call with this model's lock held. */
        private Lease<T> lease(T model) {
            leases++;
            lastUsed = clock.instant();
            return new Lease<>() {
                private boolean released;

                @Override
                public T get() {
                    if (released) throw new IllegalStateException("lease of model " + key + " is closed");
                    return model;
                }

                @Override
                public void close() {
                    synchronized (PooledModel.this) {
                        if (released) return;
                        released = true;
                        leases--;
                        lastUsed = clock.instant();
                    }
                }
            };
        }

        /** The load in progress, or a new one started on a loader thread. */
        private Load<T> startOrJoin() {
            Load<T> load;
            synchronized (this) {
                if (loading != null) return loading;
                if (value != null) return loadedAlready(value);
                if (isClosed()) throw ModelException.builder("model " + key + " cannot load: the resource manager is closed").build();
                load = new Load<>(clock.instant().plus(loadTimeout));
                loading = load;
            }
            try {
                load.task = loaders.get().submit(() -> runLoad(load));
                load.guard = timer.get().schedule(() -> expire(load), loadTimeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (IllegalStateException | RejectedExecutionException e) {
                fail(load, ModelException.builder("model " + key + " cannot load: the resource manager is closed").cause(e).build(), true);
            }
            if (load.result.isDone()) load.stop(false);   // finished before its timer was recorded
            return load;
        }

        private Load<T> loadedAlready(T model) {
            Load<T> done = new Load<>(clock.instant());
            done.result.complete(model);
            return done;
        }

        private void runLoad(Load<T> load) {
            T model;
            try {
                model = Objects.requireNonNull(loader.load(), "loaded model");
            } catch (ModelException e) {
                fail(load, e, false);
                return;
            } catch (InterruptedException e) {
                // Interrupted by the timeout or the manager's close, which have already failed the load.
                fail(load, ModelException.builder("interrupted while loading model " + key).cause(e).build(), false);
                return;
            } catch (Exception | LinkageError e) {
                fail(load, ModelException.builder("model " + key + " failed to load: " + e).cause(e).build(), false);
                return;
            } catch (Error e) {
                // The waiters learn of it now rather than at the load timeout; the worker still sees it.
                fail(load, ModelException.builder("model " + key + " failed to load: " + e).cause(e).build(), false);
                throw e;
            }
            boolean kept;
            synchronized (this) {
                kept = loading == load && !isClosed();
                if (kept) {
                    value = model;
                    loading = null;
                    lastUsed = clock.instant();
                }
            }
            if (!kept) {
                // Timed out or closed while loading: nobody may use it, so it is released at once.
                releaseQuietly(model);
                return;
            }
            load.result.complete(model);
            load.stop(false);
        }

        /** Ends a load that outlived the load timeout; a no-op for one that has finished. */
        private void expire(Load<T> load) {
            if (load.result.isDone()) return;
            fail(load, ModelException.builder("model " + key + " did not load within " + loadTimeout)
                    .cause(new TimeoutException("load timeout " + loadTimeout)).build(), true);
        }

        /** Ends a load with {@code reason}; a later caller starts a new one. */
        private void fail(Load<T> load, ModelException reason, boolean interruptLoader) {
            synchronized (this) {
                if (loading == load) loading = null;
            }
            if (load.result.completeExceptionally(reason)) load.stop(interruptLoader);
        }

        /**
         * Waits for the load, no longer than the caller's deadline and the load's own timeout; a
         * cancellation wakes the caller at once. Giving up here leaves the load to the callers after it.
         */
        private T await(Load<T> load, @Nullable CallContext ctx) {
            CompletableFuture<Object> wake = new CompletableFuture<>();
            CancellationToken.Registration registration = ctx == null ? () -> { }
                    : ctx.cancellation().onCancel(() -> wake.complete(Boolean.TRUE));
            CompletableFuture<Object> either = CompletableFuture.anyOf(load.result, wake);
            try {
                while (true) {
                    if (load.result.isDone()) return load.result.join();
                    if (ctx != null && ctx.cancellation().isCancelled()) {
                        throw CancelledException.builder("request was cancelled while model " + key + " was loading").build();
                    }
                    if (ctx != null && ctx.expired()) {
                        throw TtsTimeoutException.builder("request deadline passed while model " + key + " was loading").build();
                    }
                    if (!clock.instant().isBefore(load.deadline)) {
                        expire(load);
                        continue;
                    }
                    try {
                        either.get(WAIT_SLICE_NANOS, TimeUnit.NANOSECONDS);
                    } catch (TimeoutException | ExecutionException e) {
                        // the next turn looks at the load, the cancellation and the clocks
                    }
                }
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof TtsException t) throw t;
                throw ModelException.builder("model " + key + " failed to load: " + cause).cause(cause).build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CancelledException.builder("interrupted while model " + key + " was loading").cause(e).build();
            } finally {
                registration.close();
            }
        }

        /** Unloads least recently used idle models until this one fits the budget. */
        private void makeRoom() {
            List<PooledModel<?>> others = new ArrayList<>(models.values());
            others.remove(this);
            others.sort((a, b) -> a.lastUsedSnapshot().compareTo(b.lastUsedSnapshot()));
            long used = 0;
            for (PooledModel<?> m : others) if (m.loaded()) used += m.nativeBytes;
            for (PooledModel<?> m : others) {
                if (used + nativeBytes <= budget) break;
                if (m.loaded() && m.unload()) used -= m.nativeBytes;
            }
        }

        synchronized Instant lastUsedSnapshot() {
            return lastUsed;
        }

        synchronized Duration idleSince(Instant now) {
            return value == null || leases > 0 ? Duration.ZERO : Duration.between(lastUsed, now);
        }

        @Override
        public synchronized boolean loaded() {
            return value != null;
        }

        @Override
        public synchronized boolean unload() {
            if (value == null || leases > 0) return false;
            release();
            return true;
        }

        void forceUnload() {
            Load<T> load;
            synchronized (this) {
                load = loading;
                if (value != null) release();
            }
            if (load != null) {
                fail(load, ModelException.builder("model " + key + " cannot load: the resource manager is closed").build(), true);
            }
        }

        private void release() {
            T v = value;
            value = null;
            if (v != null) releaseQuietly(v);
        }

        private void releaseQuietly(T v) {
            try {
                unloader.accept(v);
            } catch (RuntimeException e) {
                log.warn("unloading model {} failed", key, e);
            }
        }
    }
}
