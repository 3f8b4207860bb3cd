package dev.ttskit.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BaseUrlsTest {

    @ParameterizedTest
    @CsvSource({
            "https://api.example.com, https://api.example.com/",
            "https://api.example.com/, https://api.example.com/",
            "https://api.example.com/v1, https://api.example.com/",
            "https://api.example.com/v1/, https://api.example.com/",
            "https://eu.example.com/proxy/v1, https://eu.example.com/proxy/",
            "http://127.0.0.1:8080, http://127.0.0.1:8080/"})
    void trailingV1AndSlashesAreOptional(String configured, String expected) {
        assertEquals(expected, BaseUrls.normalise(configured).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.example.com", "ftp://x", "https://x.com/?a=1", "https://x.com/#f", ""})
    void nonHttpUrlsAreRejected(String configured) {
        assertThrows(IllegalArgumentException.class, () -> BaseUrls.normalise(configured));
    }
}
