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
                Arguments.of(ValidationException.builder("x").build(), ErrorCategory.VALIDATION, false, false, false, 400),
                Arguments.of(UnsupportedRequestException.builder("x").build(), ErrorCategory.UNSUPPORTED, false, true, false, 422),
                Arguments.of(AuthenticationException.builder("x").build(), ErrorCategory.AUTH, false, true, true, 502),
                Arguments.of(QuotaExceededException.builder("x").build(), ErrorCategory.QUOTA, false, true, true, 502),
                Arguments.of(RateLimitException.builder("x").build(), ErrorCategory.RATE_LIMIT, true, true, true, 503),
                Arguments.of(RateLimitException.builder("x")
                        .provider("p").retryAfter(Duration.ofSeconds(2)).concurrencyLimit(true).build(), ErrorCategory.RATE_LIMIT, true, true, false, 503),
                Arguments.of(ProviderUnavailableException.builder("x").build(), ErrorCategory.UNAVAILABLE, true, true, true, 503),
                Arguments.of(TtsTimeoutException.builder("x").build(), ErrorCategory.TIMEOUT, false, true, true, 504),
                Arguments.of(AudioFormatException.builder("x").build(), ErrorCategory.BAD_AUDIO, true, true, true, 502),
                Arguments.of(ModelException.builder("x").build(), ErrorCategory.MODEL, false, true, true, 503),
                Arguments.of(StreamInterruptedException.builder("x").build(), ErrorCategory.STREAM, false, false, true, 502),
                Arguments.of(CancelledException.builder("x").build(), ErrorCategory.CANCELLED, false, false, false, 499),
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
        TtsException e = ProviderUnavailableException.builder("HTTP 503")
                .provider("elevenlabs").requestId("req-42").build();
        assertEquals(Optional.of("elevenlabs"), e.provider());
        assertEquals(Optional.of("req-42"), e.requestId());
        assertTrue(e.toString().contains("elevenlabs") && e.toString().contains("req-42"));
        assertEquals(Optional.empty(), ValidationException.builder("x").build().provider());
    }

    @Test
    void rateLimitKeepsRetryAfterAndRejectsNegative() {
        RateLimitException e = RateLimitException.builder("429").provider("p").retryAfter(Duration.ofSeconds(7)).build();
        assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
        assertFalse(e.concurrencyLimit());
        assertThrows(IllegalArgumentException.class,
                () -> RateLimitException.builder("429").provider("p").retryAfter(Duration.ofSeconds(-1)).build());
    }

    @Test
    void exhaustedKeepsEveryAttemptAndReportsTheWorstStatus() {
        TtsException a = AuthenticationException.builder("401").provider("a").build();
        TtsException b = TtsTimeoutException.builder("deadline").provider("b").build();
        TtsException c = UnsupportedRequestException.builder("format").provider("c").build();
        AllProvidersFailedException e = new AllProvidersFailedException("all failed", List.of(a, b, c));
        assertEquals(List.of(a, b, c), e.attempts());
        assertEquals(3, e.getSuppressed().length);
        assertSame(a, e.getSuppressed()[0]);
        assertEquals(504, e.httpStatus());
        assertEquals(422, new AllProvidersFailedException("x", List.of(c)).httpStatus());
        assertEquals(503, new AllProvidersFailedException("x", List.of(CancelledException.builder("x").build())).httpStatus());
    }
}
