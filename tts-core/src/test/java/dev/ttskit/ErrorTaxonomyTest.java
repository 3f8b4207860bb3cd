package dev.ttskit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every row of the error table: category, retry, failover, breaker and HTTP status. */
class ErrorTaxonomyTest {

    static Stream<Arguments> table() {
        return Stream.of(
                // exception, category, retryable, failover, counts against breaker, status
                Arguments.of(new ValidationException("x"), ErrorCategory.VALIDATION, false, false, false, 400),
                Arguments.of(new UnsupportedRequestException("x"), ErrorCategory.UNSUPPORTED, false, true, false, 422),
                Arguments.of(new AuthenticationException("x"), ErrorCategory.AUTH, false, true, true, 502),
                Arguments.of(new QuotaExceededException("x"), ErrorCategory.QUOTA, false, true, true, 502),
                Arguments.of(new RateLimitException("x"), ErrorCategory.RATE_LIMIT, true, true, true, 503),
                Arguments.of(new RateLimitException("p", "x", null, null, Duration.ofSeconds(2), true), ErrorCategory.RATE_LIMIT, true, true, false, 503),
                Arguments.of(new ProviderUnavailableException("x"), ErrorCategory.UNAVAILABLE, true, true, true, 503),
                Arguments.of(new TtsTimeoutException("x"), ErrorCategory.TIMEOUT, false, true, true, 504),
                Arguments.of(new AudioFormatException("x"), ErrorCategory.BAD_AUDIO, true, true, true, 502),
                Arguments.of(new ModelException("x"), ErrorCategory.MODEL, false, true, true, 503),
                Arguments.of(new StreamInterruptedException("x"), ErrorCategory.STREAM, false, false, true, 502),
                Arguments.of(new CancelledException("x"), ErrorCategory.CANCELLED, false, false, false, 499),
                Arguments.of(new AllProvidersFailedException("x", List.of()), ErrorCategory.EXHAUSTED, false, false, false, 503));
    }

    @ParameterizedTest
    @MethodSource("table")
    void eachSubtypeCarriesItsRoutingMeaning(TtsException e, ErrorCategory category, boolean retryable, boolean failover,
                                              boolean breaker, int status) {
        assertEquals(category, e.category());
        assertEquals(retryable, e.retryable(), "retryable");
        assertEquals(failover, e.failover(), "failover");
        assertEquals(breaker, e.countsAgainstBreaker(), "counts against breaker");
        assertEquals(status, e.httpStatus(), "http status");
        assertTrue(e instanceof RuntimeException, "unchecked");
    }

    @Test
    void providerAndRequestIdAreCarried() {
        TtsException e = new ProviderUnavailableException("elevenlabs", "HTTP 503", "req-42", null);
        assertEquals(Optional.of("elevenlabs"), e.provider());
        assertEquals(Optional.of("req-42"), e.requestId());
        assertTrue(e.toString().contains("elevenlabs") && e.toString().contains("req-42"));
        assertEquals(Optional.empty(), new ValidationException("x").provider());
    }

    @Test
    void rateLimitKeepsRetryAfterAndRejectsNegative() {
        RateLimitException e = new RateLimitException("p", "429", null, null, Duration.ofSeconds(7), false);
        assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
        assertFalse(e.concurrencyLimit());
        assertThrows(IllegalArgumentException.class,
                () -> new RateLimitException("p", "429", null, null, Duration.ofSeconds(-1), false));
    }

    @Test
    void exhaustedKeepsEveryAttemptAndReportsTheWorstStatus() {
        TtsException a = new AuthenticationException("a", "401", null, null);
        TtsException b = new TtsTimeoutException("b", "deadline", null, null);
        TtsException c = new UnsupportedRequestException("c", "format", null, null);
        AllProvidersFailedException e = new AllProvidersFailedException("all failed", List.of(a, b, c));
        assertEquals(List.of(a, b, c), e.attempts());
        assertEquals(3, e.getSuppressed().length);
        assertSame(a, e.getSuppressed()[0]);
        assertEquals(504, e.httpStatus());
        assertEquals(422, new AllProvidersFailedException("x", List.of(c)).httpStatus());
        assertEquals(503, new AllProvidersFailedException("x", List.of(new CancelledException("x"))).httpStatus());
    }
}
