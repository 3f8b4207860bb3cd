package dev.ttskit.routing;

import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.BreakerPolicy;
import dev.ttskit.CircuitState;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Breakers open, skip, probe and close on the injected clock, and a probe can never wedge half-open. */
@ExtendWith(NoLeaks.class)
class CircuitBreakerTest {
    private static final MockOutcome UNAVAILABLE = MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider("a").build());
    private static final BreakerPolicy SMALL = BreakerPolicy.builder().window(4, 2).failureRateThreshold(50)
            .openDuration(Duration.ofSeconds(30)).halfOpenCalls(1).build();

    private final ManualClock clock = new ManualClock();
    private final Events events = new Events();

    private TtsClient client(MockTtsProvider a, MockTtsProvider b) {
        return TtsClient.builder().provider(a).provider(b).clock(clock).sleeper(new ManualSleeper(clock))
                .retry(RetryPolicy.NONE).breaker(SMALL).listener(events).build();
    }

    private static String speak(TtsClient tts) {
        return tts.synthesize(SpeechRequest.of("Hi.")).provider();
    }

    @Test
    void opensSkipsProbesAndCloses() {
        MockTtsProvider a = MockTtsProvider.builder("a").then(UNAVAILABLE).then(UNAVAILABLE).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = client(a, b)) {
            assertEquals("b", speak(tts));
            assertEquals("b", speak(tts));
            assertEquals(CircuitState.OPEN, tts.health().get(0).state());

            assertEquals("b", speak(tts));
            assertEquals("b", speak(tts));
            assertEquals(2, a.callCount(), "an open breaker skips the provider without calling it");

            clock.advance(Duration.ofSeconds(31));
            assertEquals("a", speak(tts), "the half-open probe goes to a and succeeds");
            assertEquals(CircuitState.CLOSED, tts.health().get(0).state());
            assertEquals(List.of("breaker a CLOSED->OPEN", "breaker a OPEN->HALF_OPEN", "breaker a HALF_OPEN->CLOSED"),
                    events.starting("breaker"));
        }
    }

    @Test
    void aFailedProbeOpensAgain() {
        MockTtsProvider a = MockTtsProvider.builder("a").then(List.of(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE)).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = client(a, b)) {
            speak(tts);
            speak(tts);
            clock.advance(Duration.ofSeconds(31));
            assertEquals("b", speak(tts));
            assertEquals(3, a.callCount());
            assertEquals(CircuitState.OPEN, tts.health().get(0).state());
            assertEquals("b", speak(tts));
            assertEquals(3, a.callCount(), "open again: skipped");
        }
    }

    /** Opens a's breaker with two failures and lets the open period pass, so the next call is the probe. */
    private void openThenWait(TtsClient tts) {
        speak(tts);
        speak(tts);
        assertEquals(CircuitState.OPEN, tts.health().get(0).state());
        clock.advance(Duration.ofSeconds(31));
    }

    @Test
    void aProbeThatThrowsAnErrorGivesItsPermitBack() {
        MockTtsProvider a = MockTtsProvider.builder("a").then(List.of(UNAVAILABLE, UNAVAILABLE))
                .then(MockOutcome.crash(new AssertionError("native crash"))).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = client(a, b)) {
            openThenWait(tts);
            assertEquals("b", speak(tts), "the crashing probe fails over");
            assertEquals(3, a.callCount());
            assertEquals(CircuitState.OPEN, tts.health().get(0).state(), "the Error counted as a failure, not a stuck permit");
            clock.advance(Duration.ofSeconds(31));
            assertEquals("a", speak(tts));
            assertEquals(CircuitState.CLOSED, tts.health().get(0).state());
        }
    }

    @Test
    void aProbeThatHangsToItsDeadlineGivesItsPermitBack() {
        MockTtsProvider a = MockTtsProvider.builder("a").then(List.of(UNAVAILABLE, UNAVAILABLE)).then(MockOutcome.hang()).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = client(a, b)) {
            openThenWait(tts);
            // The probe hangs until its deadline ends it; the request fails over.
            assertEquals("b", tts.synthesize(SpeechRequest.builder().text("Hi.").timeout(Duration.ofMillis(100)).build()).provider());
            assertEquals(3, a.callCount());
            assertEquals(CircuitState.OPEN, tts.health().get(0).state(), "the hung probe counted as a failure");
            clock.advance(Duration.ofSeconds(31));
            assertEquals("a", speak(tts), "a new probe was allowed");
            assertEquals(CircuitState.CLOSED, tts.health().get(0).state());
        }
    }

    @Test
    void aCancelledProbeGivesItsPermitBack() throws Exception {
        MockTtsProvider a = MockTtsProvider.builder("a").then(List.of(UNAVAILABLE, UNAVAILABLE)).then(MockOutcome.hang()).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = client(a, b)) {
            openThenWait(tts);
            CompletableFuture<SpeechResult> probe = tts.synthesizeAsync(SpeechRequest.of("Hi."));
            Waits.until(() -> a.inFlight() == 1, "the probe is in flight");
            assertEquals(CircuitState.HALF_OPEN, tts.health().get(0).state());
            probe.cancel(true);
            Waits.until(() -> a.inFlight() == 0, "the cancelled probe ended");
            Waits.until(() -> a.callCount() == 3 && tts.health().get(0).state() == CircuitState.HALF_OPEN, "still half-open");
            assertEquals("a", speak(tts), "the permit came back: the next request probes a");
            assertEquals(CircuitState.CLOSED, tts.health().get(0).state());
        }
    }

    @Test
    void healthReportsStateFailureRateLatencyAndLastError() {
        MockTtsProvider a = MockTtsProvider.builder("a").then(UNAVAILABLE).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).clock(clock).retry(RetryPolicy.NONE)
                .breaker(BreakerPolicy.builder().window(4, 3).failureRateThreshold(80).build()).build()) {
            speak(tts);
            speak(tts);
            speak(tts);
            var health = tts.health();
            assertEquals(List.of("a", "b"), health.stream().map(h -> h.provider()).toList());
            assertEquals(1, health.get(0).failedCalls());
            assertEquals(2, health.get(0).successfulCalls());
            assertEquals(dev.ttskit.ErrorCategory.UNAVAILABLE, health.get(0).lastErrorCategory().orElseThrow());
            assertTrue(Math.abs(health.get(0).failureRate() - 33.33f) < 0.1, "rate " + health.get(0).failureRate());
            assertTrue(health.get(0).latencyP95().compareTo(health.get(0).latencyP50()) >= 0);
            assertTrue(health.get(0).latencyP50().toNanos() > 0, "latency of successful calls is measured");
            assertEquals(-1f, health.get(1).failureRate(), "b has too few calls for a rate");
        }
    }

    @Test
    void noBreakerTimerThreadOutlivesTheClient() {
        MockTtsProvider a = MockTtsProvider.builder("a").then(UNAVAILABLE).then(UNAVAILABLE).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = client(a, b)) {
            speak(tts);
            speak(tts);
            assertEquals(CircuitState.OPEN, tts.health().get(0).state());
            clock.advance(Duration.ofSeconds(31));
            assertEquals(CircuitState.OPEN, tts.health().get(0).state(), "no timer moves it: the next call does");
            assertEquals("a", speak(tts));
            assertEquals(CircuitState.CLOSED, tts.health().get(0).state());
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.isAlive() && t.getName().startsWith("CircuitBreakerAutoTransitionThread")),
                "resilience4j's JVM-wide transition timer was started");
    }

    @Test
    void aBreakerLeftHalfOpenLongerThanItsMaxWaitOpensAgainOnTheNextCall() throws Exception {
        MockTtsProvider a = MockTtsProvider.builder("a").then(UNAVAILABLE).then(UNAVAILABLE).build();
        Unresponsive probeTarget = new Unresponsive("a", false);
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        BreakerPolicy policy = BreakerPolicy.builder().window(4, 2).failureRateThreshold(50).openDuration(Duration.ofSeconds(30))
                .halfOpenCalls(1).maxHalfOpenWait(Duration.ofSeconds(10)).build();
        try (TtsClient tts = TtsClient.builder().provider(new FirstThen(a, probeTarget, 2)).provider(b).clock(clock)
                .sleeper(new ManualSleeper(clock)).retry(RetryPolicy.NONE).breaker(policy).listener(events).build()) {
            speak(tts);
            speak(tts);
            clock.advance(Duration.ofSeconds(31));
            CompletableFuture<SpeechResult> probe = tts.synthesizeAsync(SpeechRequest.of("Hi."));
            Waits.until(() -> probeTarget.inCall.get() == 1, "the probe is in flight");
            assertEquals(CircuitState.HALF_OPEN, tts.health().get(0).state());
            clock.advance(Duration.ofSeconds(11));
            // Another text: an identical request would join the probe's call in flight.
            assertEquals("b", tts.synthesize(SpeechRequest.of("Something else.")).provider(),
                    "the breaker opened again instead of waiting on the probe");
            assertEquals(CircuitState.OPEN, tts.health().get(0).state());
            assertTrue(events.starting("breaker a HALF_OPEN->OPEN").size() >= 1, events.toString());
            clock.advance(Duration.ofSeconds(30));
            assertEquals("b", probe.get(10, java.util.concurrent.TimeUnit.SECONDS).provider(), "the probe's attempt ran out");
        }
    }

    /** Answers as {@code first} for {@code n} calls, then as {@code then} (same id). */
    private static final class FirstThen implements dev.ttskit.spi.TtsProvider {
        private final dev.ttskit.spi.TtsProvider first;
        private final dev.ttskit.spi.TtsProvider then;
        private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        private final int n;

        FirstThen(dev.ttskit.spi.TtsProvider first, dev.ttskit.spi.TtsProvider then, int n) {
            this.first = first;
            this.then = then;
            this.n = n;
        }

        private dev.ttskit.spi.TtsProvider next() {
            return calls.incrementAndGet() <= n ? first : then;
        }

        @Override
        public String id() { return first.id(); }

        @Override
        public dev.ttskit.spi.ProviderCapabilities capabilities() { return first.capabilities(); }

        @Override
        public SpeechResult synthesize(dev.ttskit.spi.ProviderRequest request, dev.ttskit.spi.CallContext ctx) {
            return next().synthesize(request, ctx);
        }

        @Override
        public dev.ttskit.AudioStream stream(dev.ttskit.spi.ProviderRequest request, dev.ttskit.spi.CallContext ctx) {
            return next().stream(request, ctx);
        }

        @Override
        public List<dev.ttskit.Voice> voices(dev.ttskit.spi.CallContext ctx) { return List.of(); }

        @Override
        public void close() {
            first.close();
            then.close();
        }
    }
}
