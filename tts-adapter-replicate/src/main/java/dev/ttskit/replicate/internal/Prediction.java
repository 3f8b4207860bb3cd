package dev.ttskit.replicate.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.ttskit.http.Scrubber;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A prediction object, parsed tolerantly: unknown fields ignored, optional fields may be missing or
 * null, the output kept as raw JSON (a string, an array, a data URI or null).
 *
 * @param id          the prediction id (opaque)
 * @param status      its status
 * @param output      the raw output, {@link NullNode} when absent
 * @param error       the model's error text, if any (may quote the input: never put it in a message)
 * @param dataRemoved whether inputs and outputs were deleted
 * @param createdAt   when it was created, if readable
 * @param completedAt when it completed, if set
 * @param getUrl      {@code urls.get}, if present
 */
public record Prediction(String id, PredictionStatus status, JsonNode output, Optional<String> error, boolean dataRemoved,
                         Optional<Instant> createdAt, Optional<Instant> completedAt, Optional<String> getUrl) {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    /**
     * @throws MalformedPredictionException when the bytes are not a JSON object with an id
     */
    public static Prediction parse(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedPredictionException("prediction is not valid JSON (" + Scrubber.GENERIC.text(e.getOriginalMessage(), 120) + ")",
                    Scrubber.GENERIC.cause(e));
        } catch (IOException e) {
            throw new MalformedPredictionException("prediction could not be read", e);
        }
        return of(root);
    }

    /** From an already parsed JSON tree. */
    public static Prediction of(JsonNode root) {
        if (root == null || !root.isObject()) throw new MalformedPredictionException("prediction is not a JSON object", null);
        JsonNode id = root.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new MalformedPredictionException("prediction has no id", null);
        }
        // The id becomes a request id in exceptions and logs: a plain token only, nothing key-shaped.
        if (!PLAIN_ID.matcher(id.asText()).matches() || !id.asText().equals(Scrubber.GENERIC.id(id.asText()))) {
            throw new MalformedPredictionException("prediction id is not a plain token", null);
        }
        JsonNode output = root.get("output");
        return new Prediction(id.asText(), PredictionStatus.parse(text(root, "status")),
                output == null ? NullNode.getInstance() : output,
                Optional.ofNullable(text(root, "error")).filter(s -> !s.isEmpty()),
                root.path("data_removed").asBoolean(false),
                instant(text(root, "created_at")), instant(text(root, "completed_at")),
                Optional.ofNullable(text(root.path("urls"), "get")));
    }

    /**
     * The output file: a string, or the first non-null string of an array; empty when there is none.
     */
    public Optional<String> outputFile() {
        if (output.isTextual() && !output.asText().isBlank()) return Optional.of(output.asText());
        if (output.isArray()) {
            for (JsonNode n : output) if (n.isTextual() && !n.asText().isBlank()) return Optional.of(n.asText());
        }
        return Optional.empty();
    }

    /** How many file entries the output holds (for a log line when more than one). */
    public int outputCount() {
        return output.isArray() ? output.size() : output.isNull() ? 0 : 1;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    /** Timestamps carry 0 to 9 fraction digits; an unreadable one is treated as absent. */
    private static Optional<Instant> instant(@Nullable String value) {
        if (value == null) return Optional.empty();
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "Prediction[id=" + id + ", status=" + status + ", dataRemoved=" + dataRemoved + ", outputs=" + outputCount() + "]";
    }
}
