package dev.ttskit.elevenlabs;

import dev.ttskit.AuthenticationException;
import dev.ttskit.ErrorCategory;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.QuotaExceededException;
import dev.ttskit.RateLimitException;
import dev.ttskit.TtsException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error example of the spec (section 10.4) mapped as section 10.3 says. */
class ErrorMappingTest extends ElevenLabsTestSupport {

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("E9", 401, "{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key\"}}",
                        AuthenticationException.class, "invalid_api_key"),
                Arguments.of("E10", 401, "{\"detail\":{\"status\":\"quota_exceeded\",\"message\":\"This request exceeds your quota of 10000. "
                        + "You have 0 credits remaining, while 91 credits are required for this request.\"}}", QuotaExceededException.class, "quota_exceeded"),
                Arguments.of("E11", 402, "{\"detail\":{\"type\":\"payment_required\",\"code\":\"insufficient_credits\",\"message\":\"You do not "
                        + "have enough credits to complete this request.\",\"status\":\"insufficient_credits\",\"request_id\":"
                        + "\"5d1f0c3b9e2a4c7d8e9f00112233aabb\",\"param\":null}}", QuotaExceededException.class, "insufficient_credits"),
                Arguments.of("E12", 422, "{\"detail\":[{\"type\":\"float_type\",\"loc\":[\"body\",\"voice_settings\",\"stability\"],\"msg\":"
                        + "\"Input should be a valid number\",\"input\":null},{\"type\":\"float_type\",\"loc\":[\"body\",\"voice_settings\","
                        + "\"style\"],\"msg\":\"Input should be a valid number\",\"input\":null},{\"type\":\"float_type\",\"loc\":[\"body\","
                        + "\"voice_settings\",\"speed\"],\"msg\":\"Input should be a valid number\",\"input\":null}]}", ValidationException.class, null),
                Arguments.of("E13", 404, "{\"detail\":{\"status\":\"voice_not_found\",\"message\":\"A voice with the voice_id foo was not found.\"}}",
                        UnsupportedRequestException.class, "voice_not_found"),
                Arguments.of("E14", 400, "{\"detail\":{\"status\":\"voice_not_found\",\"message\":\"A voice for the voice_id 876MHA6EtWKaHTEGz "
                        + "was not found.\"}}", UnsupportedRequestException.class, "voice_not_found"),
                Arguments.of("E15", 400, "{\"detail\":{\"status\":\"max_character_limit_exceeded\",\"message\":\"This request's text has 627 "
                        + "characters and exceeds the character limit of 333 characters for non signed in accounts.\"}}",
                        UnsupportedRequestException.class, "max_character_limit_exceeded"),
                Arguments.of("E16", 429, "{\"detail\":{\"status\":\"too_many_concurrent_requests\",\"message\":\"Too many concurrent requests. "
                        + "Your current subscription is associated with a maximum of 2 concurrent requests (running in parallel).\"}}",
                        RateLimitException.class, "too_many_concurrent_requests"),
                Arguments.of("E17", 429, "{\"detail\":{\"status\":\"system_busy\",\"message\":\"We are sorry, the system is experiencing heavy "
                        + "traffic, please try again. Higher subscriptions have higher priority.\"}}", RateLimitException.class, "system_busy"),
                Arguments.of("E18", 429, "{\"detail\":{\"type\":\"rate_limit_error\",\"code\":\"rate_limit_exceeded\",\"message\":\"Rate limit "
                        + "exceeded. Please slow down.\",\"status\":\"rate_limit_exceeded\",\"request_id\":\"0a1b2c3d4e5f60718293a4b5c6d7e8f9\","
                        + "\"param\":null}}", RateLimitException.class, "rate_limit_exceeded"),
                Arguments.of("E19", 500, "{\"status\":\"internal_server_error\",\"message\":\"Internal Server error. All such crashes are "
                        + "reported to us automatically.\"}", ProviderUnavailableException.class, "internal_server_error"),
                Arguments.of("E20", 401, "{\"detail\":{\"status\":\"needs_authorization\",\"message\":\"Neither authorization header nor "
                        + "xi-api-key received, please provide one.\"}}", AuthenticationException.class, "needs_authorization"),
                Arguments.of("E21", 400, "{\"detail\":{\"type\":\"validation_error\",\"code\":\"invalid_parameters\",\"message\":\"The "
                        + "'keyterms' parameter is only supported with the 'scribe_v2' model.\",\"status\":\"invalid_parameters\","
                        + "\"request_id\":\"3c807fc4c3a1705f9638ecc764a91c01\",\"param\":\"keyterms\"}}", ValidationException.class, "invalid_parameters"),
                Arguments.of("S5", 400, "{\"detail\":\"some string\"}", ValidationException.class, null),
                Arguments.of("403 tier", 403, "{\"detail\":{\"status\":\"feature_not_available\",\"message\":\"Needs Pro.\"}}",
                        UnsupportedRequestException.class, "feature_not_available"),
                Arguments.of("403 no code", 403, "{\"detail\":{\"message\":\"Forbidden.\"}}", AuthenticationException.class, null),
                Arguments.of("409", 409, "{}", ValidationException.class, null),
                Arguments.of("code wins", 400, "{\"detail\":{\"code\":\"service_unavailable\",\"status\":\"bad_request\"}}",
                        ProviderUnavailableException.class, "service_unavailable"),
                Arguments.of("503 maintenance", 503, "{\"detail\":{\"status\":\"maintenance\",\"message\":\"Back soon.\"}}",
                        ProviderUnavailableException.class, "maintenance"),
                Arguments.of("malformed json", 400, "{\"detail\":{\"status\":", ValidationException.class, null),
                Arguments.of("unknown 418", 418, "", ProviderUnavailableException.class, null),
                Arguments.of("E22", 502, "<html><head><title>502 Server Error</title></head><body>Server Error</body></html>",
                        ProviderUnavailableException.class, null),
                Arguments.of("E23", 503, "", ProviderUnavailableException.class, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void mapsEveryExample(String id, int status, String body, Class<? extends TtsException> expected, String errorCode) {
        server.enqueue(id.equals("E22") ? new MockResponse.Builder().code(status).addHeader("Content-Type", "text/html").body(body).build()
                : id.equals("E23") ? new MockResponse.Builder().code(status).body(body).build()
                : json(status, body));
        TtsException e = assertThrows(TtsException.class, () -> provider.synthesize(request(TEXT, AudioFormat.MP3_44K_128), ctx()));
        assertInstanceOf(expected, e, id + ": " + e);
        assertEquals(status, e.providerStatus().orElseThrow(), id);
        assertEquals(Optional.ofNullable(errorCode), e.errorCode(), id);
        assertEquals("elevenlabs", e.provider().orElseThrow());
        assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
        assertFalse(e.getMessage().contains(TEXT));
        assertFalse(e.getMessage().contains(KEY));
    }

    /** 402, 404 and 429 as a proxy or an older API version sends them: no code, so the status decides. */
    static Stream<Arguments> statusOnly() {
        return Stream.of(
                Arguments.of(402, "", null, ErrorCategory.QUOTA),
                Arguments.of(402, "{\"detail\":{\"message\":\"Payment required.\"}}", "application/json", ErrorCategory.QUOTA),
                Arguments.of(402, "payment required", "text/plain", ErrorCategory.QUOTA),
                Arguments.of(404, "", null, ErrorCategory.UNSUPPORTED),
                Arguments.of(404, "{\"detail\":\"Not Found\"}", "application/json", ErrorCategory.UNSUPPORTED),
                Arguments.of(404, "<html><body>404 Not Found</body></html>", "text/html", ErrorCategory.UNSUPPORTED),
                Arguments.of(429, "", null, ErrorCategory.RATE_LIMIT),
                Arguments.of(429, "{\"detail\":{\"message\":\"Slow down.\"}}", "application/json", ErrorCategory.RATE_LIMIT),
                Arguments.of(429, "{\"message\":\"Too Many Requests\"}", "application/json", ErrorCategory.RATE_LIMIT));
    }

    @ParameterizedTest(name = "{0} {2}: {1}")
    @MethodSource("statusOnly")
    void statusesWithoutAnErrorCodeMapByTheStatus(int status, String body, String contentType, ErrorCategory expected) {
        MockResponse.Builder answer = new MockResponse.Builder().code(status).body(body).addHeader("Retry-After", "7");
        if (contentType != null) answer.addHeader("Content-Type", contentType);
        server.enqueue(answer.build());
        TtsException e = assertThrows(TtsException.class, () -> provider.synthesize(request(TEXT, AudioFormat.MP3_44K_128), ctx()));
        assertEquals(expected, e.category(), e.toString());
        assertEquals(Optional.empty(), e.errorCode());
        assertEquals(status, e.providerStatus().orElseThrow());
        assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
        assertEquals("elevenlabs", e.provider().orElseThrow());
        switch (expected) {
            case QUOTA -> {
                assertInstanceOf(QuotaExceededException.class, e);
                assertFalse(e.retryable(), "credits do not come back by retrying");
            }
            case UNSUPPORTED -> {
                assertInstanceOf(UnsupportedRequestException.class, e);
                assertFalse(e.retryable());
                assertFalse(e.countsAgainstBreaker(), "a missing voice or model is not an outage");
            }
            case RATE_LIMIT -> {
                RateLimitException r = assertInstanceOf(RateLimitException.class, e);
                assertFalse(r.concurrencyLimit(), "without the concurrency code it is a rate limit, not a queue");
                assertTrue(r.retryable());
            }
            default -> throw new AssertionError(expected);
        }
    }

    @Test
    void quotaOn401IsNotAuth() {
        server.enqueue(json(401, "{\"detail\":{\"status\":\"quota_exceeded\",\"message\":\"This request exceeds your quota.\"}}"));
        TtsException e = assertThrows(TtsException.class, () -> provider.synthesize(request(TEXT, AudioFormat.MP3_44K_128), ctx()));
        assertEquals(ErrorCategory.QUOTA, e.category());
        assertTrue(e.getMessage().contains("quota_exceeded"));
    }

    @Test
    void concurrencyLimitDoesNotCountAgainstTheBreakerButBusyDoes() {
        server.enqueue(json(429, "{\"detail\":{\"status\":\"too_many_concurrent_requests\",\"message\":\"Too many.\"}}"));
        server.enqueue(json(429, "{\"detail\":{\"code\":\"concurrent_limit_exceeded\",\"message\":\"Too many.\"}}"));
        server.enqueue(json(429, "{\"detail\":{\"status\":\"system_busy\",\"message\":\"Busy.\"}}"));

        RateLimitException legacy = rateLimit();
        RateLimitException current = rateLimit();
        RateLimitException busy = rateLimit();

        assertTrue(legacy.concurrencyLimit());
        assertFalse(legacy.countsAgainstBreaker());
        assertTrue(current.concurrencyLimit());
        assertFalse(busy.concurrencyLimit());
        assertTrue(busy.countsAgainstBreaker());
        assertTrue(busy.retryable());
    }

    @Test
    void retryAfterSecondsAndDatesAreRead() {
        server.enqueue(new MockResponse.Builder(json(429, "{\"detail\":{\"code\":\"rate_limit_exceeded\"}}"))
                .addHeader("Retry-After", "2").build());
        assertEquals(Duration.ofSeconds(2), rateLimit().retryAfter().orElseThrow());

        // An HTTP date is read against the context's clock, not the wall clock.
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        server.enqueue(new MockResponse.Builder(json(429, "{\"detail\":{\"status\":\"system_busy\"}}"))
                .addHeader("Retry-After", "Thu, 01 Jan 2026 00:00:07 GMT").build());
        CallContext fixed = CallContext.of(Duration.ofSeconds(10), Clock.fixed(now, ZoneOffset.UTC), new CancellationToken(), resources);
        RateLimitException e = assertThrows(RateLimitException.class,
                () -> provider.synthesize(request(TEXT, AudioFormat.MP3_44K_128), fixed));
        assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
    }

    @Test
    void retryAfterIsKeptOnAnyStatusThatSendsIt() {
        server.enqueue(new MockResponse.Builder(json(503, "{\"detail\":{\"status\":\"maintenance\"}}"))
                .addHeader("Retry-After", "120").build());
        TtsException e = failure();
        assertInstanceOf(ProviderUnavailableException.class, e);
        assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
        assertEquals("maintenance", e.errorCode().orElseThrow());
    }

    @Test
    void requestIdComesFromTheBodyThenTheHeaderThenTheTraceId() {
        server.enqueue(new MockResponse.Builder(json(402, "{\"detail\":{\"code\":\"insufficient_credits\",\"request_id\":\"body-id\"}}"))
                .addHeader("request-id", "header-id").build());
        server.enqueue(new MockResponse.Builder(json(401, "{\"detail\":{\"status\":\"invalid_api_key\"}}"))
                .addHeader("request-id", "header-id").addHeader("x-trace-id", "trace").build());
        server.enqueue(new MockResponse.Builder(json(500, "{}")).addHeader("x-trace-id", "81c934e9088a68bd7f3caba1efe476d6").build());

        assertEquals("body-id", failure().requestId().orElseThrow());
        assertEquals("header-id", failure().requestId().orElseThrow());
        assertEquals("81c934e9088a68bd7f3caba1efe476d6", failure().requestId().orElseThrow());
    }

    @Test
    void nonJsonBodiesFallBackToTheStatus() {
        server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
                .body("<html><head><title>502 Server Error</title></head><body>Server Error</body></html>").build());
        server.enqueue(new MockResponse.Builder().code(503).body("").build());
        server.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "text/plain").body("nope").build());

        assertInstanceOf(ProviderUnavailableException.class, failure());
        assertInstanceOf(ProviderUnavailableException.class, failure());
        assertInstanceOf(AuthenticationException.class, failure());
    }

    @Test
    void providerMessagesAreTruncatedAndNeverEchoTheKey() {
        String longMessage = "x".repeat(1000) + KEY;
        server.enqueue(json(400, "{\"detail\":{\"status\":\"invalid_text\",\"message\":\"" + KEY + " " + longMessage + "\"}}"));
        TtsException e = failure();
        assertInstanceOf(ValidationException.class, e);
        assertFalse(e.getMessage().contains(KEY));
        assertFalse(e.toString().contains(KEY));
        assertTrue(e.getMessage().length() < 420, "length " + e.getMessage().length());
    }

    @Test
    void validationArrayMessageNamesTheFieldsButNotTheInput() {
        server.enqueue(json(422, "{\"detail\":[{\"loc\":[\"body\",\"text\",0],\"msg\":\"too odd\",\"input\":\"" + TEXT + "\"}]}"));
        TtsException e = failure();
        assertInstanceOf(ValidationException.class, e);
        assertTrue(e.getMessage().contains("body.text.0: too odd"), e.getMessage());
        assertFalse(e.getMessage().contains(TEXT));
    }

    @Test
    void redirectsAreNotFollowedAndTheKeyGoesNowhereElse() throws Exception {
        try (MockWebServer elsewhere = new MockWebServer()) {
            elsewhere.start(InetAddress.getLoopbackAddress(), 0);
            server.enqueue(new MockResponse.Builder().code(302)
                    .addHeader("Location", elsewhere.url("/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb").toString()).build());
            server.enqueue(new MockResponse.Builder().code(307)
                    .addHeader("Location", elsewhere.url("/steal").toString()).build());

            assertInstanceOf(ProviderUnavailableException.class, failure());
            assertThrows(ProviderUnavailableException.class, () -> provider.stream(request(TEXT, AudioFormat.MP3_44K_128), ctx()));
            assertEquals(0, elsewhere.getRequestCount());
            assertEquals(2, server.getRequestCount());
        }
    }

    @Test
    void errorsBeforeTheStreamStartsAreThrownByStream() {
        server.enqueue(json(401, "{\"detail\":{\"status\":\"quota_exceeded\"}}"));
        assertThrows(QuotaExceededException.class, () -> provider.stream(request(TEXT, AudioFormat.MP3_44K_128), ctx()));
    }

    private RateLimitException rateLimit() {
        return assertThrows(RateLimitException.class, () -> provider.synthesize(request(TEXT, AudioFormat.MP3_44K_128), ctx()));
    }

    private TtsException failure() {
        return assertThrows(TtsException.class, () -> provider.synthesize(request(TEXT, AudioFormat.MP3_44K_128), ctx()));
    }
}
