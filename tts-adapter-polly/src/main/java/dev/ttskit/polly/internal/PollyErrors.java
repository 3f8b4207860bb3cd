package dev.ttskit.polly.internal;

import dev.ttskit.AuthenticationException;
import dev.ttskit.CancelledException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RateLimitException;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.http.HttpCalls;
import dev.ttskit.spi.CallContext;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Set;

/**
 * Maps what the AWS SDK throws to ttskit's taxonomy (spec section 7): by the error name first
 * ({@code x-amzn-ErrorType}, as the SDK read it), then by status. Messages name the error and status
 * only: the SDK's own messages can carry the access key id of a rejected signature, and never reach
 * the caller.
 */
public final class PollyErrors {
    private static final Set<String> UNSUPPORTED = Set.of("TextLengthExceededException", "InvalidSampleRateException",
            "LanguageNotSupportedException", "EngineNotSupportedException", "LexiconNotFoundException");
    private static final Set<String> VALIDATION = Set.of("InvalidSsmlException", "MarksNotSupportedForFormatException",
            "SsmlMarksNotSupportedForTextTypeException", "InvalidNextTokenException", "ValidationException",
            "LexiconSizeExceededException", "MaxLexemeLengthExceededException");
    private static final Set<String> AUTH = Set.of("UnrecognizedClientException", "InvalidSignatureException",
            "SignatureDoesNotMatch", "MissingAuthenticationTokenException", "AccessDeniedException", "ExpiredTokenException",
            "InvalidClientTokenId", "IncompleteSignature", "IncompleteSignatureException", "AccessDenied", "ExpiredToken");
    private static final Set<String> THROTTLED = Set.of("ThrottlingException", "Throttling", "TooManyRequestsException",
            "RequestLimitExceeded", "ServiceQuotaExceededException", "ProvisionedThroughputExceededException");
    private static final Set<String> UNAVAILABLE = Set.of("ServiceFailureException", "InternalFailure", "ServiceUnavailable",
            "ServiceUnavailableException", "InternalServerError");

    private PollyErrors() {
    }

    /** The typed exception for a failure of an SDK call made for {@code ctx}. */
    public static TtsException map(SdkException e, CallContext ctx, String provider) {
        if (ctx.cancellation().isCancelled()) {
            return CancelledException.builder("request was cancelled").provider(provider).cause(e).build();
        }
        if (e instanceof AwsServiceException service) return service(service, provider);
        if (ctx.expired() || e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException || HttpCalls.isTimeout(e)) {
            return TtsTimeoutException.builder("no answer before the deadline").provider(provider).cause(e).build();
        }
        if (e instanceof AbortedException) {
            return CancelledException.builder("call was aborted").provider(provider).cause(e).build();
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return ProviderUnavailableException.builder("connection failed: " + cause.getClass().getSimpleName())
                .provider(provider).cause(e).build();
    }

    private static TtsException service(AwsServiceException e, String provider) {
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null ? null : details.errorCode();
        int status = e.statusCode();
        String message = "Polly answered HTTP " + status + (code != null ? " (" + code + ")" : "");
        TtsException.Builder<? extends TtsException> b = builderFor(code, status, message);
        b.provider(provider).requestId(e.requestId());
        if (status >= 100 && status <= 599) b.providerStatus(status);
        if (code != null) b.errorCode(code);
        return b.build();
    }

    private static TtsException.Builder<? extends TtsException> builderFor(@Nullable String code, int status, String message) {
        if (code != null) {
            if (UNSUPPORTED.contains(code)) return UnsupportedRequestException.builder(message);
            if (VALIDATION.contains(code)) return ValidationException.builder(message);
            if (AUTH.contains(code)) return AuthenticationException.builder(message);
            // Polly sends no Retry-After: the router's backoff with jitter decides the wait.
            if (THROTTLED.contains(code)) return RateLimitException.builder(message);
            if (UNAVAILABLE.contains(code)) return ProviderUnavailableException.builder(message);
        }
        if (status == 400) return ValidationException.builder(message);
        if (status == 401 || status == 403) return AuthenticationException.builder(message);
        if (status == 404) return UnsupportedRequestException.builder(message);
        if (status == 429) return RateLimitException.builder(message);
        if (status >= 400 && status < 500 && status != 408) return ValidationException.builder(message);
        return ProviderUnavailableException.builder(message);
    }
}
