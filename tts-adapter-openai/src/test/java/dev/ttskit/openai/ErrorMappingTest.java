package dev.ttskit.openai;

import dev.ttskit.AuthenticationException;
import dev.ttskit.ErrorCategory;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.QuotaExceededException;
import dev.ttskit.RateLimitException;
import dev.ttskit.TtsException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import mockwebserver3.MockResponse;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error shape of the spec (sections 7.4 and 11) mapped to ttskit's taxonomy, with status, code and waits. */
class ErrorMappingTest extends OpenAiTestSupport {
    static final String E2 = "{\"error\":{\"message\":\"Incorrect API key provided: sk-VKMIs***************************************wjh3. "
            + "You can find your API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\","
            + "\"param\":null,\"code\":\"invalid_api_key\"}}";
    static final String E3 = "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and billing details. "
            + "For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.\","
            + "\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}";
    static final String E3B = E3.replace("\"code\":\"insufficient_quota\"", "\"code\":null");
    static final String E4 = "{\"error\":{\"message\":\"Rate limit reached for tts-1 in organization org-xxx on requests per min (RPM): "
            + "Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.\","
            + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
    static final String E5 = "{\"error\":{\"message\":\"The engine is currently overloaded, please try again later\",\"type\":\"server_error\","
            + "\"param\":null,\"code\":null}}";
    static final String E6 = "{\"error\":{\"message\":\"[{'type': 'string_too_short', 'loc': ('body', 'input'), 'msg': 'String should have "
            + "at least 1 character', 'input': '', 'ctx': {'min_length': 1}}, {'type': 'enum', 'loc': ('body', 'voice'), 'msg': \\\"Input "
            + "should be 'nova', 'shimmer', 'echo', 'onyx', 'fable' or 'alloy'\\\", 'input': '', 'ctx': {'expected': \\\"'nova', 'shimmer', "
            + "'echo', 'onyx', 'fable' or 'alloy'\\\"}}]\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}";

    private TtsException fail(MockResponse response) {
        server.enqueue(response);
        return assertThrows(TtsException.class, () -> provider.synthesize(request(TEXT, AudioFormat.PCM16_24K), ctx()));
    }

    @Test
    void e2BadKeyIsAuthWithoutTheKeyInTheMessage() {
        TtsException e = fail(json(401, E2));
        assertInstanceOf(AuthenticationException.class, e);
        assertEquals(OptionalInt.of(401), e.providerStatus());
        assertEquals(Optional.of("invalid_api_key"), e.errorCode());
        assertEquals(Optional.of("req_err_1"), e.requestId());
        assertEquals(Optional.of("openai"), e.provider());
        assertFalse(e.getMessage().contains("sk-VKMIs"), e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void e3AndE3bAreQuotaNotRateLimit() {
        TtsException e = fail(json(429, E3));
        assertInstanceOf(QuotaExceededException.class, e);
        assertEquals(Optional.of("insufficient_quota"), e.errorCode());
        assertEquals(OptionalInt.of(429), e.providerStatus());
        assertInstanceOf(QuotaExceededException.class, fail(json(429, E3B)), "the type names the quota when the code is null");
        assertInstanceOf(QuotaExceededException.class, fail(json(429,
                "{\"error\":{\"message\":\"Billing hard limit\",\"type\":\"x\",\"code\":\"project_spend_limit_exceeded\"}}")));
        assertInstanceOf(QuotaExceededException.class, fail(json(429,
                "{\"error\":{\"message\":\"Your credit balance is too low\",\"code\":\"credit_balance_exhausted\"}}")));
    }

    @Test
    void e4RateLimitCarriesRetryAfter() {
        TtsException e = fail(json(429, E4).newBuilder().addHeader("retry-after", "20").build());
        RateLimitException r = assertInstanceOf(RateLimitException.class, e);
        assertEquals(Optional.of(Duration.ofSeconds(20)), r.retryAfter());
        assertEquals(Optional.of("rate_limit_exceeded"), r.errorCode());
        assertFalse(r.concurrencyLimit());
        assertTrue(r.retryable());
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        TtsException e = fail(json(429, E4).newBuilder().addHeader("retry-after", "20").addHeader("retry-after-ms", "1500").build());
        assertEquals(Optional.of(Duration.ofMillis(1500)), e.retryAfter());
    }

    @Test
    void theRequestResetIsTheWaitWhenNoRetryAfterCame() {
        TtsException e = fail(json(429, E4).newBuilder().addHeader("x-ratelimit-reset-requests", "6m0s")
                .addHeader("x-ratelimit-reset-tokens", "1s").build());
        assertEquals(Optional.of(Duration.ofMinutes(6)), e.retryAfter());
        TtsException ms = fail(json(429, E4).newBuilder().addHeader("x-ratelimit-reset-requests", "120ms").build());
        assertEquals(Optional.of(Duration.ofMillis(120)), ms.retryAfter());
        TtsException none = fail(json(429, E4));
        assertEquals(Optional.empty(), none.retryAfter(), "no header, no invented wait");
    }

    @Test
    void e5OverloadedIsUnavailable() {
        TtsException e = fail(json(503, E5));
        assertInstanceOf(ProviderUnavailableException.class, e);
        assertEquals(OptionalInt.of(503), e.providerStatus());
        assertEquals(Optional.of("server_error"), e.errorCode(), "the type stands in for a null code");
        assertTrue(e.retryable());
    }

    @Test
    void slowDownIsThrottling() {
        TtsException e = fail(json(503, "{\"error\":{\"message\":\"Slow Down\",\"type\":\"server_error\",\"code\":null}}"));
        assertEquals(ErrorCategory.RATE_LIMIT, e.category());
        assertTrue(e.countsAgainstBreaker());
    }

    @Test
    void e6ValidationListIsValidationAndDoesNotEchoTheInput() {
        TtsException e = fail(json(400, E6));
        assertInstanceOf(ValidationException.class, e);
        assertFalse(e.getMessage().contains("'input': ''"), e.getMessage());
    }

    @Test
    void e7HtmlFromTheEdgeIsUnavailable() {
        TtsException e = fail(new MockResponse.Builder().code(502).headers(Headers.of("Content-Type", "text/html"))
                .body("<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>").build());
        assertInstanceOf(ProviderUnavailableException.class, e);
        assertEquals(OptionalInt.of(502), e.providerStatus());
        assertEquals(Optional.empty(), e.errorCode());
    }

    @Test
    void shouldRetryFalseOnA500MeansNoRetry() {
        TtsException e = fail(json(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}")
                .newBuilder().addHeader("x-should-retry", "false").build());
        assertInstanceOf(ProviderUnavailableException.class, e);
        assertFalse(e.retryable());
        assertTrue(e.failover());
    }

    @Test
    void voiceOrModelProblemsFailOver() {
        assertInstanceOf(UnsupportedRequestException.class, fail(json(400,
                "{\"error\":{\"message\":\"Voice ballad is not available for tts-1\",\"type\":\"invalid_request_error\",\"param\":\"voice\"}}")));
        assertInstanceOf(UnsupportedRequestException.class, fail(json(400,
                "{\"error\":{\"message\":\"too long\",\"type\":\"invalid_request_error\",\"param\":\"input\",\"code\":\"string_above_max_length\"}}")));
        assertInstanceOf(UnsupportedRequestException.class, fail(json(404,
                "{\"error\":{\"message\":\"The model `tts-9` does not exist\",\"type\":\"invalid_request_error\"}}")));
        assertInstanceOf(AuthenticationException.class, fail(json(403,
                "{\"error\":{\"message\":\"Country, region, or territory not supported\",\"type\":\"request_forbidden\"}}")));
        assertInstanceOf(ValidationException.class, fail(json(400,
                "{\"error\":{\"message\":\"blocked\",\"type\":\"invalid_request_error\",\"code\":\"content_policy_violation\"}}")));
    }

    @Test
    void compatibleServersOwnShapes() {
        // Kokoro-FastAPI: {"detail":{...}}
        TtsException kokoro = fail(json(400, "{\"detail\":{\"error\":\"validation_error\",\"message\":\"Voice 'x' not found. "
                + "Available voices: af_heart\",\"type\":\"invalid_request_error\"}}"));
        assertInstanceOf(UnsupportedRequestException.class, kokoro);
        assertEquals(Optional.of("validation_error"), kokoro.errorCode());
        // openedai-speech: a flat body with a numeric code
        TtsException openedai = fail(json(400, "{\"message\":\"Error loading voice: halo, KeyError: 'halo'\",\"code\":400,"
                + "\"type\":\"BadRequestError\",\"param\":\"voice\"}"));
        assertInstanceOf(UnsupportedRequestException.class, openedai);
        assertEquals(Optional.of("BadRequestError"), openedai.errorCode());
        // FastAPI validation: {"detail":[...]} with 422
        TtsException fastApi = fail(json(422, "{\"detail\":[{\"type\":\"less_than_equal\",\"loc\":[\"body\",\"speed\"],"
                + "\"msg\":\"Input should be less than or equal to 4\",\"input\":\"" + TEXT + "\"}]}"));
        assertInstanceOf(ValidationException.class, fastApi);
        assertTrue(fastApi.getMessage().contains("body.speed"), fastApi.getMessage());
        assertFalse(fastApi.getMessage().contains(TEXT), "the echoed input is never read");
        // Kokoro's processing_error
        assertInstanceOf(ProviderUnavailableException.class, fail(json(500,
                "{\"detail\":{\"error\":\"processing_error\",\"message\":\"boom\",\"type\":\"server_error\"}}")));
    }

    @Test
    void messagesNeverCarryTheTextTheKeyOrControlCharacters() {
        TtsException e = fail(json(400, "{\"error\":{\"message\":\"Bad input: " + TEXT + " with key " + KEY + "\\u0007\",\"type\":\"x\"}}"));
        assertFalse(e.getMessage().contains(TEXT), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        assertFalse(e.getMessage().contains("\u0007"));
        TtsException longOne = fail(json(500, "{\"error\":{\"message\":\"" + "x".repeat(5000) + "\"}}"));
        assertTrue(longOne.getMessage().length() < 500, "long messages are cut");
    }

    @Test
    void malformedJsonMapsByStatus() {
        TtsException e = fail(json(429, "{\"error\": {"));
        assertInstanceOf(RateLimitException.class, e);
        assertEquals(Optional.empty(), e.errorCode());
        assertInstanceOf(ProviderUnavailableException.class, fail(json(408, "")));
    }
}
