package dev.ttskit.routing;

import dev.ttskit.HedgePolicy;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsListener;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hedged requests: the first good answer wins and the other call is cancelled. */
@ExtendWith(NoLeaks.class)
class HedgingTest {
    private static final ProviderCapabilities REMOTE = MockTtsProvider.defaultCapabilities().toBuilder().local(false).paid(true).build();
    private static final HedgePolicy QUICK = HedgePolicy.after(Duration.ofMillis(20)).build();

    private final Events events = new Events();

    @Test
    void theHedgeWinsWhenThePrimaryIsSlowAndThePrimaryIsCancelled() {
        CountDownLatch never = new CountDownLatch(1);
        MockTtsProvider primary = MockTtsProvider.builder("primary").capabilities(REMOTE)
                .then(MockOutcome.gated(never, MockOutcome.audio(Duration.ofMillis(200)))).build();
        MockTtsProvider local = MockTtsProvider.alwaysAudio("local");
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(local).hedging(QUICK).listener(events).build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.of("Hi."));
            assertEquals("local", r.provider());
            assertEquals(List.of("hedge primary->local"), events.starting("hedge"));
            Waits.until(() -> primary.inFlight() == 0, "the losing primary call was cancelled");
            assertEquals(0, tts.health().get(0).failedCalls(), "losing a race is not a failure");
        }
    }

    @Test
    void thePrimaryWinsWhenItAnswersFirstAndTheHedgeIsCancelled() {
        CountDownLatch primaryGate = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        MockTtsProvider primary = MockTtsProvider.builder("primary").capabilities(REMOTE)
                .then(MockOutcome.gated(primaryGate, MockOutcome.audio(Duration.ofMillis(200)))).build();
        MockTtsProvider local = MockTtsProvider.builder("local").then(MockOutcome.gated(never, MockOutcome.audio(Duration.ofMillis(200)))).build();
        java.util.concurrent.CompletableFuture<Void> releaser = new java.util.concurrent.CompletableFuture<>();
        TtsListener releaseOnHedge = new TtsListener() {
            @Override
            public void onHedge(String p, String h) {
                // The gate opens whatever happens; a failed wait reaches the test through releaser.join().
                java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try {
                        Waits.until(() -> local.inFlight() == 1, "the hedge is in flight");
                    } finally {
                        primaryGate.countDown();
                    }
                }).whenComplete((v, t) -> {
                    if (t != null) releaser.completeExceptionally(t);
                    else releaser.complete(null);
                });
            }
        };
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(local).hedging(QUICK).listener(releaseOnHedge).build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.of("Hi."));
            releaser.join();
            assertEquals("primary", r.provider());
            assertEquals(1, local.callCount(), "the hedge did start");
            Waits.until(() -> local.inFlight() == 0, "the losing hedge was cancelled");
        }
    }

    @Test
    void anAdaptiveHedgeStartsAtThePrimarysObservedP95() {
        CountDownLatch never = new CountDownLatch(1);
        MockTtsProvider primary = MockTtsProvider.builder("primary").capabilities(REMOTE)
                .then(MockOutcome.times(20, MockOutcome.audio(Duration.ofMillis(50))))
                .then(MockOutcome.gated(never, MockOutcome.audio(Duration.ofMillis(50)))).build();
        MockTtsProvider local = MockTtsProvider.alwaysAudio("local");
        // Until 20 calls were seen the delay is a minute; after that the primary's p95 (well under a second).
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(local)
                .hedging(HedgePolicy.atP95(Duration.ofMinutes(1)).build()).listener(events).build()) {
            for (int i = 0; i < 20; i++) assertEquals("primary", tts.synthesize(SpeechRequest.of("Hi.")).provider());
            assertEquals(0, local.callCount());
            assertEquals("local", tts.synthesize(SpeechRequest.of("Hi.")).provider(), "the hedge started at the p95, not after a minute");
            assertEquals(List.of("hedge primary->local"), events.starting("hedge"));
        }
    }

    @Test
    void aFastPrimaryNeverStartsAHedge() {
        MockTtsProvider primary = MockTtsProvider.builder("primary").capabilities(REMOTE).build();
        MockTtsProvider local = MockTtsProvider.alwaysAudio("local");
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(local)
                .hedging(HedgePolicy.after(Duration.ofSeconds(30)).build()).listener(events).build()) {
            assertEquals("primary", tts.synthesize(SpeechRequest.of("Hi.")).provider());
            assertEquals(0, local.callCount());
            assertEquals(List.of(), events.starting("hedge"));
        }
    }

    @Test
    void aPaidProviderIsNeverHedgedOntoUnlessAllowed() {
        MockTtsProvider primary = MockTtsProvider.builder("primary").capabilities(REMOTE)
                .then(MockOutcome.delayed(Duration.ofMillis(150), MockOutcome.audio(Duration.ofMillis(200)))).build();
        MockTtsProvider paid = MockTtsProvider.builder("paid").capabilities(REMOTE).build();
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(paid)
                .hedging(HedgePolicy.after(Duration.ofMillis(10)).onto("paid").build()).listener(events).build()) {
            assertEquals("primary", tts.synthesize(SpeechRequest.of("Hi.")).provider());
            assertEquals(0, paid.callCount());
            assertEquals(List.of(), events.starting("hedge"));
        }
    }

    @Test
    void aPaidProviderIsHedgedOntoWhenAllowed() {
        CountDownLatch never = new CountDownLatch(1);
        MockTtsProvider primary = MockTtsProvider.builder("primary").capabilities(REMOTE)
                .then(MockOutcome.gated(never, MockOutcome.audio(Duration.ofMillis(200)))).build();
        MockTtsProvider paid = MockTtsProvider.builder("paid").capabilities(REMOTE).build();
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(paid)
                .hedging(HedgePolicy.after(Duration.ofMillis(10)).onto("paid").allowPaid(true).build()).build()) {
            assertEquals("paid", tts.synthesize(SpeechRequest.of("Hi.")).provider());
            Waits.until(() -> primary.inFlight() == 0, "primary cancelled");
        }
    }

    @Test
    void aPrimaryFailingBeforeTheDelayFailsOverWithoutAHedge() {
        MockTtsProvider primary = MockTtsProvider.builder("primary").capabilities(REMOTE)
                .otherwise(MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider("primary").build())).build();
        MockTtsProvider local = MockTtsProvider.alwaysAudio("local");
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(local).retry(RetryPolicy.NONE)
                .hedging(HedgePolicy.after(Duration.ofSeconds(30)).build()).listener(events).build()) {
            assertEquals("local", tts.synthesize(SpeechRequest.of("Hi.")).provider());
            assertEquals(List.of(), events.starting("hedge"));
            assertEquals(List.of("failover primary->local UNAVAILABLE"), events.starting("failover"));
        }
    }

    @Test
    void bothSidesFailingMovesOnToTheNextProvider() {
        CountDownLatch gate = new CountDownLatch(1);
        MockTtsProvider primary = MockTtsProvider.builder("primary").capabilities(REMOTE)
                .then(MockOutcome.gated(gate, MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider("primary").build()))).build();
        MockTtsProvider local = MockTtsProvider.builder("local")
                .then(MockOutcome.error(ProviderUnavailableException.builder("model crashed").provider("local").build())).build();
        MockTtsProvider last = MockTtsProvider.builder("last").capabilities(REMOTE).build();
        TtsListener openGate = new TtsListener() {
            @Override
            public void onFailover(String from, String to, dev.ttskit.TtsException cause) {
                gate.countDown();
            }

            @Override
            public void onAttempt(String provider, int attempt) {
                if (provider.equals("local")) gate.countDown();
            }
        };
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(local).provider(last).retry(RetryPolicy.NONE)
                .hedging(QUICK).listener(openGate).build()) {
            assertEquals("last", tts.synthesize(SpeechRequest.of("Hi.")).provider());
            assertEquals(1, local.callCount(), "the hedge candidate is not tried twice");
        }
    }
}
