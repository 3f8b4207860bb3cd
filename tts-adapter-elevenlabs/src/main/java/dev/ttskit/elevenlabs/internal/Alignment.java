package dev.ttskit.elevenlabs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * Character timing of one piece of audio: parallel arrays of characters and their start and end in
 * seconds. REST sends snake_case seconds; the WebSocket sends camelCase milliseconds and durations.
 *
 * @param characters the characters (usually one per entry)
 * @param starts     start of each, seconds
 * @param ends       end of each, seconds
 */
public record Alignment(List<String> characters, double[] starts, double[] ends) {

    /**
     * A REST alignment object ({@code characters}, {@code character_start_times_seconds},
     * {@code character_end_times_seconds}); null when absent, null, or when the arrays do not line up.
     */
    public static @Nullable Alignment fromRest(@Nullable JsonNode node) {
        if (node == null || !node.isObject()) return null;
        return of(node.get("characters"), node.get("character_start_times_seconds"),
                node.get("character_end_times_seconds"), false);
    }

    /**
     * A WebSocket alignment ({@code chars}, {@code charStartTimesMs}, {@code charsDurationsMs});
     * null when absent, null, or when the arrays do not line up.
     */
    public static @Nullable Alignment fromWebSocket(@Nullable JsonNode node) {
        if (node == null || !node.isObject()) return null;
        return of(node.get("chars"), node.get("charStartTimesMs"), node.get("charsDurationsMs"), true);
    }

    /** The alignment of a chunk: {@code preferred} when it parses, otherwise {@code fallback}. */
    public static @Nullable Alignment firstOf(@Nullable Alignment preferred, @Nullable Alignment fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static @Nullable Alignment of(@Nullable JsonNode chars, @Nullable JsonNode first, @Nullable JsonNode second, boolean millisAndDurations) {
        if (chars == null || first == null || second == null || !chars.isArray() || !first.isArray() || !second.isArray()) {
            return null;
        }
        int n = chars.size();
        if (first.size() != n || second.size() != n) return null;
        List<String> characters = new ArrayList<>(n);
        double[] starts = new double[n];
        double[] ends = new double[n];
        for (int i = 0; i < n; i++) {
            JsonNode a = first.get(i);
            JsonNode b = second.get(i);
            if (!a.isNumber() || !b.isNumber()) return null;
            characters.add(chars.get(i).asText());
            if (millisAndDurations) {
                starts[i] = a.asDouble() / 1000.0;
                ends[i] = (a.asDouble() + b.asDouble()) / 1000.0;
            } else {
                starts[i] = a.asDouble();
                ends[i] = b.asDouble();
            }
        }
        return new Alignment(List.copyOf(characters), starts, ends);
    }

    public int size() {
        return characters.size();
    }

    /** Never prints the characters (they are the input text). */
    @Override
    public String toString() {
        return "Alignment[characters=" + characters.size() + "]";
    }
}
