package dev.ttskit.replicate.internal;

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
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps an HTTP error answer (RFC 7807 problem+json, any member possibly missing, or a non-JSON body)
 * to ttskit's exception taxonomy (spec section 8). Messages name the status, the problem title and
 * the invalid field names, never the request's text.
 */
public final class ProblemMapper {
    /** Which call failed: a 404 means a bad model on create but an outage elsewhere. */
    public enum Operation { CREATE, GET, CANCEL, SECRET, DOWNLOAD }

    private static final Pattern RESETS_IN = Pattern.compile("resets in ~?(\\d{1,6})\\s*s");
    private static final Pattern AVAILABLE_IN = Pattern.compile("available in (\\d{1,6}) second");

    private ProblemMapper() {
    }

    /**
     * The exception for an error answer. {@code providerStatus()} is the HTTP status, {@code errorCode()}
     * the problem's {@code type} member (RFC 7807's machine-readable identifier; Replicate usually omits
     * it), {@code retryAfter()} the Retry-After header or, on a 429, the hint in {@code detail}.
     *
     * @param scrubber cleans every string the problem document holds before it enters the exception
     */
    public static TtsException map(Operation op, int status, @Nullable String retryAfterHeader, byte @Nullable [] body, String provider,
                                   @Nullable String requestId, Clock clock, Scrubber scrubber) {
        Problem p = Problem.parse(body, scrubber);
        String what = describe(op, status, p);
        TtsException.Builder<? extends TtsException> b = switch (status) {
            case 401, 403 -> AuthenticationException.builder(what);
            case 402 -> QuotaExceededException.builder(what);
            case 404 -> op == Operation.CREATE
                    ? UnsupportedRequestException.builder(what + " (model or version not found)")
                    : ProviderUnavailableException.builder(what);
            case 422 -> p.title.toLowerCase(Locale.ROOT).contains("version")
                    ? UnsupportedRequestException.builder(what)
                    : ValidationException.builder(what);
            case 429 -> RateLimitException.builder(what);
            default -> ProviderUnavailableException.builder(status >= 500 ? what : what + " (unexpected status)");
        };
        Optional<Duration> wait = retryAfterHeader == null ? Optional.empty() : RetryAfter.parse(retryAfterHeader, clock);
        if (status == 429) wait = wait.or(() -> hint(p.detail));
        b.provider(provider).requestId(requestId).errorCode(p.type).retryAfter(wait.orElse(null));
        if (status >= 100 && status <= 599) b.providerStatus(status);
        return b.build();
    }

    /** The wait hinted in a 429's detail: "resets in ~30s" or "available in 1 second". */
    static Optional<Duration> hint(@Nullable String detail) {
        if (detail == null) return Optional.empty();
        Matcher m = RESETS_IN.matcher(detail);
        if (m.find()) return Optional.of(Duration.ofSeconds(Long.parseLong(m.group(1))));
        m = AVAILABLE_IN.matcher(detail);
        if (m.find()) return Optional.of(Duration.ofSeconds(Long.parseLong(m.group(1))));
        return Optional.empty();
    }

    private static String describe(Operation op, int status, Problem p) {
        StringBuilder sb = new StringBuilder(op.name().toLowerCase(Locale.ROOT)).append(" answered HTTP ").append(status);
        if (!p.title.isEmpty()) sb.append(" (").append(truncate(p.title, 100)).append(')');
        if (!p.invalidFields.isEmpty()) sb.append(", invalid fields: ").append(String.join(", ", p.invalidFields));
        if (!p.json) sb.append(", body is not JSON");
        return sb.toString();
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    /** The members of a problem document that the mapping reads. */
    private static final class Problem {
        final boolean json;
        final @Nullable String type;
        final String title;
        final @Nullable String detail;
        final List<String> invalidFields;

        private Problem(boolean json, @Nullable String type, String title, @Nullable String detail, List<String> invalidFields) {
            this.json = json;
            this.type = type;
            this.title = title;
            this.detail = detail;
            this.invalidFields = invalidFields;
        }

        static Problem parse(byte @Nullable [] body, Scrubber scrubber) {
            if (body == null || body.length == 0) return new Problem(true, null, "", null, List.of());
            JsonNode root;
            try {
                root = Prediction.MAPPER.readTree(body);
            } catch (IOException e) {
                return new Problem(false, null, "", null, List.of());
            }
            if (root == null || !root.isObject()) return new Problem(false, null, "", null, List.of());
            String problemType = root.path("type").isTextual() && !root.path("type").asText().isBlank()
                    ? scrubber.text(root.path("type").asText(), 200) : null;
            String title = root.path("title").isTextual() ? Objects.requireNonNullElse(scrubber.text(root.path("title").asText(), 100), "") : "";
            String detail = root.path("detail").isTextual() ? scrubber.text(root.path("detail").asText()) : null;
            List<String> fields = new ArrayList<>();
            for (JsonNode f : root.path("invalid_fields")) {
                String name = Objects.requireNonNullElse(scrubber.text(f.path("field").asText(""), 60), "");
                String type = Objects.requireNonNullElse(scrubber.text(f.path("type").asText(""), 40), "");
                if (!name.isEmpty() && fields.size() < 10) fields.add(truncate(name, 60) + (type.isEmpty() ? "" : " [" + truncate(type, 40) + "]"));
            }
            return new Problem(true, problemType, title, detail, fields);
        }
    }
}
