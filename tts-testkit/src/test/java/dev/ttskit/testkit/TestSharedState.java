package dev.ttskit.testkit;

import dev.ttskit.SpeechResult;
import dev.ttskit.spi.AccountLimiter;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CompletionBus;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.ResultStore;
import dev.ttskit.spi.SharedState;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Shared state held in memory, as another process would see it through a database: a map for the
 * result store, counters for permits, and a hook that may refuse one.
 */
public final class TestSharedState implements SharedState {
    public final Map<String, SpeechResult> stored = new ConcurrentHashMap<>();
    public final AtomicInteger storeReads = new AtomicInteger();
    public final AtomicInteger acquired = new AtomicInteger();
    public final AtomicInteger released = new AtomicInteger();
    public final AtomicInteger closed = new AtomicInteger();
    private final CompletionBus bus = CompletionBus.inMemory(Clock.systemUTC(), Duration.ofMinutes(1));
    private volatile BiFunction<String, ProviderRequest, RuntimeException> refuse = (id, r) -> null;

    /** Makes the limiter refuse calls for which {@code rule} answers an exception. */
    public void refuse(BiFunction<String, ProviderRequest, RuntimeException> rule) {
        this.refuse = rule;
    }

    @Override
    public CompletionBus completionBus() {
        return bus;
    }

    @Override
    public ResultStore resultStore() {
        return new ResultStore() {
            @Override
            public Optional<SpeechResult> get(String key) {
                storeReads.incrementAndGet();
                return Optional.ofNullable(stored.get(key));
            }

            @Override
            public void put(String key, SpeechResult result) {
                stored.put(key, result);
            }
        };
    }

    @Override
    public AccountLimiter accountLimiter() {
        return (String providerId, ProviderRequest request, CallContext ctx) -> {
            RuntimeException refusal = refuse.apply(providerId, request);
            if (refusal != null) throw refusal;
            acquired.incrementAndGet();
            AtomicInteger once = new AtomicInteger();
            return () -> {
                if (once.getAndIncrement() == 0) released.incrementAndGet();
            };
        };
    }

    @Override
    public void close() {
        closed.incrementAndGet();
        bus.close();
    }
}
