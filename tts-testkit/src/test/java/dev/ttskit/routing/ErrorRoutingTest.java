package dev.ttskit.routing;

import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.AudioFormatException;
import dev.ttskit.AuthenticationException;
import dev.ttskit.BreakerPolicy;
import dev.ttskit.CancelledException;
import dev.ttskit.CircuitState;
import dev.ttskit.ErrorCategory;
import dev.ttskit.ModelException;
import dev.ttskit.ProviderHealth;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.QuotaExceededException;
import dev.ttskit.RateLimitException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every row of DESIGN.md section 4: whether a failure is retried, failed over and held against the breaker. */
@ExtendWith(NoLeaks.class)
class ErrorRoutingTest {

    /** One row of the table. */
    private record Row(String name, Supplier<MockOutcome> failure, Class<? extends TtsException> type,
                       boolean retried, boolean failsOver, boolean countsAgainstBreaker) { }

    private static MockOutcome error(TtsException e) {
        return MockOutcome.error(e);
    }

    private static final List<Row> TABLE = List.of(
            new Row("validation", () -> error(ValidationException.builder("bad parameter").provider("a").requestId("ra").build()), ValidationException.class, false, false, false),
            new Row("unsupported", () -> error(UnsupportedRequestException.builder("no such voice").provider("a").requestId("ra").build()), UnsupportedRequestException.class, false, true, false),
            new Row("auth", () -> error(AuthenticationException.builder("HTTP 401").provider("a").requestId("ra").build()), AuthenticationException.class, false, true, true),
            new Row("quota", () -> error(QuotaExceededException.builder("credits exhausted").provider("a").requestId("ra").build()), QuotaExceededException.class, false, true, true),
            new Row("rate limit", () -> error(RateLimitException.builder("HTTP 429").provider("a").requestId("ra").retryAfter(Duration.ofSeconds(1)).build()), RateLimitException.class, true, true, true),
            new Row("concurrency limit", () -> error(RateLimitException.builder("too_many_concurrent_requests").provider("a").requestId("ra").concurrencyLimit(true).build()), RateLimitException.class, true, true, false),
            new Row("unavailable", () -> error(ProviderUnavailableException.builder("HTTP 503").provider("a").requestId("ra").build()), ProviderUnavailableException.class, true, true, true),
            new Row("timeout", () -> error(TtsTimeoutException.builder("read timed out").provider("a").requestId("ra").build()), TtsTimeoutException.class, false, true, true),
            new Row("bad audio", () -> MockOutcome.silence(Duration.ofMillis(200)), AudioFormatException.class, true, true, true),
            new Row("model", () -> error(ModelException.builder("model file corrupt").provider("a").requestId("ra").build()), ModelException.class, false, true, true),
            new Row("stream", () -> error(StreamInterruptedException.builder("connection reset").provider("a").requestId("ra").build()), StreamInterruptedException.class, false, false, true),
            new Row("cancelled", () -> error(CancelledException.builder("cancelled").provider("a").requestId("ra").build()), CancelledException.class, false, false, false));

    @Test
    void eachCategoryIsRetriedAndFailedOverAsTheTableSays() {
        for (Row row : TABLE) {
            MockTtsProvider a = MockTtsProvider.builder("a").then(row.failure().get()).build();
            MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
            ManualClock clock = new ManualClock();
            try (TtsClient tts = TtsClient.builder().provider(a).provider(b).clock(clock).sleeper(new ManualSleeper(clock))
                    .retry(RetryPolicy.builder().maxAttempts(2).jitterSeed(1).build()).build()) {
                if (!row.failsOver() && !row.retried()) {
                    TtsException e = assertThrows(TtsException.class, () -> tts.synthesize(SpeechRequest.of("Hi.")), row.name());
                    assertEquals(row.type(), e.getClass(), row.name());
                    assertEquals(0, b.callCount(), row.name() + ": no failover");
                    continue;
                }
                SpeechResult r = tts.synthesize(SpeechRequest.of("Hi."));
                if (row.retried()) {
                    assertEquals("a", r.provider(), row.name() + ": retried on the same provider");
                    assertEquals(2, a.callCount(), row.name());
                    assertEquals(0, b.callCount(), row.name());
                } else {
                    assertEquals("b", r.provider(), row.name() + ": failed over");
                    assertEquals(1, a.callCount(), row.name() + ": not retried");
                }
            }
        }
    }

    @Test
    void retryableCategoriesFailOverOnceTheirRetriesAreUsedUp() {
        for (Row row : TABLE) {
            if (!row.retried()) continue;
            MockTtsProvider a = MockTtsProvider.builder("a").otherwise(row.failure().get()).build();
            MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
            ManualClock clock = new ManualClock();
            try (TtsClient tts = TtsClient.builder().provider(a).provider(b).clock(clock).sleeper(new ManualSleeper(clock))
                    .retry(RetryPolicy.builder().maxAttempts(3).jitterSeed(1).build()).build()) {
                assertEquals("b", tts.synthesize(SpeechRequest.of("Hi.")).provider(), row.name());
                assertEquals(3, a.callCount(), row.name());
            }
        }
    }

    @Test
    void onlyTheCategoriesTheTableSaysCountAgainstTheBreaker() {
        BreakerPolicy oneStrike = BreakerPolicy.builder().window(1, 1).failureRateThreshold(100).build();
        for (Row row : TABLE) {
            MockTtsProvider a = MockTtsProvider.builder("a").then(row.failure().get()).build();
            MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
            try (TtsClient tts = TtsClient.builder().provider(a).provider(b).sleeper(d -> { })
                    .retry(RetryPolicy.NONE).breaker(oneStrike).build()) {
                try {
                    tts.synthesize(SpeechRequest.of("Hi."));
                } catch (TtsException expected) {
                    // Non-failover rows end the request; the breaker is what this test looks at.
                }
                ProviderHealth health = tts.health().get(0);
                assertEquals(row.countsAgainstBreaker() ? CircuitState.OPEN : CircuitState.CLOSED, health.state(), row.name());
                if (row.type() != CancelledException.class) {
                    assertEquals(row.type() == AudioFormatException.class ? ErrorCategory.BAD_AUDIO
                            : row.failure().get() instanceof MockOutcome.Failure f ? f.exception().category() : null,
                            health.lastErrorCategory().orElseThrow(), row.name());
                }
            }
        }
    }
}
