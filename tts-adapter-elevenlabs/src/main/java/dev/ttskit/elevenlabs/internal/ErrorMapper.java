package dev.ttskit.elevenlabs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ttskit.AuthenticationException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.QuotaExceededException;
import dev.ttskit.RateLimitException;
import dev.ttskit.TtsException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.http.RetryAfter;
import dev.ttskit.http.Scrubber;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Maps an ElevenLabs error answer to a typed exception (spec section 10): reads every body shape
 * seen in the wild, then maps by error code first and HTTP status second, because the same status
 * can mean different things (a 401 is a bad key or an exhausted quota).
 */
public final class ErrorMapper {
    /** Provider messages are cut to this many characters. */
    static final int MAX_MESSAGE = 300;

    private static final Set<String> AUTH = Set.of("invalid_api_key", "missing_api_key", "needs_authorization",
            "invalid_authorization_header", "unauthorized", "sign_in_required", "missing_permissions",
            "insufficient_permissions", "workspace_access_denied", "forbidden");
    private static final Set<String> QUOTA = Set.of("quota_exceeded", "insufficient_credits");
    private static final Set<String> UNSUPPORTED = Set.of("feature_not_available", "subscription_required",
            "only_for_creator+", "model_access_denied", "voice_access_denied", "voice_not_found", "invalid_voice_id",
            "model_not_found", "unsupported_model", "pronunciation_dictionary_not_found",
            "max_character_limit_exceeded", "text_too_long");
    private static final Set<String> VALIDATION = Set.of("text_too_short", "empty_text", "invalid_text",
            "invalid_parameters", "missing_required_field", "invalid_voice_settings", "invalid_output_format",
            "bad_request", "malformed_json", "invalid_content_type", "request_too_large", "validation_failed");
    private static final Set<String> CONCURRENCY = Set.of("too_many_concurrent_requests", "concurrent_limit_exceeded");
    private static final Set<String> RATE = Set.of("rate_limit_exceeded", "system_busy");
    private static final Set<String> UNAVAILABLE = Set.of("internal_error", "internal_server_error",
            "service_unavailable", "maintenance");

    private final String provider;
    private final Clock clock;
    private final Scrubber scrubber;

    /**
     * @param secret the API key, scrubbed from provider messages should one ever echo it
     */
    public ErrorMapper(String provider, Clock clock, String secret) {
        this.provider = provider;
        this.clock = clock;
        this.scrubber = Scrubber.knowingSecrets(Arrays.asList(secret));
    }

    /** Provider text that did not come through {@link #map} (a WebSocket close reason, an error frame), scrubbed and cut. */
    public String scrub(String providerText) {
        return Objects.requireNonNullElse(scrubber.text(providerText, MAX_MESSAGE), "");
    }

    /**
     * What an error answer's body says.
     *
     * @param code        the provider's own code ({@code detail.code}, else {@code detail.status}, else the
     *                    top-level {@code status}); null when it sent none
     * @param fieldErrors true for the FastAPI list of field errors (S1), which carries no code
     */
    record ProviderError(@Nullable String code, @Nullable String message, @Nullable String requestId, boolean fieldErrors) {
        static final ProviderError NONE = new ProviderError(null, null, null, false);
    }

    /**
     * The exception for a non-2xx answer. It keeps the provider's facts: {@code providerStatus()} is
     * the HTTP status, {@code errorCode()} the code the body named (absent for S1, S5 and S6), and
     * {@code retryAfter()} the Retry-After header on any status.
     *
     * @param body the start of the body (callers read a bounded prefix); may be empty
     */
    public TtsException map(int status, Headers headers, @Nullable String contentType, byte[] body) {
        ProviderError error = parse(contentType, body);
        // Every string below came from the provider; it enters the exception only through the scrubber.
        String requestId = scrubber.id(error.requestId() != null ? error.requestId()
                : headers.get("request-id") != null ? headers.get("request-id") : headers.get("x-trace-id"));
        String code = scrubber.id(error.code());
        String message = "ElevenLabs answered HTTP " + status + (code != null ? " (" + code + ")" : "")
                + (error.message() != null ? ": " + scrubber.text(error.message(), MAX_MESSAGE) : "");
        // S1 has no code of its own; spec section 10.1 maps it as the synthetic validation_failed.
        String mappingCode = error.fieldErrors() ? "validation_failed" : code;
        TtsException.Builder<? extends TtsException> b = mappingCode == null ? byStatus(status, message)
                : byCode(mappingCode, message);
        if (b == null) b = byStatus(status, message);
        b.provider(provider).requestId(requestId).errorCode(code).retryAfter(retryAfter(headers));
        if (status >= 100 && status <= 599) b.providerStatus(status);
        return b.build();
    }

    private static TtsException.@Nullable Builder<? extends TtsException> byCode(String code, String message) {
        if (QUOTA.contains(code)) return QuotaExceededException.builder(message);
        if (AUTH.contains(code)) return AuthenticationException.builder(message);
        if (UNSUPPORTED.contains(code)) return UnsupportedRequestException.builder(message);
        if (VALIDATION.contains(code)) return ValidationException.builder(message);
        if (CONCURRENCY.contains(code)) return RateLimitException.builder(message).concurrencyLimit(true);
        if (RATE.contains(code)) return RateLimitException.builder(message);
        if (UNAVAILABLE.contains(code)) return ProviderUnavailableException.builder(message);
        return null;
    }

    private static TtsException.Builder<? extends TtsException> byStatus(int status, String message) {
        switch (status) {
            case 400: case 409: case 422:
                return ValidationException.builder(message);
            case 401: case 403:
                return AuthenticationException.builder(message);
            case 402:
                return QuotaExceededException.builder(message);
            case 404:
                return UnsupportedRequestException.builder(message);
            case 429:
                return RateLimitException.builder(message);
            default:
                return ProviderUnavailableException.builder(message);
        }
    }

    private @Nullable Duration retryAfter(Headers headers) {
        return RetryAfter.parse(headers.get("Retry-After"), clock).orElse(null);
    }

    /** Reads shapes S1 to S6; anything unreadable gives an error with no code (mapped by status). */
    static ProviderError parse(@Nullable String contentType, byte @Nullable [] body) {
        if (body == null || body.length == 0) return ProviderError.NONE;
        String start = new String(body, 0, Math.min(body.length, 64), StandardCharsets.UTF_8).stripLeading();
        boolean jsonLike = (contentType != null && contentType.contains("json")) || start.startsWith("{") || start.startsWith("[");
        if (!jsonLike) return ProviderError.NONE;
        JsonNode root;
        try {
            root = Json.read(body);
        } catch (IOException e) {
            return ProviderError.NONE;
        }
        if (root == null || !root.isObject()) return ProviderError.NONE;
        JsonNode detail = root.get("detail");
        if (detail != null && detail.isArray()) return new ProviderError(null, validationMessage(detail), null, true);
        if (detail != null && detail.isObject()) {
            String code = Json.text(detail, "code");
            if (code == null) code = Json.text(detail, "status");
            return new ProviderError(code, Json.text(detail, "message"), Json.text(detail, "request_id"), false);
        }
        if (detail != null && detail.isTextual()) return new ProviderError(null, detail.asText(), null, false);
        return new ProviderError(Json.text(root, "status"), Json.text(root, "message"), null, false);
    }

    /** Joins each item's dotted {@code loc} and {@code msg}; the {@code input} (possibly the text) is never read. */
    private static String validationMessage(JsonNode items) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode item : items) {
            if (sb.length() > 0) sb.append("; ");
            JsonNode loc = item.get("loc");
            if (loc != null && loc.isArray()) {
                StringBuilder path = new StringBuilder();
                for (JsonNode part : loc) {
                    if (path.length() > 0) path.append('.');
                    path.append(part.asText());
                }
                sb.append(path).append(": ");
            }
            String msg = Json.text(item, "msg");
            sb.append(msg == null ? "invalid" : msg);
        }
        return sb.toString();
    }
}
