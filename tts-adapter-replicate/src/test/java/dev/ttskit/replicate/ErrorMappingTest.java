package dev.ttskit.replicate;

import dev.ttskit.AudioFormatException;
import dev.ttskit.AuthenticationException;
import dev.ttskit.CancelledException;
import dev.ttskit.ErrorCategory;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.QuotaExceededException;
import dev.ttskit.RateLimitException;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.replicate.internal.PredictionFailure;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.ttskit.replicate.Fixtures.audio;
import static dev.ttskit.replicate.Fixtures.json;
import static dev.ttskit.replicate.Fixtures.prediction;
import static dev.ttskit.replicate.Fixtures.quoted;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP errors (spec section 8.1) and every prediction ending (sections 3, 4.4, 10). */
class ErrorMappingTest extends ReplicateTestBase {
    private static final String CREATE = "/v1/predictions";
    private static final String MODEL = "lucataco/xtts-v2:684bc3855b37866c0c65add2ff39c78f3dea3f4ff103a436465326e0f438d55e";
    private static final String KOKORO = "jaaari/kokoro-82m:f559560eb822dc509045f3921a1921234918b91739db4bf3daab2169b71c7a13";

    private TtsException failure(MockResponse createAnswer) {
        routes.on("POST", CREATE, createAnswer);
        ReplicateProvider p = provider(KOKORO).build();
        return assertThrows(TtsException.class,
                () -> p.synthesize(request("Secret input text", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(30))));
    }

    private static MockResponse problem(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/problem+json").body(body).build();
    }

    static Stream<Arguments> problems() {
        String problemJson = "application/problem+json";
        return Stream.of(
                Arguments.of("401 bad token", 401, problemJson,
                        "{\"title\":\"Unauthenticated\",\"detail\":\"You did not pass a valid authentication token\",\"status\":401}",
                        AuthenticationException.class, null),
                Arguments.of("402 no credit", 402, problemJson, "{\"title\":\"Insufficient credit\",\"detail\":\"You have insufficient "
                        + "credit to run this model. Go to https://replicate.com/account/billing#billing to purchase credit. Once you "
                        + "purchase credit, please wait a few minutes before trying again.\",\"status\":402}", QuotaExceededException.class, null),
                Arguments.of("404 with status", 404, problemJson, "{\"detail\":\"The requested resource could not be found.\",\"status\":404}",
                        UnsupportedRequestException.class, null),
                Arguments.of("404 without status", 404, problemJson, "{\"detail\":\"The requested resource could not be found.\"}",
                        UnsupportedRequestException.class, null),
                Arguments.of("422 invalid version", 422, problemJson, "{\"title\":\"Invalid version or not permitted\",\"detail\":"
                        + "\"The specified version does not exist (or perhaps you don't have permission to use it?)\",\"status\":422}",
                        UnsupportedRequestException.class, null),
                Arguments.of("422 input validation", 422, problemJson, "{\"detail\":\"- input: prompt is required\\n- "
                        + "input.num_inference_steps: Must be less than or equal to 4\\n\",\"status\":422,\"title\":\"Input validation "
                        + "failed\",\"invalid_fields\":[{\"type\":\"required\",\"field\":\"input\",\"description\":\"prompt is required\"},"
                        + "{\"type\":\"number_lte\",\"field\":\"input.num_inference_steps\",\"description\":\"Must be less than or "
                        + "equal to 4\"}]}", ValidationException.class, null),
                Arguments.of("429 resets in", 429, problemJson, "{\"detail\":\"Request was throttled. Your rate limit resets in ~30s.\"}",
                        RateLimitException.class, null),
                Arguments.of("429 available in", 429, problemJson, "{\"detail\":\"Request was throttled. Expected available in 1 second.\"}",
                        RateLimitException.class, null),
                Arguments.of("500 problem", 500, problemJson, "{\"title\":\"Internal Server Error\",\"status\":500}",
                        ProviderUnavailableException.class, null),
                Arguments.of("503 html", 503, "text/html", "<html><body>Service Unavailable</body></html>",
                        ProviderUnavailableException.class, null),
                Arguments.of("502 empty", 502, "text/plain", "", ProviderUnavailableException.class, null),
                Arguments.of("type member", 402, problemJson, "{\"type\":\"https://replicate.com/docs/errors#insufficient-credit\","
                        + "\"title\":\"Insufficient credit\",\"status\":402}", QuotaExceededException.class,
                        "https://replicate.com/docs/errors#insufficient-credit"));
    }

    /** Every error body of spec section 8.1: the type, the provider's status and its error code. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void mapsEveryProblemShape(String name, int status, String contentType, String body,
                               Class<? extends TtsException> expected, String errorCode) {
        TtsException e = failure(new MockResponse.Builder().code(status).setHeader("Content-Type", contentType).body(body).build());
        assertInstanceOf(expected, e, name + ": " + e);
        assertEquals(status, e.providerStatus().orElseThrow(), name);
        assertEquals(Optional.ofNullable(errorCode), e.errorCode(), name);
        assertEquals("replicate", e.provider().orElseThrow());
        assertFalse(e.getMessage().contains("Secret input text"), e.getMessage());
        assertFalse(e.toString().contains(TOKEN), name);
    }

    @Test
    void retryAfterOnAServerErrorIsKept() {
        TtsException e = failure(new MockResponse.Builder().code(503).setHeader("Retry-After", "4").body("").build());
        assertInstanceOf(ProviderUnavailableException.class, e);
        assertEquals(Duration.ofSeconds(4), e.retryAfter().orElseThrow());
        assertEquals(503, e.providerStatus().orElseThrow());
    }

    @Test
    void unauthenticated() {
        TtsException e = failure(problem(401, "{\"title\":\"Unauthenticated\",\"detail\":\"You did not pass a valid authentication token\",\"status\":401}"));
        assertInstanceOf(AuthenticationException.class, e);
        assertEquals("replicate", e.provider().orElseThrow());
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @Test
    void insufficientCredit() {
        assertInstanceOf(QuotaExceededException.class, failure(problem(402,
                "{\"title\":\"Insufficient credit\",\"detail\":\"You have insufficient credit to run this model.\",\"status\":402}")));
    }

    @Test
    void notFoundOnCreateMeansTheModelIsUnsupported() {
        assertInstanceOf(UnsupportedRequestException.class, failure(problem(404, "{\"detail\":\"The requested resource could not be found.\"}")));
    }

    @Test
    void invalidVersionIsUnsupportedAndInputValidationIsValidation() {
        assertInstanceOf(UnsupportedRequestException.class, failure(problem(422,
                "{\"title\":\"Invalid version or not permitted\",\"detail\":\"The specified version does not exist\",\"status\":422}")));
        routes = new Routes();
        server.setDispatcher(routes);
        TtsException e = failure(problem(422, "{\"detail\":\"- input: prompt is required\\n\",\"status\":422,\"title\":\"Input validation failed\","
                + "\"invalid_fields\":[{\"type\":\"required\",\"field\":\"input\",\"description\":\"prompt is required\"},"
                + "{\"type\":\"number_lte\",\"field\":\"input.num_inference_steps\",\"description\":\"Must be less than or equal to 4\"}]}"));
        assertInstanceOf(ValidationException.class, e);
        assertTrue(e.getMessage().contains("input.num_inference_steps [number_lte]"), e.getMessage());
    }

    @Test
    void throttledWithRetryAfterHeader() {
        RateLimitException e = assertInstanceOf(RateLimitException.class, failure(new MockResponse.Builder().code(429)
                .setHeader("Retry-After", "3").body("{\"detail\":\"Request was throttled. Your rate limit resets in ~30s.\"}").build()));
        assertEquals(Duration.ofSeconds(3), e.retryAfter().orElseThrow());
    }

    @Test
    void throttledWithOnlyTheHintInTheDetail() {
        RateLimitException e = assertInstanceOf(RateLimitException.class,
                failure(problem(429, "{\"detail\":\"Request was throttled. Your rate limit resets in ~30s.\"}")));
        assertEquals(Duration.ofSeconds(30), e.retryAfter().orElseThrow());
        routes = new Routes();
        server.setDispatcher(routes);
        RateLimitException older = assertInstanceOf(RateLimitException.class,
                failure(problem(429, "{\"detail\":\"Request was throttled. Expected available in 1 second.\"}")));
        assertEquals(Duration.ofSeconds(1), older.retryAfter().orElseThrow());
        assertEquals(1, routes.count("POST", CREATE), "a create is never retried by the adapter");
    }

    @Test
    void serverErrorsWithHtmlBodies() {
        TtsException e = failure(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
                .body("<html><body>Bad gateway</body></html>").build());
        assertInstanceOf(ProviderUnavailableException.class, e);
        assertTrue(e.getMessage().contains("502"), e.getMessage());
    }

    @Test
    void malformedJsonOnSuccessIsUnavailable() {
        assertInstanceOf(ProviderUnavailableException.class, failure(json(201, "{\"id\": \"abc\", \"status\": ")));
        routes = new Routes();
        server.setDispatcher(routes);
        assertInstanceOf(ProviderUnavailableException.class, failure(json(201, "[]")));
    }

    @Test
    void failedPredictionKeepsTheModelErrorOutOfTheMessage() {
        String error = "ffmpeg: Invalid data found when processing input 'Secret input text' " + "x".repeat(500);
        String body = prediction("q8f2k1xw5drm80cpw83rcn3ej0", "failed", "null").replace("\"error\":null", "\"error\":\"" + error + "\"");
        TtsException e = failure(json(201, body));
        assertInstanceOf(ProviderUnavailableException.class, e);
        assertEquals(ErrorCategory.UNAVAILABLE, e.category());
        assertEquals("q8f2k1xw5drm80cpw83rcn3ej0", e.requestId().orElseThrow());
        assertFalse(e.getMessage().contains("Secret"), e.getMessage());
        PredictionFailure cause = assertInstanceOf(PredictionFailure.class, e.getCause());
        assertTrue(cause.getMessage().length() <= 303, "truncated: " + cause.getMessage().length());
    }

    @Test
    void canceledAndAbortedPredictionsAreTimeouts() {
        String canceled = "{\"id\":\"hdwst0bb05rgp0cf0p29mzk2am\",\"status\":\"canceled\",\"output\":null,\"logs\":null,\"error\":null,"
                + "\"completed_at\":\"2024-04-22T11:15:15.504128Z\",\"started_at\":\"2024-04-22T11:15:15.375980Z\","
                + "\"created_at\":\"2024-04-22T11:15:15.329000Z\",\"metrics\":{\"predict_time\":0.128148,\"total_time\":0.175128},\"webhook_completed\":null}";
        TtsException e = failure(json(201, canceled));
        assertInstanceOf(TtsTimeoutException.class, e);
        assertEquals("hdwst0bb05rgp0cf0p29mzk2am", e.requestId().orElseThrow());
        routes = new Routes();
        server.setDispatcher(routes);
        assertInstanceOf(TtsTimeoutException.class, failure(json(201,
                "{\"id\":\"ab1\",\"status\":\"aborted\",\"started_at\":null,\"output\":null,\"error\":null,\"deadline\":\"2025-10-20T10:02:00.000Z\"}")));
    }

    @Test
    void removedDataAndMissingOutputAreBadAudio() {
        AudioFormatException removed = assertInstanceOf(AudioFormatException.class, failure(json(201,
                prediction("dr1", "succeeded", "null").replace("\"data_removed\":false", "\"data_removed\":true"))));
        assertTrue(removed.getMessage().contains("data_removed"), removed.getMessage());
        routes = new Routes();
        server.setDispatcher(routes);
        assertInstanceOf(AudioFormatException.class, failure(json(201, prediction("no1", "succeeded", "[]"))));
        routes = new Routes();
        server.setDispatcher(routes);
        routes.on("GET", "/files/text.wav", audio("just text, not audio".getBytes(), "audio/wav"));
        assertInstanceOf(AudioFormatException.class, failure(json(201, prediction("na1", "succeeded", quoted(fileUrl("text.wav"))))));
    }

    @Test
    void arrayOutputUsesTheFirstFile() {
        byte[] wav = Fixtures.wav(24_000, 480);
        routes.on("POST", CREATE, json(201, prediction("arr1", "succeeded",
                "[null, " + quoted(fileUrl("first.wav")) + ", " + quoted(fileUrl("second.wav")) + "]")));
        routes.on("GET", "/files/first.wav", audio(wav, "audio/wav"));
        SpeechResult r = provider(KOKORO).build().synthesize(request("Hi", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(30)));
        assertArrayEquals(wav, r.audioBytes());
        assertEquals(0, routes.count("GET", "/files/second.wav"));
    }

    @Test
    void aCancelledContextFailsBeforeAnyRequest() {
        dev.ttskit.spi.CancellationToken token = new dev.ttskit.spi.CancellationToken();
        token.cancel();
        ReplicateProvider p = provider(MODEL).build();
        assertThrows(CancelledException.class, () -> p.synthesize(request("Hi", AudioFormat.WAV_PCM16_24K),
                dev.ttskit.spi.CallContext.of(Duration.ofSeconds(5), java.time.Clock.systemUTC(), token, resources)));
        assertEquals(0, routes.requests.size());
    }
}
