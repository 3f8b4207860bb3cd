package dev.ttskit.polly.internal;

import dev.ttskit.TimedSpan;
import dev.ttskit.Timestamps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Polly's word speech marks (one JSON object a line: {@code {"time":6,"type":"word","start":0,
 * "end":4,"value":"Mary"}}) into ttskit word timings. {@code time} is milliseconds into the audio;
 * {@code start}/{@code end} are UTF-8 byte offsets into the text sent, turned into char offsets here.
 * A word ends where the next begins; the last one at the end of the audio, when known. Lines of other
 * types and lines that cannot be read are skipped: timings are an extra, the audio is the result.
 */
public final class SpeechMarks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpeechMarks() {
    }

    /**
     * @param marks    the body of a {@code json} synthesis with word marks
     * @param text     the text that was sent
     * @param audioEnd how long the audio is, or null when unknown (the last word then ends where it starts)
     */
    public static Timestamps words(byte[] marks, String text, @Nullable Duration audioEnd) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] charAt = charOffsets(text, utf8.length);
        List<long[]> read = new ArrayList<>();   // {time, startByte, endByte}
        for (String line : new String(marks, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) continue;
            JsonNode mark;
            try {
                mark = JSON.readTree(line);
            } catch (IOException e) {
                continue;
            }
            if (mark == null || !"word".equals(mark.path("type").asText())) continue;
            Long time = number(mark, "time");
            Long start = number(mark, "start");
            Long end = number(mark, "end");
            if (time == null || start == null || end == null || start > end || end > utf8.length) continue;
            read.add(new long[] {time, start, end});
        }
        List<TimedSpan> words = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) {
            long[] w = read.get(i);
            int from = charAt[(int) w[1]];
            int to = charAt[(int) w[2]];
            Duration start = Duration.ofMillis(w[0]);
            Duration end = i + 1 < read.size() ? Duration.ofMillis(read.get(i + 1)[0])
                    : audioEnd != null ? audioEnd : start;
            if (end.compareTo(start) < 0) end = start;
            words.add(new TimedSpan(text.substring(from, to), from, start, end));
        }
        return new Timestamps(List.of(), words);
    }

    /** For each UTF-8 byte offset (0..length), the char offset it falls in. */
    private static int[] charOffsets(String text, int utf8Length) {
        int[] at = new int[utf8Length + 1];
        int b = 0;
        for (int c = 0; c < text.length(); ) {
            int cp = text.codePointAt(c);
            int bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            for (int k = 0; k < bytes; k++) at[b + k] = c;
            b += bytes;
            c += Character.charCount(cp);
        }
        at[utf8Length] = text.length();
        return at;
    }

    private static @Nullable Long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.canConvertToLong() && v.asLong() >= 0 ? v.asLong() : null;
    }
}
