package dev.ttskit.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Credentials in a base URL are refused, and the refusal never prints them. */
class BaseUrlUserInfoTest {
    @ParameterizedTest
    @ValueSource(strings = {"http://user:s3cretpass@host.example", "https://user@host.example/v1", "https://:s3cretpass@host.example",
            "http://user:s3cretpass@127.0.0.1:8080/v1"})
    void userInfoIsRefusedWithoutEchoingIt(String configured) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BaseUrls.normalise(configured));
        assertFalse(e.getMessage().contains("s3cretpass"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"htp:/user:s3cretpass@host", "user:s3cretpass@host.example"})
    void anUnparsableUrlIsNotEchoedEither(String configured) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BaseUrls.normalise(configured));
        assertFalse(e.getMessage().contains("s3cretpass"), e.getMessage());
    }
}
