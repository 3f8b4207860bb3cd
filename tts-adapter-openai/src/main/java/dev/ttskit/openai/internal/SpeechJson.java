package dev.ttskit.openai.internal;

import org.jspecify.annotations.Nullable;

import java.util.Arrays;

/**
 * Writes the speech request body straight to UTF-8 bytes. The body has a fixed shape (a handful of
 * string members, one number), so building a Jackson tree and serialising it per call is work the
 * request path does not need; under load it was most of what the adapter spent above a bare HTTP call.
 *
 * <p>Strings are escaped as JSON requires: quote, backslash and control characters; everything else
 * goes out as UTF-8, a surrogate pair as one 4-byte sequence. A lone surrogate, which has no UTF-8
 * form, is written as a {@code \\uXXXX} escape so the body stays valid JSON. Unset members are left
 * out, never sent as {@code null}.
 */
final class SpeechJson {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buf;
    private int len;

    private SpeechJson(int capacity) {
        buf = new byte[capacity];
    }

    /**
     * The body of one {@code POST /v1/audio/speech}.
     *
     * @param voiceId        true to send the voice as a custom voice object {@code {"id": voice}}
     * @param instructions   sent when not null
     * @param speed          sent when not null; finite (checked before)
     * @param sse            adds {@code "stream_format":"sse"}
     */
    static byte[] body(String model, String input, String voice, boolean voiceId, @Nullable String instructions,
                       String responseFormat, @Nullable Double speed, boolean sse) {
        int guess = 96 + model.length() + input.length() + voice.length() + (instructions == null ? 0 : instructions.length());
        SpeechJson w = new SpeechJson(guess + guess / 4);
        w.raw("{\"model\":");
        w.string(model);
        w.raw(",\"input\":");
        w.string(input);
        if (voiceId) {
            w.raw(",\"voice\":{\"id\":");
            w.string(voice);
            w.raw("}");
        } else {
            w.raw(",\"voice\":");
            w.string(voice);
        }
        if (instructions != null) {
            w.raw(",\"instructions\":");
            w.string(instructions);
        }
        w.raw(",\"response_format\":");
        w.string(responseFormat);
        if (speed != null) {
            if (!Double.isFinite(speed)) throw new IllegalArgumentException("speed must be finite, was " + speed);
            w.raw(",\"speed\":");
            w.raw(Double.toString(speed));
        }
        if (sse) w.raw(",\"stream_format\":\"sse\"");
        w.raw("}");
        return w.len == w.buf.length ? w.buf : Arrays.copyOf(w.buf, w.len);
    }

    /** ASCII that needs no escaping: member names, punctuation, a number. */
    private void raw(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) buf[len++] = (byte) ascii.charAt(i);
    }

    private void string(String s) {
        ensure(s.length() + 2);
        buf[len++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    ensure(2 + s.length() - i);
                    buf[len++] = '\\';
                }
                buf[len++] = (byte) c;
                continue;
            }
            // escapes and multi-byte sequences: room for the longest (6 bytes) and the rest of the string
            ensure(6 + s.length() - i);
            if (c < 0x20) {
                switch (c) {
                    case '\n' -> { buf[len++] = '\\'; buf[len++] = 'n'; }
                    case '\r' -> { buf[len++] = '\\'; buf[len++] = 'r'; }
                    case '\t' -> { buf[len++] = '\\'; buf[len++] = 't'; }
                    case '\b' -> { buf[len++] = '\\'; buf[len++] = 'b'; }
                    case '\f' -> { buf[len++] = '\\'; buf[len++] = 'f'; }
                    default -> unicodeEscape(c);
                }
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xC0 | c >> 6);
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[len++] = (byte) (0xF0 | cp >> 18);
                buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                unicodeEscape(c);
            } else {
                buf[len++] = (byte) (0xE0 | c >> 12);
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        ensure(1);
        buf[len++] = '"';
    }

    private void unicodeEscape(char c) {
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[c >> 12 & 0xF];
        buf[len++] = HEX[c >> 8 & 0xF];
        buf[len++] = HEX[c >> 4 & 0xF];
        buf[len++] = HEX[c & 0xF];
    }

    private void ensure(int more) {
        if (len + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
}
