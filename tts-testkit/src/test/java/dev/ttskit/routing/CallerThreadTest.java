package dev.ttskit.routing;

import dev.ttskit.CancelledException;
import dev.ttskit.ErrorCategory;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Providers that declare they honour their deadline run on their caller's thread, and what callers
 * see is what they see when the call runs on a worker: the attempt's TIMEOUT naming the provider
 * (also when the provider overruns its declaration), failover, CANCELLED at once, and identical
 * requests that still get their answer when the caller whose thread ran the shared call leaves.
 */
@ExtendWith(NoLeaks.class)
class CallerThreadTest {
    private static final SpeechRequest HI = SpeechRequest.of("Hello there.");
    private static final ProviderCapabilities DECLARING = MockTtsProvider.defaultCapabilities().toBuilder().honoursDeadline(true).build();

    private final ManualClock clock = new ManualClock();
    private final Events events = new Events();

    private TtsClient.Builder client() {
        return TtsClient.builder().clock(clock).sleeper(new ManualSleeper(clock)).listener(events);
    }

    private static SpeechResult get(CompletableFuture<SpeechResult> f) throws Exception {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) throw x;
            throw e;
        }
    }

    private static MockTtsProvider recordingThread(String id, boolean declaring, AtomicReference<Thread> thread) {
        MockTtsProvider.Builder b = MockTtsProvider.builder(id).answering(r -> {
            thread.set(Thread.currentThread());
            return MockOutcome.audio(Duration.ofMillis(300));
        });
        if (declaring) b.capabilities(DECLARING);
        return b.build();
    }

    @Test
    void aDeclaringProviderRunsOnTheCallersThreadAndAnotherOnAWorker() {
        AtomicReference<Thread> declaringThread = new AtomicReference<>();
        AtomicReference<Thread> otherThread = new AtomicReference<>();
        try (TtsClient here = client().provider(recordingThread("a", true, declaringThread)).build();
             TtsClient worker = client().provider(recordingThread("b", false, otherThread)).build()) {
            assertEquals("a", here.synthesize(HI).provider());
            assertSame(Thread.currentThread(), declaringThread.get());
            assertEquals("b", worker.synthesize(HI).provider());
            assertNotSame(Thread.currentThread(), otherThread.get());
        }
    }

    @Test
    void aHungDeclaringPrimaryEndsWithItsAttemptAndTheFallbackAnswers() throws Exception {
        MockTtsProvider a = MockTtsProvider.builder("a").capabilities(DECLARING).otherwise(MockOutcome.hang()).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = client().provider(a).provider(b).build()) {
            CompletableFuture<SpeechResult> call = tts.synthesizeAsync(HI);
            Waits.until(() -> a.inFlight() == 1, "a is called");
            clock.advance(Duration.ofSeconds(30));
            SpeechResult r = get(call);
            assertEquals("b", r.provider());
            assertEquals(1, tts.health().get(0).failedCalls(), "the hung attempt counts against a");
            assertEquals(ErrorCategory.TIMEOUT, tts.health().get(0).lastErrorCategory().orElseThrow());
            assertEquals(0, a.inFlight());
        }
    }

    @Test
    void aDeclarerThatOverrunsIsEndedByTheWatchdogAndItsLateAnswerIsNotDelivered() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Declares, yet ignores its context: only the watchdog ends its attempt.
        ContextRecorder a = new ContextRecorder(MockTtsProvider.builder("a").capabilities(DECLARING).answering(r -> {
            entered.countDown();
            awaitUninterruptibly(release);
            return MockOutcome.audio(Duration.ofMillis(300));
        }).build());
        try (TtsClient tts = client().provider(a).build()) {
            CompletableFuture<SpeechResult> call = tts.synthesizeAsync(SpeechRequest.builder().text("Hello there.")
                    .timeout(Duration.ofSeconds(1)).build());
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            clock.advance(Duration.ofSeconds(1));
            Waits.until(() -> a.contexts.get(0).cancellation().isCancelled(), "the watchdog cancels the overdue call");
            assertEquals(1, tts.health().get(0).failedCalls(), "the attempt ran out when the watchdog noticed, before the provider returned");
            release.countDown();
            TtsTimeoutException e = assertThrows(TtsTimeoutException.class, () -> get(call));
            assertEquals("a", e.provider().orElseThrow());
            assertTrue(e.getMessage().contains("no answer"), e.getMessage());
            assertEquals(0, tts.health().get(0).successfulCalls(), "the late answer is released, not counted or delivered");
        }
    }

    @Test
    void aCancelledOwnerLeavesAtOnceAndTheRequestSharingItsCallMakesItsOwn() throws Exception {
        MockTtsProvider a = MockTtsProvider.builder("a").capabilities(DECLARING).then(MockOutcome.hang())
                .otherwise(MockOutcome.audio(Duration.ofMillis(300))).build();
        try (TtsClient tts = client().provider(a).build()) {
            CompletableFuture<SpeechResult> owner = tts.synthesizeAsync(HI);
            Waits.until(() -> a.inFlight() == 1, "the owner's call is in flight");
            CompletableFuture<SpeechResult> other = tts.synthesizeAsync(HI);
            Waits.until(() -> events.starting("shared a").size() == 1, "the other request joined");
            owner.cancel(true);
            assertThrows(CancellationException.class, () -> get(owner));
            assertEquals("a", get(other).provider());
            assertEquals(2, a.callCount(), "the other request made its own call once the owner's ended");
            assertEquals(0, tts.health().get(0).failedCalls(), "a caller leaving is not the provider's failure");
        }
    }

    @Test
    void aCancelledCallerOnItsOwnGetsCancelledAndTheProviderIsNotBlamed() throws Exception {
        MockTtsProvider a = MockTtsProvider.builder("a").capabilities(DECLARING).otherwise(MockOutcome.hang()).build();
        try (TtsClient tts = client().provider(a).build()) {
            CompletableFuture<SpeechResult> call = tts.synthesizeAsync(HI);
            Waits.until(() -> a.inFlight() == 1, "the call is in flight");
            call.cancel(true);
            assertThrows(CancellationException.class, () -> get(call));
            Waits.until(() -> a.inFlight() == 0, "the provider saw the cancellation");
            assertEquals(0, tts.health().get(0).failedCalls());
        }
    }

    @Test
    void anInterruptedCallerGetsCancelledAndTheProviderIsNotBlamed() throws Exception {
        MockTtsProvider a = MockTtsProvider.builder("a").capabilities(DECLARING).otherwise(MockOutcome.hang()).build();
        try (TtsClient tts = TtsClient.builder().provider(a).build()) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    tts.synthesize(HI);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }, "interrupted-caller");
            caller.start();
            Waits.until(() -> a.inFlight() == 1, "the call is in flight on the caller's thread");
            caller.interrupt();
            caller.join(10_000);
            assertTrue(!caller.isAlive(), "the caller returned");
            CancelledException e = assertInstanceOf(CancelledException.class, thrown.get());
            assertTrue(e.getMessage().contains("interrupted while waiting for the provider"), e.getMessage());
            assertEquals("a", e.provider().orElseThrow());
            assertEquals(0, tts.health().get(0).failedCalls());
        }
    }

    @Test
    void aProviderBugIsItsOutageAndFailsOver() {
        MockTtsProvider a = MockTtsProvider.builder("a").capabilities(DECLARING).otherwise(MockOutcome.crash(new AssertionError("provider bug")))
                .build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = client().provider(a).provider(b).build()) {
            assertEquals("b", tts.synthesize(HI).provider());
            assertEquals(ErrorCategory.UNAVAILABLE, tts.health().get(0).lastErrorCategory().orElseThrow());
        }
    }

    @Test
    void aVirtualMachineErrorReachesTheCallerUnwrapped() {
        InternalError broken = new InternalError("native library state corrupted");
        MockTtsProvider a = MockTtsProvider.builder("a").capabilities(DECLARING).then(MockOutcome.crash(broken)).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = client().provider(a).provider(b).build()) {
            Throwable t = assertThrows(Throwable.class, () -> tts.synthesize(HI));
            assertSame(broken, t);
            assertEquals(0, b.callCount());
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
