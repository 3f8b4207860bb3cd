package dev.ttskit;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A provider credential. {@link #toString()} is redacted so a key never reaches a log or an exception
 * message by accident; call {@link #reveal()} only where the key is put on the wire.
 */
public final class ApiKey {
    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /**
     * Wraps a credential, checking that it can be sent in a header as it is.
     *
     * @param value the key as issued by the provider; never printed by ttskit
     * @return the key
     * @throws IllegalArgumentException if the key is blank or holds whitespace or control
     * characters
     */
    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "api key");
        if (value.isBlank()) {
            throw new IllegalArgumentException("api key must not be blank");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                // Never echo the key: only say where the bad character is.
                throw new IllegalArgumentException("api key holds whitespace or a control character at index " + i);
            }
        }
        return new ApiKey(value);
    }

    /** {@return the secret itself, for the one place that sends it to its provider} */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), ((ApiKey) o).value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Always {@code ApiKey[redacted]}: not even a prefix of the key is shown. */
    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }
}
