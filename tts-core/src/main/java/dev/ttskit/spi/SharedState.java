package dev.ttskit.spi;

import java.time.Clock;
import java.time.Duration;

/**
 * What the instances of one application share when they run as one behind a load balancer: where
 * webhook completions meet waiting calls ({@link CompletionBus}), the far tier of the result cache
 * ({@link ResultStore}) and the account limits ({@link AccountLimiter}). Each piece has a local
 * default, so a single instance needs nothing: {@link #local()}. tts-cluster implements all three
 * on PostgreSQL; {@link dev.ttskit.TtsClient#fromEnv()} finds it through {@link SharedStateFactory}.
 *
 * <p>A client given shared state registers it with its {@link ResourceManager} under {@link #KEY};
 * it closes it with itself only when it created it from settings.
 */
public interface SharedState extends AutoCloseable {
    /** Where a client keeps its shared state among its shared components. */
    SharedKey<SharedState> KEY = SharedKey.of("shared-state", SharedState.class);

    /** {@return where webhook completions meet the calls waiting for them} */
    CompletionBus completionBus();

    /**
     * The far tier of the result cache ({@link ResultStore#NONE} for none).
     *
     * @return the shared result store; never null
     */
    ResultStore resultStore();

    /**
     * Limits of provider accounts ({@link AccountLimiter#NONE} for none).
     *
     * @return the shared account limiter; never null
     */
    AccountLimiter accountLimiter();

    /** Releases connections and threads. Idempotent; throws nothing. */
    @Override
    void close();

    /** {@return the state of one process alone: an in-memory completion bus, no far cache tier, no account limits} */
    static SharedState local() {
        CompletionBus bus = CompletionBus.inMemory(Clock.systemUTC(), Duration.ofMinutes(2));
        return new SharedState() {
            @Override
            public CompletionBus completionBus() {
                return bus;
            }

            @Override
            public ResultStore resultStore() {
                return ResultStore.NONE;
            }

            @Override
            public AccountLimiter accountLimiter() {
                return AccountLimiter.NONE;
            }

            @Override
            public void close() {
                bus.close();
            }

            @Override
            public String toString() {
                return "SharedState.local";
            }
        };
    }
}
