package dev.ttskit.routing;

import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.BreakerPolicy;
import dev.ttskit.CircuitState;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RateLimitException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backoff, Retry-After, the breaker's refusals and the retry budget. */
@ExtendWith(NoLeaks.class)
class RetryTest {
    private static final MockOutcome UNAVAILABLE = MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider("a").build());

    private final ManualClock clock = new ManualClock();
    private final ManualSleeper sleeper = new ManualSleeper(clock);

    private static MockOutcome rateLimited(Duration retryAfter) {
        return MockOutcome.error(RateLimitException.builder("HTTP 429").provider("a").requestId("r-429").retryAfter(retryAfter).build());
    }

    @Test
    void retryAfterIsHonoured() {
        MockTtsProvider a = MockTtsProvider.builder("a").then(rateLimited(Duration.ofSeconds(3))).build();
        try (TtsClient tts = TtsClient.builder().provider(a).clock(clock).sleeper(sleeper).build()) {
            assertEquals("a", tts.synthesize(SpeechRequest.of("Hi.")).provider());
            assertEquals(List.of(Duration.ofSeconds(3)), sleeper.sleeps());
            assertEquals(Duration.ofSeconds(3), Duration.between(a.calls().get(0).at(), a.calls().get(1).at()));
        }
    }

    @Test
    void aRetryAfterBeyondTheLimitFailsOverInsteadOfWaiting() {
        MockTtsProvider a = MockTtsProvider.builder("a").then(rateLimited(Duration.ofSeconds(30))).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).clock(clock).sleeper(sleeper)
                .retry(RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(10)).build()).build()) {
            assertEquals("b", tts.synthesize(SpeechRequest.of("Hi.")).provider());
            assertEquals(List.of(), sleeper.sleeps(), "never waits longer than the cap");
            assertEquals(1, a.callCount());
        }
    }

    @Test
    void backoffIsFullJitterUnderACappedExponentialBound() {
        List<Duration> first = backoffs(42);
        assertEquals(4, first.size());
        Duration[] bounds = {Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250), Duration.ofMillis(250)};
        for (int i = 0; i < first.size(); i++) {
            assertTrue(!first.get(i).isNegative() && first.get(i).compareTo(bounds[i]) < 0, "retry " + i + " waited " + first.get(i));
        }
        assertEquals(first, backoffs(42), "a seeded jitter is reproducible");
        assertNotEquals(first, backoffs(7));
    }

    private List<Duration> backoffs(long seed) {
        ManualSleeper s = new ManualSleeper(clock);
        MockTtsProvider a = MockTtsProvider.builder("a").then(MockOutcome.times(4, UNAVAILABLE)).build();
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(5).backoff(Duration.ofMillis(100), Duration.ofMillis(250))
                .jitterSeed(seed).build();
        try (TtsClient tts = TtsClient.builder().provider(a).clock(clock).sleeper(s).retry(policy).build()) {
            assertEquals("a", tts.synthesize(SpeechRequest.of("Hi.")).provider());
        }
        return s.sleeps();
    }

    @Test
    void aRefusalByTheBreakerIsNeverRetried() {
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(UNAVAILABLE).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).clock(clock).sleeper(sleeper)
                .breaker(BreakerPolicy.builder().window(2, 2).build()).build()) {
            tts.synthesize(SpeechRequest.of("Hi."));
            assertEquals(CircuitState.OPEN, tts.health().get(0).state());
            int calls = a.callCount();
            int sleeps = sleeper.sleeps().size();
            assertEquals("b", tts.synthesize(SpeechRequest.of("Hi.")).provider());
            assertEquals(calls, a.callCount());
            assertEquals(sleeps, sleeper.sleeps().size(), "no backoff for a refused call");
        }
    }

    @Test
    void aLoneProviderWithAnOpenBreakerFailsFastAsUnavailable() {
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(UNAVAILABLE).build();
        try (TtsClient tts = TtsClient.builder().provider(a).clock(clock).sleeper(sleeper)
                .breaker(BreakerPolicy.builder().window(2, 2).build()).build()) {
            assertThrows(ProviderUnavailableException.class, () -> tts.synthesize(SpeechRequest.of("Hi.")));
            int calls = a.callCount();
            ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class, () -> tts.synthesize(SpeechRequest.of("Hi.")));
            assertTrue(e.getMessage().contains("circuit breaker"), e.getMessage());
            assertEquals(calls, a.callCount());
        }
    }

    @Test
    void aFullOutageCostsAtMostTenPercentMoreCallsThanRequests() {
        // A breaker that never opens in this test, so only the retry budget limits retries.
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(UNAVAILABLE).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        int requests = 300;
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(3).budget(0.1, 5).jitterSeed(3).build();
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).clock(clock).sleeper(sleeper).retry(policy)
                .breaker(BreakerPolicy.builder().window(5000, 5000).failureRateThreshold(100).build()).build()) {
            for (int i = 0; i < requests; i++) assertEquals("b", tts.synthesize(SpeechRequest.of("Hi.")).provider());
        }
        assertTrue(a.callCount() >= requests, "every request tried a: " + a.callCount());
        assertTrue(a.callCount() <= 1.1 * requests + 5, "upstream calls " + a.callCount() + " for " + requests + " requests");
        assertTrue(a.callCount() > requests + 20, "the budget does allow some retries: " + a.callCount());
    }

    @Test
    void withTheBreakerAFullOutageCostsRequestsPlusProbesAtMost() {
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(UNAVAILABLE).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        Events events = new Events();
        int requests = 400;
        BreakerPolicy breaker = BreakerPolicy.builder().window(20, 5).openDuration(Duration.ofSeconds(30)).halfOpenCalls(2).build();
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).clock(clock).sleeper(sleeper).breaker(breaker)
                .retry(RetryPolicy.builder().jitterSeed(5).build()).listener(events).build()) {
            for (int i = 0; i < requests; i++) {
                assertEquals("b", tts.synthesize(SpeechRequest.of("Hi.")).provider());
                clock.advance(Duration.ofSeconds(1));
            }
        }
        long probes = events.starting("breaker a OPEN->HALF_OPEN").size() * 2L;
        assertTrue(probes > 0);
        long reachedA = events.starting("attempt a").size();
        assertEquals(reachedA, a.callCount());
        assertTrue(a.callCount() <= 1.1 * requests + probes, "calls " + a.callCount() + ", probes " + probes);
        assertTrue(a.callCount() < requests / 4, "most requests skipped a while its breaker was open: " + a.callCount());
    }
}
