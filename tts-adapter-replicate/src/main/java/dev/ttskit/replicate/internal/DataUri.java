package dev.ttskit.replicate.internal;

import dev.ttskit.AudioFormatException;
import org.jspecify.annotations.Nullable;

import java.util.Base64;
import java.util.Locale;

/** Decodes {@code data:} URI outputs locally, size-checked before decoding. */
public final class DataUri {
    private DataUri() {
    }

    public static boolean isDataUri(String value) {
        return value.regionMatches(true, 0, "data:", 0, 5);
    }

    /**
     * @param maxBytes largest decoded size accepted
     * @throws AudioFormatException when the URI is not base64, is malformed or too large
     */
    public static byte[] decode(String uri, long maxBytes, String provider, @Nullable String requestId) {
        int comma = uri.indexOf(',');
        if (!isDataUri(uri) || comma < 0) throw bad("output data URI is malformed", provider, requestId, null);
        String meta = uri.substring(5, comma).toLowerCase(Locale.ROOT);
        if (!meta.endsWith(";base64")) throw bad("output data URI is not base64-encoded", provider, requestId, null);
        // The cap is on decoded bytes: count the base64 characters, not the line breaks MIME-style
        // encoders insert (76-character lines would otherwise cost 1.3 % of the cap), and check
        // before allocating anything.
        StringBuilder payload = new StringBuilder(uri.length() - comma - 1);
        int padding = 0;
        for (int i = comma + 1; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') continue;
            payload.append(c);
            padding = c == '=' ? padding + 1 : 0;
        }
        long decoded = (long) payload.length() / 4 * 3 - Math.min(padding, 2) + Math.max(0, payload.length() % 4 - 1);
        if (decoded > maxBytes) {
            throw bad("output data URI decodes to more than " + maxBytes + " bytes", provider, requestId, null);
        }
        try {
            // Whitespace was dropped above; any other non-alphabet character makes the URI invalid.
            return Base64.getDecoder().decode(payload.toString());
        } catch (IllegalArgumentException e) {
            throw bad("output data URI holds invalid base64", provider, requestId, e);
        }
    }

    /** The model's output is what it is: asking again bills a new prediction for the same bytes. */
    private static AudioFormatException bad(String message, String provider, @Nullable String requestId, @Nullable Throwable cause) {
        return AudioFormatException.builder(message).provider(provider).requestId(requestId).cause(cause).retryable(false).build();
    }
}
