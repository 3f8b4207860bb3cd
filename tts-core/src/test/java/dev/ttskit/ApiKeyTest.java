package dev.ttskit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApiKeyTest {
    private static final String SECRET = "sk_live_CANARY_7f3a9c";

    @Test
    void toStringNeverShowsTheKey() {
        ApiKey key = ApiKey.of(SECRET);
        assertEquals("ApiKey[redacted]", key.toString());
        assertFalse(String.valueOf(key).contains("CANARY"));
        assertFalse(("" + key).contains("sk_"), "not even a prefix");
        assertEquals(SECRET, key.reveal());
    }

    @Test
    void equalityIsByValue() {
        assertEquals(ApiKey.of(SECRET), ApiKey.of(SECRET));
        assertNotEquals(ApiKey.of(SECRET), ApiKey.of(SECRET + "x"));
    }

    @Test
    void badKeysFailWithoutEchoingThem() {
        assertThrows(IllegalArgumentException.class, () -> ApiKey.of("  "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKey.of("abc CANARY"));
        assertFalse(e.getMessage().contains("CANARY"));
        assertThrows(NullPointerException.class, () -> ApiKey.of(null));
    }
}
