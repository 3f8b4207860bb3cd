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

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
     * @param scrubber cleans every string the problem document holds before it enters the exception
     */
    public static TtsException map(Operation op, int status, String retryAfterHeader, byte[] body, String provider,
                                   String requestId, Clock clock, Scrubber scrubber) {
        Problem p = Problem.parse(body, scrubber);
        String what = describe(op, status, p);
        return switch (status) {
            case 401, 403 -> new AuthenticationException(provider, what, requestId, null);
            case 402 -> new QuotaExceededException(provider, what, requestId, null);
            case 404 -> op == Operation.CREATE
                    ? new UnsupportedRequestException(provider, what + " (model or version not found)", requestId, null)
                    : new ProviderUnavailableException(provider, what, requestId, null);
            case 422 -> p.title.toLowerCase(Locale.ROOT).contains("version")
                    ? new UnsupportedRequestException(provider, what, requestId, null)
                    : new ValidationException(provider, what, requestId, null);
            case 429 -> new RateLimitException(provider, what, requestId, null,
                    RetryAfter.parse(retryAfterHeader, clock).or(() -> hint(p.detail)).orElse(null), false);
            default -> status >= 500
                    ? new ProviderUnavailableException(provider, what, requestId, null)
                    : new ProviderUnavailableException(provider, what + " (unexpected status)", requestId, null);
        };
    }

    /** The wait hinted in a 429's detail: "resets in ~30s" or "available in 1 second". */
    static Optional<Duration> hint(String detail) {
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
        final String title;
        final String detail;
        final List<String> invalidFields;

        private Problem(boolean json, String title, String detail, List<String> invalidFields) {
            this.json = json;
            this.title = title;
            this.detail = detail;
            this.invalidFields = invalidFields;
        }

        static Problem parse(byte[] body, Scrubber scrubber) {
            if (body == null || body.length == 0) return new Problem(true, "", null, List.of());
            JsonNode root;
            try {
                root = Prediction.MAPPER.readTree(body);
            } catch (IOException e) {
                return new Problem(false, "", null, List.of());
            }
            if (root == null || !root.isObject()) return new Problem(false, "", null, List.of());
            String title = root.path("title").isTextual() ? scrubber.text(root.path("title").asText(), 100) : "";
            String detail = root.path("detail").isTextual() ? scrubber.text(root.path("detail").asText()) : null;
            List<String> fields = new ArrayList<>();
            for (JsonNode f : root.path("invalid_fields")) {
                String name = scrubber.text(f.path("field").asText(""), 60);
                String type = scrubber.text(f.path("type").asText(""), 40);
                if (!name.isEmpty() && fields.size() < 10) fields.add(truncate(name, 60) + (type.isEmpty() ? "" : " [" + truncate(type, 40) + "]"));
            }
            return new Problem(true, title, detail, fields);
        }
    }
}
