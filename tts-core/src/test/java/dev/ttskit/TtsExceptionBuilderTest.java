package dev.ttskit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exception builders: category defaults, narrowing, the provider's facts and fail-fast setters. */
class TtsExceptionBuilderTest {

    private record Kind(Function<String, TtsException.Builder<? extends TtsException>> builder, Class<?> type,
                        ErrorCategory category) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind(AudioFormatException::builder, AudioFormatException.class, ErrorCategory.BAD_AUDIO),
            new Kind(AuthenticationException::builder, AuthenticationException.class, ErrorCategory.AUTH),
            new Kind(CancelledException::builder, CancelledException.class, ErrorCategory.CANCELLED),
            new Kind(ModelException::builder, ModelException.class, ErrorCategory.MODEL),
            new Kind(ProviderUnavailableException::builder, ProviderUnavailableException.class, ErrorCategory.UNAVAILABLE),
            new Kind(QuotaExceededException::builder, QuotaExceededException.class, ErrorCategory.QUOTA),
            new Kind(RateLimitException::builder, RateLimitException.class, ErrorCategory.RATE_LIMIT),
            new Kind(StreamInterruptedException::builder, StreamInterruptedException.class, ErrorCategory.STREAM),
            new Kind(TtsTimeoutException::builder, TtsTimeoutException.class, ErrorCategory.TIMEOUT),
            new Kind(UnsupportedRequestException::builder, UnsupportedRequestException.class, ErrorCategory.UNSUPPORTED),
            new Kind(ValidationException::builder, ValidationException.class, ErrorCategory.VALIDATION),
            new Kind(m -> TtsException.builder(ErrorCategory.EXHAUSTED, m), TtsException.class, ErrorCategory.EXHAUSTED));

    @Test
    void eachBuilderMakesItsOwnTypeWithTheCategorysDefaults() {
        for (Kind kind : KINDS) {
            TtsException e = kind.builder().apply("went wrong").build();
            assertSame(kind.type(), e.getClass());
            assertEquals(kind.category(), e.category());
            assertEquals(kind.category().retryable(), e.retryable(), kind.type().getSimpleName());
            assertEquals(kind.category().countsAgainstBreaker(), e.countsAgainstBreaker(), kind.type().getSimpleName());
            assertEquals(kind.category().httpStatus(), e.httpStatus());
            assertEquals("went wrong", e.getMessage());
            assertEquals(Optional.empty(), e.provider());
            assertEquals(Optional.empty(), e.requestId());
            assertTrue(e.providerStatus().isEmpty());
            assertEquals(Optional.empty(), e.errorCode());
            assertEquals(Optional.empty(), e.retryAfter());
        }
    }

    @Test
    void everyNamedSetterLands() {
        IOException cause = new IOException("reset");
        TtsException e = QuotaExceededException.builder("quota exceeded").provider("elevenlabs").requestId("r-1")
                .cause(cause).providerStatus(401).errorCode("quota_exceeded").retryAfter(Duration.ofSeconds(30)).build();
        assertEquals("elevenlabs", e.provider().orElseThrow());
        assertEquals("r-1", e.requestId().orElseThrow());
        assertSame(cause, e.getCause());
        assertEquals(401, e.providerStatus().getAsInt());
        assertEquals(502, e.httpStatus(), "the status for the application's own client is the category's");
        assertEquals("quota_exceeded", e.errorCode().orElseThrow());
        assertEquals(Duration.ofSeconds(30), e.retryAfter().orElseThrow());
        assertTrue(e.toString().contains("providerStatus=401"), e.toString());
        assertTrue(e.toString().contains("errorCode=quota_exceeded"), e.toString());
    }

    @Test
    void retryableNarrowsTheCategoryWithoutChangingIt() {
        TtsException e = AudioFormatException.builder("billed prediction returned bad audio").retryable(false).build();
        assertEquals(ErrorCategory.BAD_AUDIO, e.category());
        assertTrue(ErrorCategory.BAD_AUDIO.retryable());
        assertFalse(e.retryable());
        assertTrue(e.failover(), "narrowing the retry leaves failover to the category");
    }

    @Test
    void aConcurrencyLimitDoesNotCountAgainstTheBreakerButARateLimitDoes() {
        RateLimitException slots = RateLimitException.builder("too many concurrent").concurrencyLimit(true)
                .retryAfter(Duration.ofSeconds(1)).build();
        RateLimitException rate = RateLimitException.builder("slow down").build();
        assertTrue(slots.concurrencyLimit());
        assertFalse(slots.countsAgainstBreaker());
        assertTrue(slots.retryable());
        assertFalse(rate.concurrencyLimit());
        assertTrue(rate.countsAgainstBreaker());
        // Code that read RateLimitException.retryAfter() keeps working: the accessor lives on TtsException.
        TtsException asBase = slots;
        assertEquals(Duration.ofSeconds(1), asBase.retryAfter().orElseThrow());
        RateLimitException reset = RateLimitException.builder("x").concurrencyLimit(true).concurrencyLimit(false).build();
        assertTrue(reset.countsAgainstBreaker(), "the last call decides");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 99, 600, 1000})
    void aStatusOutsideHttpIsRejectedWithTheValue(int status) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProviderUnavailableException.builder("x").providerStatus(status));
        assertTrue(e.getMessage().contains("providerStatus") && e.getMessage().contains(String.valueOf(status)), e.getMessage());
    }

    @Test
    void aNegativeRetryAfterIsRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RateLimitException.builder("x").retryAfter(Duration.ofSeconds(-5)));
        assertTrue(e.getMessage().contains("retryAfter") && e.getMessage().contains("PT-5S"), e.getMessage());
        assertEquals(Duration.ZERO, RateLimitException.builder("x").retryAfter(Duration.ZERO).build().retryAfter().orElseThrow());
    }

    @Test
    void aMissingMessageOrCategoryIsRejectedByName() {
        NullPointerException m = assertThrows(NullPointerException.class, () -> ValidationException.builder(null));
        assertTrue(m.getMessage().contains("message"), m.getMessage());
        NullPointerException c = assertThrows(NullPointerException.class, () -> TtsException.builder(null, "x"));
        assertTrue(c.getMessage().contains("category"), c.getMessage());
    }

    @Test
    void theBoundaryStatusesAreAccepted() {
        assertEquals(100, ProviderUnavailableException.builder("x").providerStatus(100).build().providerStatus().getAsInt());
        assertEquals(599, ProviderUnavailableException.builder("x").providerStatus(599).build().providerStatus().getAsInt());
        assertInstanceOf(TtsException.class, TtsException.builder(ErrorCategory.UNAVAILABLE, "x").build());
    }
}
