package dev.ttskit.routing;

import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.AudioStream;
import dev.ttskit.ErrorCategory;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RateLimitException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.Voice;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each attempt gets what remains of the request's deadline; cancelling stops the call in flight. */
@ExtendWith(NoLeaks.class)
class DeadlineAndCancellationTest {
    private final ManualClock clock = new ManualClock();
    private final ManualSleeper sleeper = new ManualSleeper(clock);

    /** Passes calls to a mock and keeps each call's context. */
    private static final class Recording implements TtsProvider {
        final MockTtsProvider mock;
        final List<CallContext> contexts = new CopyOnWriteArrayList<>();
        final List<Duration> remaining = new CopyOnWriteArrayList<>();

        Recording(MockTtsProvider mock) {
            this.mock = mock;
        }

        @Override
        public String id() { return mock.id(); }

        @Override
        public ProviderCapabilities capabilities() { return mock.capabilities(); }

        @Override
        public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
            contexts.add(ctx);
            remaining.add(ctx.remaining());
            return mock.synthesize(request, ctx);
        }

        @Override
        public AudioStream stream(ProviderRequest request, CallContext ctx) {
            contexts.add(ctx);
            return mock.stream(request, ctx);
        }

        @Override
        public List<Voice> voices(CallContext ctx) { return mock.voices(ctx); }

        @Override
        public void close() { mock.close(); }
    }

    private static MockOutcome rateLimited(Duration retryAfter) {
        return MockOutcome.error(RateLimitException.builder("HTTP 429").provider("a").retryAfter(retryAfter).build());
    }

    @Test
    void eachAttemptGetsWhatRemainsOfTheDeadline() {
        Recording a = new Recording(MockTtsProvider.builder("a").then(rateLimited(Duration.ofSeconds(2))).build());
        try (TtsClient tts = TtsClient.builder().provider(a).clock(clock).sleeper(sleeper).build()) {
            tts.synthesize(SpeechRequest.builder().text("Hi.").timeout(Duration.ofSeconds(10)).build());
        }
        assertEquals(2, a.contexts.size());
        assertEquals(Duration.ofSeconds(10), a.remaining.get(0));
        assertEquals(a.contexts.get(0).deadline(), a.contexts.get(1).deadline(), "one deadline for the whole request");
        assertEquals(Duration.ofSeconds(8), a.remaining.get(1));
        assertEquals(1, a.contexts.get(0).attempt());
        assertEquals(2, a.contexts.get(1).attempt());
    }

    @Test
    void noRetryWaitsPastTheDeadline() {
        MockTtsProvider a = MockTtsProvider.builder("a").then(rateLimited(Duration.ofSeconds(3))).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).clock(clock).sleeper(sleeper).build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.builder().text("Hi.").timeout(Duration.ofSeconds(2)).build());
            assertEquals("b", r.provider(), "waiting 3 s with 2 s left is pointless: fail over");
            assertEquals(List.of(), sleeper.sleeps());
        }
    }

    @Test
    void aDeadlineThatPassesDuringRetriesEndsTheRequestWithTheFailuresAttached() {
        MockTtsProvider a = MockTtsProvider.builder("a")
                .otherwise(MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider("a").build())).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        // Every wait moves the clock past the deadline.
        dev.ttskit.Sleeper slow = duration -> clock.advance(duration.plusSeconds(5));
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).clock(clock).sleeper(slow).build()) {
            TtsTimeoutException e = assertThrows(TtsTimeoutException.class,
                    () -> tts.synthesize(SpeechRequest.builder().text("Hi.").timeout(Duration.ofSeconds(5)).build()));
            assertEquals(1, a.callCount(), "the retry found the deadline gone and never called: " + a.calls());
            assertEquals(0, b.callCount());
            assertEquals(1, e.getSuppressed().length);
            assertEquals(ErrorCategory.UNAVAILABLE, ((TtsException) e.getSuppressed()[0]).category());
        }
    }

    @Test
    void cancellingTheFutureStopsTheCallInFlightAndFailsNothingOver() throws Exception {
        MockTtsProvider a = MockTtsProvider.builder("a").then(MockOutcome.hang()).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).clock(clock).sleeper(sleeper).build()) {
            CompletableFuture<SpeechResult> f = tts.synthesizeAsync(SpeechRequest.of("Hi."));
            Waits.until(() -> a.inFlight() == 1, "call started");
            f.cancel(true);
            Waits.until(() -> a.inFlight() == 0, "call stopped");
            assertEquals(0, b.callCount(), "a cancelled request never fails over");
            assertEquals(0, tts.health().get(0).failedCalls(), "cancellation is not the provider's failure");
        }
    }

    @Test
    void closingAStreamCancelsTheProviderCall() throws Exception {
        Recording a = new Recording(MockTtsProvider.builder("a")
                .then(MockOutcome.chunked(5, Duration.ofMillis(40), Duration.ZERO)).build());
        try (TtsClient tts = TtsClient.builder().provider(a).clock(clock).sleeper(sleeper).build()) {
            AudioStream s = tts.stream(SpeechRequest.of("Hi."));
            assertTrue(s.read() >= 0);
            assertEquals(1, a.mock.inFlight());
            s.close();
            assertTrue(a.contexts.get(0).cancellation().isCancelled(), "the provider's token fired");
            assertEquals(0, a.mock.inFlight());
            assertEquals(0, tts.resources().openStreams());
            assertEquals(0, tts.health().get(0).failedCalls());
        }
    }
}
