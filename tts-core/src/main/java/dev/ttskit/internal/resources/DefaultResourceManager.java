package dev.ttskit.internal.resources;

import dev.ttskit.AudioStream;
import dev.ttskit.HttpSettings;
import dev.ttskit.spi.ManagedModel;
import dev.ttskit.spi.ModelLoader;
import dev.ttskit.spi.ResourceManager;
import dev.ttskit.spi.ResourceStats;
import dev.ttskit.spi.SharedKey;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * ttskit's {@link ResourceManager}: the parts below, each with its own lock and its own idea of
 * "closed", put together and closed in the one order that releases everything (streams before the
 * models and clients they read from, shared components before the threads they run on).
 */
public final class DefaultResourceManager implements ResourceManager {
    private final ResourceConfig config;
    private final SharedComponents shared = new SharedComponents();
    private final Gauges gauges = new Gauges();
    private final ManagedThreads threads = new ManagedThreads();
    private final StreamTracker streams;
    private final ModelPool models;
    private boolean sweeping;
    private volatile boolean closed;

    /** Use {@link ResourceManager#builder()}. */
    public DefaultResourceManager(ResourceConfig config) {
        this.config = config;
        this.streams = new StreamTracker(config.maxOpenStreams(), config.streamIdleTimeout(), config.clock());
        this.models = new ModelPool(config.modelMemoryBudget(), config.modelIdleTimeout(), config.modelLoadTimeout(),
                config.clock(), threads::executor, threads::scheduler);
    }

    @Override
    public HttpSettings httpSettings() { return config.httpSettings(); }

    @Override
    public Clock clock() { return config.clock(); }

    @Override
    public <T> T shared(SharedKey<T> key, Supplier<? extends T> factory, Consumer<? super T> closer) {
        return shared.get(key, factory, closer);
    }

    @Override
    public void gauge(String name, LongSupplier value) {
        gauges.put(name, value);
    }

    @Override
    public AudioStream track(AudioStream stream) {
        AudioStream tracked = streams.track(stream);
        ensureSweeping();
        return tracked;
    }

    @Override
    public <T> ManagedModel<T> model(String key, long nativeBytes, ModelLoader<T> loader, Consumer<? super T> unloader) {
        ManagedModel<T> model = models.register(key, nativeBytes, loader, unloader);
        ensureSweeping();
        return model;
    }

    @Override
    public ExecutorService executor() { return threads.executor(); }

    @Override
    public ScheduledExecutorService scheduler() { return threads.scheduler(); }

    @Override
    public ThreadFactory threadFactory(String kind) { return threads.factory(kind); }

    /** Starts the periodic sweep once something can go idle; a manager that tracks nothing starts no thread. */
    private synchronized void ensureSweeping() {
        if (sweeping || closed) return;
        sweeping = true;
        long millis = config.sweepInterval().toMillis();
        threads.scheduler().scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void sweep() {
        var now = config.clock().instant();
        streams.closeIdle(now);
        models.unloadIdle(now);
    }

    @Override
    public ResourceStats stats() {
        return new ResourceStats(streams.open(), models.loaded(), models.loadedBytes(), shared.size(), gauges.snapshot());
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        streams.close();
        models.close();
        shared.close();
        gauges.clear();
        threads.close();
    }

    @Override
    public String toString() {
        return "ResourceManager[" + (closed ? "closed" : stats()) + "]";
    }
}
