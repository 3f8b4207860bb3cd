package dev.ttskit.jobs.internal;

import org.jspecify.annotations.Nullable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request's provider options as one text column: a line per option, {@code <type> <key> <value>}
 * with key and value URL-encoded. The type keeps the value's Java class, because adapters read an
 * option as the type they expect ({@code Integer} and {@code Double} are not interchangeable there).
 */
public final class OptionsCodec {
    private OptionsCodec() {
    }

    /** The column value, or null for no options. */
    public static @Nullable String encode(Map<String, Object> options) {
        if (options.isEmpty()) return null;
        StringBuilder sb = new StringBuilder();
        options.forEach((k, v) -> sb.append(tag(k, v)).append(' ').append(enc(k)).append(' ').append(enc(v.toString())).append('\n'));
        return sb.toString();
    }

    public static Map<String, Object> decode(@Nullable String column) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (column == null || column.isEmpty()) return out;
        for (String line : column.split("\n")) {
            if (line.isEmpty()) continue;
            String[] parts = line.split(" ", 3);
            if (parts.length != 3) throw new IllegalStateException("stored option line is malformed: " + parts[0]);
            String key = dec(parts[1]);
            String text = dec(parts[2]);
            out.put(key, switch (parts[0]) {
                case "s" -> text;
                case "z" -> Boolean.parseBoolean(text);
                case "i" -> Integer.valueOf(text);
                case "j" -> Long.valueOf(text);
                case "h" -> Short.valueOf(text);
                case "b" -> Byte.valueOf(text);
                case "d" -> Double.valueOf(text);
                case "f" -> Float.valueOf(text);
                case "D" -> new BigDecimal(text);
                case "I" -> new BigInteger(text);
                default -> throw new IllegalStateException("stored option " + key + " has an unknown type " + parts[0]);
            });
        }
        return out;
    }

    /**
     * The type tag of a value.
     *
     * @throws IllegalArgumentException for a value that cannot be kept with its type
     */
    public static String tag(String key, Object v) {
        if (v instanceof String) return "s";
        if (v instanceof Boolean) return "z";
        if (v instanceof Integer) return "i";
        if (v instanceof Long) return "j";
        if (v instanceof Short) return "h";
        if (v instanceof Byte) return "b";
        if (v instanceof Double) return "d";
        if (v instanceof Float) return "f";
        if (v instanceof BigDecimal) return "D";
        if (v instanceof BigInteger) return "I";
        throw new IllegalArgumentException("option " + key + " is a " + v.getClass().getName()
                + ", which a job cannot store; use a String, Boolean, Integer, Long, Double, Float, BigDecimal or BigInteger");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
