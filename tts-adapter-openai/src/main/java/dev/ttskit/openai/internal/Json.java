package dev.ttskit.openai.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

import java.io.IOException;

/** The adapter's one Jackson mapper, for reading error bodies and events, tolerantly; request bodies are written by {@link SpeechJson}. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    /** Parses a JSON document; throws IOException on malformed input. */
    static JsonNode read(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }

    /** A text member, or null when missing, null or not a string. */
    static @Nullable String text(@Nullable JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
