package dev.ttskit.cli;

import dev.ttskit.TimedSpan;
import dev.ttskit.Timestamps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes character and word timings as JSON: {@code {"characters":[{"text":"H","offset":0,
 * "start_ms":0,"end_ms":70},...],"words":[...]}}, offsets in UTF-16 units of the spoken text.
 */
final class TimestampsFile {
    private TimestampsFile() {
    }

    /** The JSON text of {@code timestamps}. */
    static String json(Timestamps timestamps) {
        StringBuilder out = new StringBuilder("{\"characters\":");
        spans(timestamps.characters(), out);
        out.append(",\"words\":");
        spans(timestamps.words(), out);
        return out.append("}\n").toString();
    }

    /** Writes {@code timestamps} to {@code path} whole or not at all, as {@link OutputFile} does for audio. */
    static void write(OutputFile target, Timestamps timestamps) throws IOException {
        target.write(new java.io.ByteArrayInputStream(json(timestamps).getBytes(StandardCharsets.UTF_8)));
    }

    private static void spans(List<TimedSpan> spans, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < spans.size(); i++) {
            TimedSpan s = spans.get(i);
            if (i > 0) out.append(',');
            out.append("{\"text\":");
            string(s.text(), out);
            out.append(",\"offset\":").append(s.offset())
                    .append(",\"start_ms\":").append(s.start().toMillis())
                    .append(",\"end_ms\":").append(s.end().toMillis()).append('}');
        }
        out.append(']');
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
