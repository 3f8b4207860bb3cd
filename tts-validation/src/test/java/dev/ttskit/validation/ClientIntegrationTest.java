package dev.ttskit.validation;

import dev.ttskit.AllProvidersFailedException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.ValidationException;
import dev.ttskit.testkit.MockTtsProvider;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With tts-validation on the class path, a client built without an explicit validator uses it. */
class ClientIntegrationTest {
    @Test
    void clientCleansTextBeforeTheProviderSeesIt() {
        MockTtsProvider mock = MockTtsProvider.alwaysAudio("mock");
        try (TtsClient client = TtsClient.builder().provider(mock).build()) {
            client.synthesize(SpeechRequest.of("  Hello\u202E   world\u200B!\r\n"));
            assertEquals("Hello world!", mock.calls().get(0).request().text());
        }
    }

    @Test
    void clientRejectsTextThatIsEmptyAfterCleaningWithoutCallingAProvider() {
        MockTtsProvider mock = MockTtsProvider.alwaysAudio("mock");
        try (TtsClient client = TtsClient.builder().provider(mock).build()) {
            TtsException e = assertThrows(TtsException.class, () -> client.synthesize(SpeechRequest.of("\u200B\u202E\u0000")));
            Throwable cause = e instanceof AllProvidersFailedException ? e.getCause() : e;
            assertTrue(cause instanceof ValidationException, String.valueOf(cause));
            assertTrue(e.getMessage().contains("empty after cleaning") || cause.getMessage().contains("empty after cleaning"),
                    e.getMessage());
            assertEquals(0, mock.callCount());
            assertFalse(e.failover());
        }
    }
}
