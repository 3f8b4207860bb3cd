package dev.ttskit.client;

import dev.ttskit.CancelledException;
import dev.ttskit.ErrorCategory;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

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

    /** A provider type none of the configured ones is. */
    private interface NarrowProvider extends TtsProvider {
    }
}
