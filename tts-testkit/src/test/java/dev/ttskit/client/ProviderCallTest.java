package dev.ttskit.client;

import dev.ttskit.BreakerPolicy;
import dev.ttskit.CancelledException;
import dev.ttskit.CircuitState;
import dev.ttskit.ErrorCategory;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RateLimitException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.spi.AccountLimiter;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CompletionBus;
import dev.ttskit.spi.ResultStore;
import dev.ttskit.spi.SharedState;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TtsClient#call}: a provider's own API used under the client's deadline, resources and close(). */
@ExtendWith(NoLeaks.class)
class ProviderCallTest {

    @Test
    void theWorkGetsTheProviderAndAContextWithTheClientsDeadlineAndResources() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        MockTtsProvider a = MockTtsProvider.alwaysAudio("a");
        try (TtsClient tts = TtsClient.builder().provider(a).clock(clock).timeout(Duration.ofSeconds(42)).build()) {
            AtomicReference<CallContext> seen = new AtomicReference<>();
            String answer = tts.call("a", MockTtsProvider.class, (provider, ctx) -> {
                assertSame(a, provider);
                seen.set(ctx);
                return "done";
            });
            assertEquals("done", answer);
            assertEquals(clock.instant().plusSeconds(42), seen.get().deadline());
            assertSame(clock, seen.get().clock());
            assertFalse(seen.get().cancellation().isCancelled());
            assertEquals(0, seen.get().resources().stats().openStreams(), "the client's own resource manager");
        }
    }

    @Test
    void anUnknownProviderOrTheWrongTypeIsRefusedByName() {
        try (TtsClient tts = TtsClient.builder().provider(MockTtsProvider.alwaysAudio("a")).build()) {
            UnsupportedRequestException unknown = assertThrows(UnsupportedRequestException.class,
                    () -> tts.call("b", TtsProvider.class, (p, ctx) -> p.id()));
            assertTrue(unknown.getMessage().contains("provider b is not configured"), unknown.getMessage());
            assertTrue(unknown.getMessage().contains("[a]"), unknown.getMessage());
            UnsupportedRequestException wrongType = assertThrows(UnsupportedRequestException.class,
                    () -> tts.call("a", NarrowProvider.class, (p, ctx) -> p.id()));
            assertTrue(wrongType.getMessage().contains(NarrowProvider.class.getName()), wrongType.getMessage());
        }
    }

    @Test
    void ioFailuresBecomeProviderUnavailableAndTypedFailuresPassThrough() {
        try (TtsClient tts = TtsClient.builder().provider(MockTtsProvider.alwaysAudio("a")).build()) {
            ProviderUnavailableException io = assertThrows(ProviderUnavailableException.class,
                    () -> tts.call("a", TtsProvider.class, (p, ctx) -> {
                        throw new UncheckedIOException(new IOException("connection reset"));
                    }));
            assertEquals("a", io.provider().orElseThrow());
            assertInstanceOf(UncheckedIOException.class, io.getCause());
            TtsException quota = TtsException.builder(ErrorCategory.QUOTA, "out of characters").provider("a").build();
            assertSame(quota, assertThrows(TtsException.class, () -> tts.call("a", TtsProvider.class, (p, ctx) -> {
                throw quota;
            })));
        }
    }

    @Test
    void closingTheClientCancelsWorkInFlightAndRefusesNewWork() throws Exception {
        TtsClient tts = TtsClient.builder().provider(MockTtsProvider.alwaysAudio("a")).build();
        CountDownLatch started = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> running = pool.submit(() -> tts.call("a", TtsProvider.class, (p, ctx) -> {
                CompletableFuture<Void> cancelled = new CompletableFuture<>();
                try (var registration = ctx.cancellation().onCancel(() -> cancelled.complete(null))) {
                    started.countDown();
                    cancelled.join();
                }
                throw new IllegalStateException("aborted");
            }));
            started.await();
            tts.close();
            Exception e = assertThrows(Exception.class, running::get);
            assertInstanceOf(CancelledException.class, e.getCause());
            assertThrows(IllegalStateException.class, () -> tts.call("a", TtsProvider.class, (p, ctx) -> p.id()));
        } finally {
            pool.shutdownNow();
            tts.close();
        }
    }

    @Test
    void failingCallsOpenTheProvidersBreakerAndTheOpenBreakerRefusesTheNextCall() {
        BreakerPolicy breaker = BreakerPolicy.builder().window(4, 2).failureRateThreshold(50).build();
        try (TtsClient tts = TtsClient.builder().provider(MockTtsProvider.alwaysAudio("a")).breaker(breaker).build()) {
            for (int i = 0; i < 2; i++) {
                assertThrows(ProviderUnavailableException.class, () -> tts.call("a", TtsProvider.class, (p, ctx) -> {
                    throw ProviderUnavailableException.builder("upstream answered 503").provider("a").providerStatus(503).build();
                }));
            }
            assertEquals(CircuitState.OPEN, tts.health().get(0).state());
            assertEquals(2, tts.health().get(0).failedCalls());
            AtomicBoolean ran = new AtomicBoolean();
            ProviderUnavailableException refused = assertThrows(ProviderUnavailableException.class,
                    () -> tts.call("a", TtsProvider.class, (p, ctx) -> ran.getAndSet(true)));
            assertFalse(ran.get(), "an open breaker refuses the call before the work runs");
            assertTrue(refused.getMessage().contains("circuit breaker"), refused.getMessage());
        }
    }

    @Test
    void aFailureThatIsNotTheProvidersLeavesTheBreakerAlone() {
        BreakerPolicy breaker = BreakerPolicy.builder().window(4, 2).failureRateThreshold(50).build();
        try (TtsClient tts = TtsClient.builder().provider(MockTtsProvider.alwaysAudio("a")).breaker(breaker).build()) {
            for (int i = 0; i < 3; i++) {
                assertThrows(IllegalArgumentException.class, () -> tts.call("a", TtsProvider.class, (p, ctx) -> {
                    throw new IllegalArgumentException("a bug in the work");
                }));
            }
            assertEquals(CircuitState.CLOSED, tts.health().get(0).state());
            assertEquals("a", tts.call("a", TtsProvider.class, (p, ctx) -> p.id()));
            assertEquals(1, tts.health().get(0).successfulCalls());
        }
    }

    @Test
    void aCallWaitsForTheCallSlotASynthesisHolds() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        MockTtsProvider a = MockTtsProvider.builder("a")
                .then(MockOutcome.gated(gate, MockOutcome.audio(Duration.ofMillis(200))))
                .otherwise(MockOutcome.audio(Duration.ofMillis(200))).build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (TtsClient tts = TtsClient.builder().provider(a).maxConcurrentCalls("a", 1).build()) {
            Future<SpeechResult> synthesis = pool.submit(() -> tts.synthesize(SpeechRequest.of("Hello there.")));
            awaitCondition(() -> a.inFlight() == 1);
            CountDownLatch workStarted = new CountDownLatch(1);
            Future<Integer> call = pool.submit(() -> tts.call("a", MockTtsProvider.class, (p, ctx) -> {
                workStarted.countDown();
                return p.inFlight();
            }));
            // With the slot taken, the work must not start; were it let through, it would start at once.
            assertFalse(workStarted.await(300, TimeUnit.MILLISECONDS), "the call ran beside the synthesis holding the only slot");
            gate.countDown();
            assertEquals("a", synthesis.get(30, TimeUnit.SECONDS).provider());
            assertEquals(0, call.get(30, TimeUnit.SECONDS), "the work ran once the synthesis had ended");
        } finally {
            gate.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void theAccountLimiterIsAskedForEachCallAndItsPermitGivenBack() {
        List<String> asked = new CopyOnWriteArrayList<>();
        AtomicInteger held = new AtomicInteger();
        AccountLimiter limiter = (providerId, request, ctx) -> {
            asked.add(providerId + ":" + request.text().length());
            held.incrementAndGet();
            return held::decrementAndGet;
        };
        try (SharedState shared = withLimiter(limiter);
             TtsClient tts = TtsClient.builder().provider(MockTtsProvider.alwaysAudio("a")).sharedState(shared).build()) {
            int during = tts.call("a", TtsProvider.class, (p, ctx) -> held.get());
            assertEquals(1, during, "the permit is held while the work runs");
            assertEquals(0, held.get(), "and given back when it ends");
            assertEquals(List.of("a:0"), asked, "one request of no characters");
        }
    }

    @Test
    void aLimiterThatRefusesFailsTheCallBeforeTheWorkRunsAndSparesTheBreaker() {
        AccountLimiter refusing = (providerId, request, ctx) -> {
            throw RateLimitException.builder("account request rate exhausted").provider(providerId).countsAgainstBreaker(false).build();
        };
        BreakerPolicy breaker = BreakerPolicy.builder().window(4, 2).failureRateThreshold(50).build();
        try (SharedState shared = withLimiter(refusing);
             TtsClient tts = TtsClient.builder().provider(MockTtsProvider.alwaysAudio("a")).sharedState(shared).breaker(breaker).build()) {
            AtomicBoolean ran = new AtomicBoolean();
            for (int i = 0; i < 3; i++) {
                assertThrows(RateLimitException.class, () -> tts.call("a", TtsProvider.class, (p, ctx) -> ran.getAndSet(true)));
            }
            assertFalse(ran.get());
            assertEquals(CircuitState.CLOSED, tts.health().get(0).state());
        }
    }

    private static SharedState withLimiter(AccountLimiter limiter) {
        SharedState local = SharedState.local();
        return new SharedState() {
            @Override
            public CompletionBus completionBus() {
                return local.completionBus();
            }

            @Override
            public ResultStore resultStore() {
                return local.resultStore();
            }

            @Override
            public AccountLimiter accountLimiter() {
                return limiter;
            }

            @Override
            public void close() {
                local.close();
            }
        };
    }

    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 20 s");
            Thread.sleep(5);
        }
    }

    /** A provider type none of the configured ones is. */
    private interface NarrowProvider extends TtsProvider {
    }
}
