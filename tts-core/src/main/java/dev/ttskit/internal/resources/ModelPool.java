package dev.ttskit.internal.resources;

import dev.ttskit.ModelException;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Local models within a native-memory budget: loaded lazily on a worker thread within the load
 * timeout, unloaded when idle or when another needs room (least recently used first), never while
 * leased.
 */
final class ModelPool {
    private static final Logger log = LoggerFactory.getLogger(ModelPool.class);

    private final long budget;
    private final Duration idleTimeout;
    private final Duration loadTimeout;
    private final Clock clock;
    private final Supplier<ExecutorService> loaders;
    private final Map<String, PooledModel<?>> models = new ConcurrentHashMap<>();
    private boolean closed;

    ModelPool(long budget, Duration idleTimeout, Duration loadTimeout, Clock clock, Supplier<ExecutorService> loaders) {
        this.budget = budget;
        this.idleTimeout = idleTimeout;
        this.loadTimeout = loadTimeout;
        this.clock = clock;
        this.loaders = loaders;
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

    private final class PooledModel<T> implements ManagedModel<T> {
        final String key;
        final long nativeBytes;
        private final ModelLoader<T> loader;
        private final Consumer<? super T> unloader;
        private T value;
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
            T model;
            synchronized (this) {
                if (value == null) {
                    makeRoom();
                    value = loadWithTimeout();
                }
                leases++;
                lastUsed = clock.instant();
                model = value;
            }
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

        private T loadWithTimeout() {
            Future<T> future = loaders.get().submit(loader::load);
            try {
                return Objects.requireNonNull(future.get(loadTimeout.toMillis(), TimeUnit.MILLISECONDS), "loaded model");
            } catch (TimeoutException e) {
                future.cancel(true);
                throw ModelException.builder("model " + key + " did not load within " + loadTimeout).cause(e).build();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ModelException) throw (ModelException) cause;
                throw ModelException.builder("model " + key + " failed to load: " + cause).cause(cause).build();
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw ModelException.builder("interrupted while loading model " + key).cause(e).build();
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

        synchronized void forceUnload() {
            if (value != null) release();
        }

        private void release() {
            T v = value;
            value = null;
            try {
                unloader.accept(v);
            } catch (RuntimeException e) {
                log.warn("unloading model {} failed", key, e);
            }
        }
    }
}
