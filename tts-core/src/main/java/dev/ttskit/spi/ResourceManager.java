package dev.ttskit.spi;

import dev.ttskit.AudioStream;
import dev.ttskit.HttpSettings;
import dev.ttskit.ModelException;
import dev.ttskit.RateLimitException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Owns everything of ttskit's that must be released: shared components (the HTTP client), temp
 * files, open streams, local models, and threads. {@link #close()} releases all of it, so that after
 * a client closes no thread, file or socket of ttskit's remains.
 *
 * <p>One manager belongs to one {@link dev.ttskit.TtsClient}; adapters reach it through
 * {@link CallContext#resources()}.
 */
public final class ResourceManager implements AutoCloseable {
    /** Prefix of every thread ttskit starts, so leaks are easy to spot. */
    public static final String THREAD_PREFIX = "ttskit-";

    private static final Logger log = LoggerFactory.getLogger(ResourceManager.class);

    private final HttpSettings httpSettings;
    private final int maxOpenStreams;
    private final Duration streamIdleTimeout;
    private final long modelMemoryBudget;
    private final Duration modelIdleTimeout;
    private final Duration modelLoadTimeout;
    private final Duration sweepInterval;
    private final Clock clock;
    private final Path tempDir;

    /** Read without the lock (every HTTP call looks its client up here); written under it. */
    private final Map<String, Shared<?>> shared = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
    private final Set<TrackedTempFile> tempFiles = ConcurrentHashMap.newKeySet();
    private final Set<TrackedStream> streams = ConcurrentHashMap.newKeySet();
    private final Map<String, DefaultManagedModel<?>> models = new ConcurrentHashMap<>();
    private final AtomicInteger threadCounter = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    private ExecutorService executor;
    private ScheduledExecutorService scheduler;
    private volatile boolean closed;

    private ResourceManager(Builder b) {
        this.httpSettings = b.httpSettings;
        this.maxOpenStreams = b.maxOpenStreams;
        this.streamIdleTimeout = b.streamIdleTimeout;
        this.modelMemoryBudget = b.modelMemoryBudget;
        this.modelIdleTimeout = b.modelIdleTimeout;
        this.modelLoadTimeout = b.modelLoadTimeout;
        this.sweepInterval = b.sweepInterval;
        this.clock = b.clock;
        this.tempDir = b.tempDir;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A manager with default settings. */
    public static ResourceManager create() {
        return builder().build();
    }

    public HttpSettings httpSettings() { return httpSettings; }

    public Clock clock() { return clock; }

    /**
     * The one instance of a shared component, created on first use. {@code closer} runs when the
     * manager closes, in reverse order of creation.
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(String key, Supplier<? extends T> factory, Consumer<? super T> closer) {
        Objects.requireNonNull(key, "key");
        // Lock-free once created: under hundreds of concurrent calls the lock itself was a bottleneck.
        Shared<?> known = shared.get(key);
        if (known != null && !closed) return (T) known.value;
        synchronized (this) {
            ensureOpen();
            Shared<?> existing = shared.get(key);
            if (existing != null) return (T) existing.value;
            T value = Objects.requireNonNull(factory.get(), "shared component " + key);
            shared.put(key, new Shared<>(value, closer, shared.size()));
            return value;
        }
    }

    /** Reports a figure in {@link #stats()} (e.g. {@code http.connections}). */
    public void gauge(String name, LongSupplier value) {
        gauges.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    }

    /** Creates a temp file that is deleted when closed, and in any case when the manager closes. */
    public TempFile createTempFile(String prefix, String suffix) {
        synchronized (this) {
            ensureOpen();
        }
        try {
            Path path = tempDir == null ? Files.createTempFile(prefix, suffix) : Files.createTempFile(tempDir, prefix, suffix);
            TrackedTempFile file = new TrackedTempFile(path);
            tempFiles.add(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temp file", e);
        }
    }

    /**
     * Registers an open stream: it counts against the open-stream limit, is closed when idle for
     * longer than the idle timeout, and when the manager closes.
     *
     * @return the stream to hand to the caller (closing it unregisters it)
     * @throws RateLimitException when the open-stream limit is reached (the stream is closed)
     */
    public AudioStream track(AudioStream stream) {
        Objects.requireNonNull(stream, "stream");
        synchronized (this) {
            if (closed || streams.size() >= maxOpenStreams) {
                closeQuietly(stream);
                if (closed) throw new IllegalStateException("resource manager is closed");
                throw RateLimitException.builder("too many open audio streams (limit " + maxOpenStreams + ")")
                        .provider(stream.provider()).concurrencyLimit(true).build();
            }
            TrackedStream tracked = new TrackedStream(stream);
            streams.add(tracked);
            ensureSweeping();
            return new AudioStream(tracked, stream.format(), stream.provider(), stream.providerRequestId().orElse(null), null);
        }
    }

    /**
     * Registers a local model, loaded on first {@link ManagedModel#acquire()}.
     *
     * @param key         unique per model (e.g. its directory)
     * @param nativeBytes native memory the model takes when loaded, for the memory budget
     * @param loader      loads it; runs on a ttskit thread and is interrupted after the load timeout
     * @param unloader    releases it (close sessions, free buffers)
     */
    public <T> ManagedModel<T> model(String key, long nativeBytes, ModelLoader<T> loader, Consumer<? super T> unloader) {
        synchronized (this) {
            ensureOpen();
            @SuppressWarnings("unchecked")
            DefaultManagedModel<T> existing = (DefaultManagedModel<T>) models.get(key);
            if (existing != null) return existing;
            DefaultManagedModel<T> model = new DefaultManagedModel<>(key, nativeBytes, loader, unloader);
            models.put(key, model);
            ensureSweeping();
            return model;
        }
    }

    /** The shared worker pool (daemon threads named {@code ttskit-worker-N}). */
    public synchronized ExecutorService executor() {
        ensureOpen();
        if (executor == null) executor = Executors.newCachedThreadPool(threadFactory("worker"));
        return executor;
    }

    /** The shared timer (one daemon thread named {@code ttskit-scheduler-N}). */
    public synchronized ScheduledExecutorService scheduler() {
        ensureOpen();
        if (scheduler == null) scheduler = Executors.newSingleThreadScheduledExecutor(threadFactory("scheduler"));
        return scheduler;
    }

    /**
     * A factory of daemon threads named {@code ttskit-KIND-N} for components that run their own pools
     * (the HTTP dispatcher). The manager remembers them, and {@link #close()} returns only once they
     * have ended, so "no ttskit thread after close" holds the moment close returns.
     */
    public ThreadFactory threadFactory(String kind) {
        Objects.requireNonNull(kind, "kind");
        return r -> {
            Thread t = new Thread(r, THREAD_PREFIX + kind + "-" + threadCounter.incrementAndGet());
            t.setDaemon(true);
            if (threads.size() >= 64) threads.removeIf(old -> !old.isAlive()); // pools retire idle threads
            threads.add(t);
            return t;
        };
    }

    private void ensureSweeping() {
        if (scheduler == null) {
            long millis = sweepInterval.toMillis();
            scheduler().scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Closes streams idle beyond the stream idle timeout and unloads models idle beyond the model idle
     * timeout. Runs periodically; public so tests with a fake clock can run it directly.
     */
    public void sweep() {
        Instant now = clock.instant();
        for (TrackedStream s : List.copyOf(streams)) {
            if (Duration.between(s.lastActivity, now).compareTo(streamIdleTimeout) > 0) {
                log.debug("closing an audio stream of {} idle for more than {}", s.stream.provider(), streamIdleTimeout);
                closeQuietly(s);
            }
        }
        for (DefaultManagedModel<?> m : models.values()) {
            if (m.idleSince(now).compareTo(modelIdleTimeout) > 0 && m.unload()) {
                log.debug("unloaded model {} after {} idle", m.key, modelIdleTimeout);
            }
        }
    }

    public ResourceStats stats() {
        int loaded = 0;
        long bytes = 0;
        for (DefaultManagedModel<?> m : models.values()) {
            if (m.loaded()) {
                loaded++;
                bytes += m.nativeBytes;
            }
        }
        Map<String, Long> values = new TreeMap<>();
        gauges.forEach((name, supplier) -> {
            try {
                values.put(name, supplier.getAsLong());
            } catch (RuntimeException e) {
                log.debug("gauge {} failed", name, e);
            }
        });
        int sharedCount;
        synchronized (this) {
            sharedCount = shared.size();
        }
        return new ResourceStats(streams.size(), tempFiles.size(), loaded, bytes, sharedCount, values);
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("resource manager is closed");
    }

    /**
     * Releases everything: streams, models, shared components (newest first), temp files, threads.
     * Idempotent; failures are logged, never thrown, so every resource gets its turn.
     */
    @Override
    public void close() {
        List<Shared<?>> sharedToClose;
        ExecutorService exec;
        ScheduledExecutorService sched;
        synchronized (this) {
            if (closed) return;
            closed = true;
            sharedToClose = new ArrayList<>(shared.values());
            sharedToClose.sort(Comparator.comparingInt((Shared<?> c) -> c.order).reversed());
            shared.clear();
            exec = executor;
            sched = scheduler;
        }
        for (TrackedStream s : List.copyOf(streams)) closeQuietly(s);
        for (DefaultManagedModel<?> m : models.values()) m.forceUnload();
        models.clear();
        for (Shared<?> s : sharedToClose) s.close();
        for (TrackedTempFile f : List.copyOf(tempFiles)) f.close();
        gauges.clear();
        if (sched != null) sched.shutdownNow();
        if (exec != null) exec.shutdownNow();
        awaitQuietly(sched);
        awaitQuietly(exec);
        joinThreads();
    }

    /** Waits (bounded) until every thread this manager made has ended, not just finished its tasks. */
    private void joinThreads() {
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

    private static void awaitQuietly(ExecutorService service) {
        if (service == null) return;
        try {
            if (!service.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("ttskit threads did not stop within 5 s of close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.debug("close failed", e);
        }
    }

    private static final class Shared<T> {
        final T value;
        final Consumer<? super T> closer;
        final int order;

        Shared(T value, Consumer<? super T> closer, int order) {
            this.value = value;
            this.closer = closer;
            this.order = order;
        }

        void close() {
            try {
                if (closer != null) closer.accept(value);
            } catch (RuntimeException e) {
                log.warn("closing a shared component failed", e);
            }
        }
    }

    private final class TrackedTempFile implements TempFile {
        private final Path path;

        TrackedTempFile(Path path) {
            this.path = path;
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                log.warn("could not delete temp file {}", path.getFileName(), e);
            } finally {
                tempFiles.remove(this);
            }
        }
    }

    /** Counts activity for idle expiry and unregisters itself on close. */
    private final class TrackedStream extends FilterInputStream {
        final AudioStream stream;
        volatile Instant lastActivity;

        TrackedStream(AudioStream stream) {
            super(stream);
            this.stream = stream;
            this.lastActivity = clock.instant();
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            lastActivity = clock.instant();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            lastActivity = clock.instant();
            return n;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                streams.remove(this);
            }
        }
    }

    private final class DefaultManagedModel<T> implements ManagedModel<T> {
        final String key;
        final long nativeBytes;
        private final ModelLoader<T> loader;
        private final Consumer<? super T> unloader;
        private T value;
        private int leases;
        private Instant lastUsed;

        DefaultManagedModel(String key, long nativeBytes, ModelLoader<T> loader, Consumer<? super T> unloader) {
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
                    synchronized (DefaultManagedModel.this) {
                        if (released) return;
                        released = true;
                        leases--;
                        lastUsed = clock.instant();
                    }
                }
            };
        }

        private T loadWithTimeout() {
            Future<T> future = executor().submit(loader::load);
            try {
                return Objects.requireNonNull(future.get(modelLoadTimeout.toMillis(), TimeUnit.MILLISECONDS), "loaded model");
            } catch (TimeoutException e) {
                future.cancel(true);
                throw ModelException.builder("model " + key + " did not load within " + modelLoadTimeout)
                        .cause(e).build();
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
            List<DefaultManagedModel<?>> others = new ArrayList<>(models.values());
            others.remove(this);
            others.sort((a, b) -> a.lastUsedSnapshot().compareTo(b.lastUsedSnapshot()));
            long used = 0;
            for (DefaultManagedModel<?> m : others) if (m.loaded()) used += m.nativeBytes;
            for (DefaultManagedModel<?> m : others) {
                if (used + nativeBytes <= modelMemoryBudget) break;
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

    /** Builds a {@link ResourceManager}; setters fail fast. */
    public static final class Builder {
        private HttpSettings httpSettings = HttpSettings.DEFAULTS;
        private int maxOpenStreams = 256;
        private Duration streamIdleTimeout = Duration.ofMinutes(5);
        private long modelMemoryBudget = 8L << 30;
        private Duration modelIdleTimeout = Duration.ofMinutes(30);
        private Duration modelLoadTimeout = Duration.ofMinutes(2);
        private Duration sweepInterval = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private Path tempDir;

        private Builder() {
        }

        public Builder httpSettings(HttpSettings value) { httpSettings = Objects.requireNonNull(value, "httpSettings"); return this; }

        public Builder maxOpenStreams(int value) {
            if (value < 1) throw new IllegalArgumentException("maxOpenStreams must be >= 1, was " + value);
            maxOpenStreams = value;
            return this;
        }

        public Builder streamIdleTimeout(Duration value) { streamIdleTimeout = positive(value, "streamIdleTimeout"); return this; }

        public Builder modelMemoryBudget(long bytes) {
            if (bytes < 1) throw new IllegalArgumentException("modelMemoryBudget must be >= 1 byte, was " + bytes);
            modelMemoryBudget = bytes;
            return this;
        }

        public Builder modelIdleTimeout(Duration value) { modelIdleTimeout = positive(value, "modelIdleTimeout"); return this; }

        public Builder modelLoadTimeout(Duration value) { modelLoadTimeout = positive(value, "modelLoadTimeout"); return this; }

        public Builder sweepInterval(Duration value) { sweepInterval = positive(value, "sweepInterval"); return this; }

        public Builder clock(Clock value) { clock = Objects.requireNonNull(value, "clock"); return this; }

        /** Where temp files go; the system temp directory by default. */
        public Builder tempDir(Path value) { tempDir = value; return this; }

        public ResourceManager build() {
            return new ResourceManager(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + d);
            return d;
        }
    }

}
