package dev.ttskit.polly;

import dev.ttskit.AuthenticationException;
import dev.ttskit.ErrorCategory;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RateLimitException;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.polly.internal.PollyErrors;
import mockwebserver3.MockResponse;
import okhttp3.Headers;
import software.amazon.awssdk.core.exception.SdkClientException;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** P1 to P10 of the spec through the real SDK client: one request per attempt, typed, with status, error name and request id. */
class ErrorMappingTest extends PollyTestSupport {
    static final String TEXT = "A sentence that must never appear in a message.";

    private TtsException fail(MockResponse response) {
        server.enqueue(response);
        int before = server.getRequestCount();
        TtsException e = assertThrows(TtsException.class, () -> provider.synthesize(request(TEXT, AudioFormat.PCM16_16K), ctx()));
        assertEquals(before + 1, server.getRequestCount(), "the SDK's own retries are off");
        assertEquals(Optional.of("polly"), e.provider());
        assertFalse(e.getMessage().contains(TEXT), e.getMessage());
        assertFalse(e.toString().contains(ACCESS_KEY), "credentials never appear");
        return e;
    }

    private void expect(Class<? extends TtsException> type, int status, String name, MockResponse response) {
        TtsException e = fail(response);
        assertInstanceOf(type, e, name);
        assertEquals(OptionalInt.of(status), e.providerStatus(), name);
        assertEquals(Optional.of(name), e.errorCode(), name);
        assertEquals(Optional.of(REQUEST_ID), e.requestId(), name);
    }

    @Test
    void p1TextTooLongIsUnsupported() {
        expect(UnsupportedRequestException.class, 400, "TextLengthExceededException",
                error(400, "TextLengthExceededException", "Maximum text length has been exceeded"));
    }

    @Test
    void p2InvalidSsmlIsValidation() {
        expect(ValidationException.class, 400, "InvalidSsmlException", error(400, "InvalidSsmlException", "Invalid SSML request"));
    }

    @Test
    void p3EngineNotSupportedIsUnsupported() {
        expect(UnsupportedRequestException.class, 400, "EngineNotSupportedException",
                error(400, "EngineNotSupportedException", "This voice does not support the selected engine: neural"));
    }

    @Test
    void p4LexiconNotFoundIsUnsupported() {
        expect(UnsupportedRequestException.class, 404, "LexiconNotFoundException", error(404, "LexiconNotFoundException", "Lexicon not found"));
    }

    @Test
    void p5ThrottlingIsRateLimitByNameThoughTheStatusIs400() {
        expect(RateLimitException.class, 400, "ThrottlingException", error(400, "ThrottlingException", "Rate exceeded"));
        TtsException e = fail(error(400, "ThrottlingException", "Rate exceeded"));
        assertTrue(e.retryable());
        assertEquals(Optional.empty(), e.retryAfter(), "Polly sends no wait: backoff decides");
    }

    @Test
    void p6ServiceFailureIsUnavailable() {
        expect(ProviderUnavailableException.class, 500, "ServiceFailureException", error(500, "ServiceFailureException", "Service failure"));
    }

    @Test
    void p7AndP8CredentialProblemsAreAuth() {
        expect(AuthenticationException.class, 403, "UnrecognizedClientException",
                error(403, "UnrecognizedClientException", "The security token included in the request is invalid."));
        expect(AuthenticationException.class, 403, "InvalidSignatureException", error(403, "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided."));
        expect(AuthenticationException.class, 400, "AccessDeniedException",
                error(400, "AccessDeniedException", "User: arn:aws:iam::123456789012:user/x is not authorized"));
    }

    @Test
    void p9InvalidSampleRateIsUnsupported() {
        expect(UnsupportedRequestException.class, 400, "InvalidSampleRateException", error(400, "InvalidSampleRateException",
                "Invalid sample rate"));
    }

    @Test
    void p10HtmlFromAProxyIsUnavailable() {
        TtsException e = fail(new MockResponse.Builder().code(503).headers(Headers.of("Content-Type", "text/html"))
                .body("<html><body>Service Unavailable</body></html>").build());
        assertInstanceOf(ProviderUnavailableException.class, e);
        assertEquals(OptionalInt.of(503), e.providerStatus());
    }

    @Test
    void unknownNamesFallBackToTheStatus() {
        assertEquals(ErrorCategory.VALIDATION, fail(error(400, "SomethingNewException", "x")).category());
        assertEquals(ErrorCategory.AUTH, fail(error(403, "SomethingNewException", "x")).category());
        assertEquals(ErrorCategory.RATE_LIMIT, fail(error(429, "SomethingNewException", "x")).category());
        assertEquals(ErrorCategory.UNAVAILABLE, fail(error(502, "SomethingNewException", "x")).category());
    }

    @Test
    void aNameWithANamespaceSuffixStillMaps() {
        TtsException e = fail(new MockResponse.Builder().code(400)
                .headers(Headers.of("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazonaws.polly/",
                        "x-amzn-RequestId", REQUEST_ID, "Content-Type", "application/json"))
                .body("{\"message\":\"Rate exceeded\"}").build());
        assertInstanceOf(RateLimitException.class, e);
    }

    @Test
    void aReadTimeoutIsATimeoutWhicheverWayTheSocketSaysIt() {
        // Okio's watchdog and the socket's SO_TIMEOUT race for the same read timeout, and the SDK wraps either.
        for (String message : new String[] {"timeout", "Read timed out"}) {
            SdkClientException e = SdkClientException.create("Unable to execute HTTP request", new SocketTimeoutException(message));
            assertInstanceOf(TtsTimeoutException.class, PollyErrors.map(e, ctx(), "polly"), message);
        }
        SdkClientException connect = SdkClientException.create("Unable to execute HTTP request", new SocketTimeoutException("Connect timed out"));
        assertInstanceOf(ProviderUnavailableException.class, PollyErrors.map(connect, ctx(), "polly"));
    }

    @Test
    void connectionRefusedIsUnavailable() throws Exception {
        int port = server.getPort();
        server.close();
        PollyProvider p = builder().endpointOverride(java.net.URI.create("http://127.0.0.1:" + port + "/")).build();
        TtsException e = assertThrows(TtsException.class, () -> p.synthesize(request(TEXT, AudioFormat.PCM16_16K), ctx()));
        assertInstanceOf(ProviderUnavailableException.class, e);
        p.close();
    }
}
