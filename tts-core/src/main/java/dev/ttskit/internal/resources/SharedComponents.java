package dev.ttskit.internal.resources;

import dev.ttskit.spi.SharedKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** One instance per {@link SharedKey}, closed newest first. */
final class SharedComponents {
    private static final Logger log = LoggerFactory.getLogger(SharedComponents.class);

    /** Read without the lock (every HTTP call looks its client up here); written under it. */
    private final Map<SharedKey<?>, Entry<?>> components = new ConcurrentHashMap<>();
    private volatile boolean closed;

    <T> T get(SharedKey<T> key, Supplier<? extends T> factory, Consumer<? super T> closer) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(closer, "closer");
        // Lock-free once created: under hundreds of concurrent calls the lock itself was a bottleneck.
        Entry<?> known = components.get(key);
        if (known != null && !closed) return key.cast(known.value);
        synchronized (this) {
            if (closed) throw new IllegalStateException("resource manager is closed");
            Entry<?> existing = components.get(key);
            if (existing != null) return key.cast(existing.value);
            T value = Objects.requireNonNull(factory.get(), "shared component " + key);
            components.put(key, new Entry<>(key, value, closer, components.size()));
            return value;
        }
    }

    synchronized int size() {
        return components.size();
    }

    /** Closes every component, newest first, so one built on another closes before it. */
    void close() {
        List<Entry<?>> toClose;
        synchronized (this) {
            if (closed) return;
            closed = true;
            toClose = new ArrayList<>(components.values());
            components.clear();
        }
        toClose.sort(Comparator.comparingInt((Entry<?> e) -> e.order).reversed());
        for (Entry<?> e : toClose) e.close();
    }

    private static final class Entry<T> {
        final SharedKey<T> key;
        final T value;
        final Consumer<? super T> closer;
        final int order;

        Entry(SharedKey<T> key, T value, Consumer<? super T> closer, int order) {
            this.key = key;
            this.value = value;
            this.closer = closer;
            this.order = order;
        }

        void close() {
            try {
                closer.accept(value);
            } catch (RuntimeException e) {
                log.warn("closing shared component {} failed", key, e);
            }
        }
    }
}
