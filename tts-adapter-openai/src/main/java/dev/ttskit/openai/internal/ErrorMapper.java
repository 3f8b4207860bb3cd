package dev.ttskit.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ttskit.AuthenticationException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.QuotaExceededException;
import dev.ttskit.RateLimitException;
import dev.ttskit.TtsException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.http.RetryAfter;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps an error answer of OpenAI or an OpenAI-compatible server to a typed exception (spec section
 * 7): reads the three body shapes ({@code {"error":{…}}}, {@code {"detail":…}}, a flat object), then
 * maps by error code first and status second, because OpenAI answers 429 both for "slow down" and
 * for "no money left".
 */
public final class ErrorMapper {
    /** Provider messages are cut to this many characters. */
    static final int MAX_MESSAGE = 300;

    private static final Set<String> QUOTA = Set.of("insufficient_quota", "credit_balance_exhausted");
    private static final Set<String> UNSUPPORTED = Set.of("string_above_max_length", "invalid_model", "model_not_found",
            "invalid_voice", "voice_not_found", "unsupported_voice", "unsupported_model");
    private static final Set<String> AUTH = Set.of("invalid_api_key", "invalid_authentication", "unauthorized");
    // A key echoed back, even partly starred out ("sk-PMafP***...E873"), is scrubbed.
    private static final Pattern KEY_LIKE = Pattern.compile("sk-[A-Za-z0-9_*.\\-]+");
    // FastAPI-style validation messages echo the field's value, which for `input` is the text.
    private static final Pattern ECHOED_INPUT = Pattern.compile("'input': (?:'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")");
    private static final Pattern NOT_FOUND = Pattern.compile("(?i)\\b(voice|model)\\b[^.]*\\bnot (found|available|supported)\\b");

    private final String provider;
    private final Clock clock;
    private final @Nullable String secret;

    /**
     * @param secret the API key, or null; scrubbed from provider messages should one echo it
     */
    public ErrorMapper(String provider, Clock clock, @Nullable String secret) {
        this.provider = provider;
        this.clock = clock;
        this.secret = secret;
    }

    /** What an error body says; every member may be null. */
    record ProviderError(@Nullable String code, @Nullable String type, @Nullable String message, @Nullable String param) {
        static final ProviderError NONE = new ProviderError(null, null, null, null);

        @Nullable String codeOrType() {
            return code != null ? code : type;
        }
    }

    /**
     * The exception for a non-2xx answer.
     *
     * @param body the start of the body (callers read a bounded prefix); may be empty
     * @param text the request's text, scrubbed from the provider's message should it echo it
     */
    public TtsException map(int status, Headers headers, byte[] body, String text) {
        ProviderError error = parse(headers.get("Content-Type"), body);
        String requestId = headers.get("x-request-id");
        String code = error.codeOrType();
        String providerMessage = error.message() == null ? null : clean(error.message(), text);
        String message = "OpenAI speech answered HTTP " + status + (code != null ? " (" + code + ")" : "")
                + (providerMessage != null ? ": " + providerMessage : "");
        TtsException.Builder<? extends TtsException> b = builderFor(status, error, providerMessage, message, headers);
        b.provider(provider).providerStatus(status).requestId(requestId);
        if (code != null) b.errorCode(code);
        // The server's own verdict on retrying wins over the status rules (spec section 6).
        if ("false".equalsIgnoreCase(trimmed(headers.get("x-should-retry")))) b.retryable(false);
        return b.build();
    }

    private TtsException.Builder<? extends TtsException> builderFor(int status, ProviderError error, @Nullable String providerMessage,
                                                                   String message, Headers headers) {
        String code = lower(error.code());
        String type = lower(error.type());
        String lowerMessage = lower(providerMessage);
        if (isQuota(code) || isQuota(type) || (status == 429 && lowerMessage != null && lowerMessage.contains("quota"))) {
            return QuotaExceededException.builder(message);
        }
        if (status == 429) return RateLimitException.builder(message).retryAfter(wait(headers).orElse(null));
        if (status == 503 && lowerMessage != null && lowerMessage.contains("slow down")) {
            // Sudden traffic increase: throttling, but it still counts for the breaker (the provider asks for less).
            return RateLimitException.builder(message).retryAfter(wait(headers).orElse(null));
        }
        if (status == 401 || status == 403 || (code != null && AUTH.contains(code))) return AuthenticationException.builder(message);
        if (status == 404) return UnsupportedRequestException.builder(message);
        if (status >= 400 && status < 500 && status != 408) {
            String param = lower(error.param());
            boolean unsupported = (code != null && UNSUPPORTED.contains(code)) || (type != null && UNSUPPORTED.contains(type))
                    || "voice".equals(param) || "model".equals(param)
                    || (providerMessage != null && NOT_FOUND.matcher(providerMessage).find());
            return unsupported ? UnsupportedRequestException.builder(message) : ValidationException.builder(message);
        }
        return ProviderUnavailableException.builder(message);
    }

    /** {@code retry-after-ms}, else {@code Retry-After}, else the request-limit reset. */
    private Optional<Duration> wait(Headers headers) {
        Optional<Duration> ms = ResetDurations.parseMillis(headers.get("retry-after-ms"));
        if (ms.isPresent()) return ms;
        Optional<Duration> retryAfter = RetryAfter.parse(headers.get("Retry-After"), clock);
        if (retryAfter.isPresent()) return retryAfter;
        return ResetDurations.parseGo(headers.get("x-ratelimit-reset-requests"));
    }

    private static boolean isQuota(@Nullable String code) {
        return code != null && (QUOTA.contains(code) || code.endsWith("_spend_limit_exceeded") || code.startsWith("billing_"));
    }

    /** Reads the body shapes of section 7.1 and 11; anything unreadable maps by status alone. */
    static ProviderError parse(@Nullable String contentType, byte[] body) {
        if (body == null || body.length == 0) return ProviderError.NONE;
        String start = new String(body, 0, Math.min(body.length, 64), StandardCharsets.UTF_8).stripLeading();
        boolean jsonLike = (contentType != null && contentType.contains("json")) || start.startsWith("{");
        if (!jsonLike) return ProviderError.NONE;
        JsonNode root;
        try {
            root = Json.read(body);
        } catch (IOException e) {
            return ProviderError.NONE;
        }
        if (root == null || !root.isObject()) return ProviderError.NONE;
        JsonNode error = root.get("error");
        if (error != null && error.isObject()) return fields(error, "code");
        JsonNode detail = root.get("detail");
        if (detail != null && detail.isObject()) {
            ProviderError e = fields(detail, "error");
            return e.code() != null ? e : fields(detail, "code");
        }
        if (detail != null && detail.isArray()) return new ProviderError(null, null, validationMessage(detail), validationParam(detail));
        if (detail != null && detail.isTextual()) return new ProviderError(null, null, detail.asText(), null);
        return fields(root, "code");
    }

    private static ProviderError fields(JsonNode node, String codeField) {
        return new ProviderError(Json.text(node, codeField), Json.text(node, "type"), Json.text(node, "message"),
                Json.text(node, "param"));
    }

    /** Joins each item's {@code loc} and {@code msg}; the item's {@code input} (possibly the text) is never read. */
    private static String validationMessage(JsonNode items) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode item : items) {
            if (sb.length() > 0) sb.append("; ");
            JsonNode loc = item.get("loc");
            if (loc != null && loc.isArray()) {
                StringBuilder path = new StringBuilder();
                for (JsonNode part : loc) path.append(path.length() > 0 ? "." : "").append(part.asText());
                sb.append(path).append(": ");
            }
            String msg = Json.text(item, "msg");
            sb.append(msg == null ? "invalid" : msg);
        }
        return sb.toString();
    }

    /** The field of a one-item validation list (so a bad {@code voice} can fail over), else null. */
    private static @Nullable String validationParam(JsonNode items) {
        if (items.size() != 1) return null;
        JsonNode loc = items.get(0).get("loc");
        return loc != null && loc.isArray() && loc.size() > 0 ? loc.get(loc.size() - 1).asText() : null;
    }

    private String clean(String message, String text) {
        String m = message;
        if (secret != null && !secret.isEmpty()) m = m.replace(secret, "[redacted]");
        m = KEY_LIKE.matcher(m).replaceAll("sk-[redacted]");
        m = ECHOED_INPUT.matcher(m).replaceAll("'input': [text]");
        // Only a text long enough to be recognisable is scrubbed by value; a one-letter text would mangle the message.
        if (text != null && text.strip().length() >= 4) m = m.replace(text, "[text]");
        m = m.replaceAll("[\\p{Cntrl}&&[^\t]]", " ");
        return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "..." : m;
    }

    private static @Nullable String lower(@Nullable String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static @Nullable String trimmed(@Nullable String s) {
        return s == null ? null : s.trim();
    }
}
