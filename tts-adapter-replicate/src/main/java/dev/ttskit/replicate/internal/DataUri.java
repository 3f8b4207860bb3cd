package dev.ttskit.replicate.internal;

import dev.ttskit.AudioFormatException;

import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/** Decodes {@code data:} URI outputs locally, size-checked before decoding. */
public final class DataUri {
    private static final Pattern WHITESPACE = Pattern.compile("[\\s]+");
    private DataUri() {
    }

    public static boolean isDataUri(String value) {
        return value.regionMatches(true, 0, "data:", 0, 5);
    }

    /**
     * @param maxBytes largest decoded size accepted
     * @throws AudioFormatException when the URI is not base64, is malformed or too large
     */
    public static byte[] decode(String uri, long maxBytes, String provider, String requestId) {
        int comma = uri.indexOf(',');
        if (!isDataUri(uri) || comma < 0) throw AudioFormatException.builder("output data URI is malformed")
                .provider(provider).requestId(requestId).build();
        String meta = uri.substring(5, comma).toLowerCase(Locale.ROOT);
        if (!meta.endsWith(";base64")) {
            throw AudioFormatException.builder("output data URI is not base64-encoded")
                    .provider(provider).requestId(requestId).build();
        }
        long encoded = uri.length() - comma - 1L;
        // Decoded size is about 3/4 of the encoded length: check before allocating anything.
        if (encoded / 4 * 3 > maxBytes) {
            throw AudioFormatException.builder("output data URI decodes to more than " + maxBytes + " bytes")
                    .provider(provider).requestId(requestId).build();
        }
        try {
            // Line breaks are tolerated; any other non-alphabet character makes the URI invalid.
            byte[] bytes = Base64.getDecoder().decode(WHITESPACE.matcher(uri.substring(comma + 1)).replaceAll(""));
            if (bytes.length > maxBytes) {
                throw AudioFormatException.builder("output data URI decodes to more than " + maxBytes + " bytes")
                        .provider(provider).requestId(requestId).build();
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw AudioFormatException.builder("output data URI holds invalid base64")
                    .provider(provider).requestId(requestId).cause(e).build();
        }
    }
}
