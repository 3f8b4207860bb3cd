package dev.ttskit.spi;

import com.google.errorprone.annotations.MustBeClosed;
import dev.ttskit.AudioStream;
import dev.ttskit.HttpSettings;
import dev.ttskit.RateLimitException;
import dev.ttskit.internal.resources.DefaultResourceManager;
import dev.ttskit.internal.resources.ResourceConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Owns everything of ttskit's that must be released: shared components (the HTTP client), open
 * streams, local models and threads. {@link #close()} releases all of it, so that after a client
 * closes no thread, file or socket of ttskit's remains.
 *
 * <p>One manager belongs to one {@link dev.ttskit.TtsClient}; adapters reach it through
 * {@link CallContext#resources()}. Adapters compile against this interface only; {@link #builder()}
 * makes ttskit's implementation, and a test may supply its own.
 *
 * <p>There is no temp-file service: the one temp file an adapter writes (local XTTS's voice cache)
 * is written next to its destination and renamed over it within one call, so it needs its own
 * directory and a {@code finally}, not a second owner.
 */
public interface ResourceManager extends AutoCloseable {
    /** Prefix of every thread ttskit starts, so leaks are easy to spot. */
    String THREAD_PREFIX = "ttskit-";

    /** {@return a builder with the defaults given on each setter} */
    static Builder builder() {
        return new Builder();
    }

    /** {@return a manager with default settings} */
    @MustBeClosed
    static ResourceManager create() {
        return builder().build();
    }

    /** {@return timeouts and pool sizes for the HTTP client adapters share} */
    HttpSettings httpSettings();

    /** {@return the clock for idle expiry and for adapters' own deadlines} */
    Clock clock();

    /**
     * The one instance of a shared component, created on first use. {@code closer} runs when the
     * manager closes, newest component first (a client built on a pool closes before the pool).
     *
     * @param <T> the component's type
     * @param key identifies the component; one instance per key and manager
     * @param factory makes the component on first use, at most once per key; must not return null
     * @param closer releases the component when the manager closes; its failures are logged, not
     *     thrown
     * @return the component, the same instance for every call with this key
     * @throws IllegalStateException when the manager is closed
     */
    <T> T shared(SharedKey<T> key, Supplier<? extends T> factory, Consumer<? super T> closer);

    /**
     * Reports a figure in {@link #stats()} (e.g. {@code http.connections}); a later gauge of that
     * name replaces it.
     *
     * @param name the gauge's name in {@link ResourceStats#gauge(String)}, e.g.
     *     {@code http.connections}
     * @param value read each time {@link #stats()} runs; must be cheap and thread-safe
     */
    void gauge(String name, LongSupplier value);

    /**
     * Registers an open stream: it counts against the open-stream limit, is closed when idle for
     * longer than the idle timeout, and when the manager closes.
     *
     * @param stream the stream just opened; from now on the manager owns it until the caller closes
     *     the returned one
     * @return the stream to hand to the caller (closing it unregisters it)
     * @throws RateLimitException    when the open-stream limit is reached (the stream is closed)
     * @throws IllegalStateException when the manager is closed (the stream is closed)
     */
    @MustBeClosed
    AudioStream track(AudioStream stream);

    /**
     * Registers a local model, loaded on first {@link ManagedModel#acquire()}; registering a key
     * again returns the first registration.
     *
     * @param <T> the type of the loaded model
     * @param key         unique per model (e.g. its directory)
     * @param nativeBytes native memory the model takes when loaded, for the memory budget
     * @param loader      loads it; runs on a ttskit thread and is interrupted after the load timeout
     * @param unloader    releases it (close sessions, free buffers)
     * @return the model's handle, shared by every caller of this key; loading and unloading stay
     *     with the manager
     */
    <T> ManagedModel<T> model(String key, long nativeBytes, ModelLoader<T> loader, Consumer<? super T> unloader);

    /**
     * The shared worker pool (daemon threads named {@code ttskit-worker-N}).
     *
     * @return the pool; owned by the manager, which shuts it down on close, so callers must not
     */
    ExecutorService executor();

    /**
     * The shared timer (one daemon thread named {@code ttskit-scheduler-N}).
     *
     * @return the timer; owned by the manager, which shuts it down on close, so callers must not
     */
    ScheduledExecutorService scheduler();

    /**
     * A factory of daemon threads named {@code ttskit-KIND-N} for components that run their own pools
     * (the HTTP dispatcher). {@link #close()} returns only once they have ended.
     *
     * @param kind a short lowercase word naming the component, e.g. {@code http}
     * @return a factory of daemon threads that the manager waits for on close
     */
    ThreadFactory threadFactory(String kind);

    /**
     * Closes streams idle beyond the stream idle timeout and unloads models idle beyond the model idle
     * timeout. Runs periodically once a stream or model is registered; callable directly, e.g. by a
     * test that moves its clock by hand.
     */
    void sweep();

    /** {@return what the manager holds now} */
    ResourceStats stats();

    /**
     * Whether {@link #close()} has run.
     *
     * @return true once {@link #close()} has been called
     */
    boolean isClosed();

    /**
     * Releases everything: streams, models, shared components (newest first), threads. Idempotent;
     * failures are logged, never thrown, so every resource gets its turn.
     */
    @Override
    void close();

    /** Builds ttskit's {@link ResourceManager}; setters fail fast naming the bad value. */
    final class Builder {
        private HttpSettings httpSettings = HttpSettings.DEFAULTS;
        private int maxOpenStreams = 256;
        private Duration streamIdleTimeout = Duration.ofMinutes(5);
        private long modelMemoryBudget = 8L << 30;
        private Duration modelIdleTimeout = Duration.ofMinutes(30);
        private Duration modelLoadTimeout = Duration.ofMinutes(2);
        private Duration sweepInterval = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * HTTP timeouts and pool sizes; {@link HttpSettings#DEFAULTS} by default.
         *
         * @param value the settings; not null
         * @return this builder
         */
        public Builder httpSettings(HttpSettings value) { httpSettings = Objects.requireNonNull(value, "httpSettings"); return this; }

        /**
         * Streams open at once, at least 1; 256 by default.
         *
         * @param value the limit, at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is below 1
         */
        public Builder maxOpenStreams(int value) {
            if (value < 1) throw new IllegalArgumentException("maxOpenStreams must be >= 1, was " + value);
            maxOpenStreams = value;
            return this;
        }

        /**
         * How long a stream may go unread before it is closed; 5 minutes by default.
         *
         * @param value how long a stream may go unread before it is closed; 5 minutes by default
         * @return this builder
         */
        public Builder streamIdleTimeout(Duration value) { streamIdleTimeout = positive(value, "streamIdleTimeout"); return this; }

        /**
         * Native memory loaded models may declare in all; 8 GiB by default.
         *
         * @param bytes the budget in bytes, at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is below 1
         */
        public Builder modelMemoryBudget(long bytes) {
            if (bytes < 1) throw new IllegalArgumentException("modelMemoryBudget must be >= 1 byte, was " + bytes);
            modelMemoryBudget = bytes;
            return this;
        }

        /**
         * How long an unleased model stays loaded; 30 minutes by default.
         *
         * @param value how long an unleased model stays loaded; 30 minutes by default
         * @return this builder
         */
        public Builder modelIdleTimeout(Duration value) { modelIdleTimeout = positive(value, "modelIdleTimeout"); return this; }

        /**
         * How long a model load may take; 2 minutes by default.
         *
         * @param value how long a model load may take; 2 minutes by default
         * @return this builder
         */
        public Builder modelLoadTimeout(Duration value) { modelLoadTimeout = positive(value, "modelLoadTimeout"); return this; }

        /**
         * How often idle streams and models are looked for; 30 seconds by default.
         *
         * @param value how often idle streams and models are looked for; 30 seconds by default
         * @return this builder
         */
        public Builder sweepInterval(Duration value) { sweepInterval = positive(value, "sweepInterval"); return this; }

        /**
         * The clock for idle expiry; the system clock by default.
         *
         * @param value the clock for idle expiry; the system clock by default
         * @return this builder
         */
        public Builder clock(Clock value) { clock = Objects.requireNonNull(value, "clock"); return this; }

        /** {@return a new manager; it starts no thread until one is needed} */
        @MustBeClosed
        public ResourceManager build() {
            return new DefaultResourceManager(new ResourceConfig(httpSettings, maxOpenStreams, streamIdleTimeout,
                    modelMemoryBudget, modelIdleTimeout, modelLoadTimeout, sweepInterval, clock));
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + d);
            return d;
        }
    }
}
