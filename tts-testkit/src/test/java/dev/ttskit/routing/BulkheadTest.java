package dev.ttskit.routing;

import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls beyond a provider's concurrency limit wait for a slot, no longer than their deadline. */
@ExtendWith(NoLeaks.class)
class BulkheadTest {

    @Test
    void noMoreThanTheLimitAreInFlightAndTheRestQueue() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(MockOutcome.gated(gate, MockOutcome.audio(Duration.ofMillis(100)))).build();
        try (TtsClient tts = TtsClient.builder().provider(a).maxConcurrentCalls("a", 2).build()) {
            List<CompletableFuture<SpeechResult>> futures = new ArrayList<>();
            // Different texts: identical requests would share one call instead of queueing.
            for (int i = 0; i < 6; i++) futures.add(tts.synthesizeAsync(SpeechRequest.of("Hi number " + i + ".")));
            Waits.until(() -> a.inFlight() == 2, "two calls in flight");
            assertEquals(2, a.callCount(), "the others wait for a slot");
            gate.countDown();
            for (CompletableFuture<SpeechResult> f : futures) assertEquals("a", f.get().provider());
            assertEquals(6, a.callCount());
            assertEquals(2, a.maxConcurrentCalls());
        }
    }

    @Test
    void theDefaultLimitComesFromTheProvidersCapabilities() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        MockTtsProvider a = MockTtsProvider.builder("a")
                .capabilities(MockTtsProvider.defaultCapabilities().toBuilder().maxConcurrentCalls(3).build())
                .otherwise(MockOutcome.gated(gate, MockOutcome.audio(Duration.ofMillis(100)))).build();
        try (TtsClient tts = TtsClient.builder().provider(a).build()) {
            List<CompletableFuture<SpeechResult>> futures = new ArrayList<>();
            for (int i = 0; i < 5; i++) futures.add(tts.synthesizeAsync(SpeechRequest.of("Hi number " + i + ".")));
            Waits.until(() -> a.inFlight() == 3, "three calls in flight");
            gate.countDown();
            for (CompletableFuture<SpeechResult> f : futures) f.get();
            assertEquals(3, a.maxConcurrentCalls());
        }
    }

    @Test
    void waitingForASlotEndsAtTheDeadlineWithoutBlamingTheProvider() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        MockTtsProvider a = MockTtsProvider.builder("a").then(MockOutcome.gated(gate, MockOutcome.audio(Duration.ofMillis(100)))).build();
        try (TtsClient tts = TtsClient.builder().provider(a).maxConcurrentCalls("a", 1).build()) {
            CompletableFuture<SpeechResult> holder = tts.synthesizeAsync(SpeechRequest.of("Hi."));
            Waits.until(() -> a.inFlight() == 1, "the slot is taken");
            TtsTimeoutException e = assertThrows(TtsTimeoutException.class,
                    () -> tts.synthesize(SpeechRequest.builder().text("Hello.").timeout(Duration.ofMillis(150)).build()));
            assertTrue(e.getMessage().contains("call slot"), e.getMessage());
            assertEquals("a", e.provider().orElseThrow(), "the timeout names the provider it waited for");
            assertEquals(1, a.callCount(), "the waiting request never reached the provider");
            gate.countDown();
            assertEquals("a", holder.get().provider());
            assertEquals(0, tts.health().get(0).failedCalls(), "a full bulkhead is not the provider's failure");
        }
    }

    @Test
    void unknownProviderInTheBulkheadSettingsFailsTheBuild() {
        MockTtsProvider a = MockTtsProvider.alwaysAudio("a");
        assertThrows(IllegalArgumentException.class, () -> TtsClient.builder().provider(a).maxConcurrentCalls("nope", 2).build());
        assertThrows(IllegalArgumentException.class, () -> TtsClient.builder().provider(a).maxConcurrentCalls("a", 0));
    }
}
