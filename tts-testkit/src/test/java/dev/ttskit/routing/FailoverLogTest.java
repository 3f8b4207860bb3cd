package dev.ttskit.routing;

import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every failover is logged at WARN with the provider and its request id, never the text. */
@ExtendWith(NoLeaks.class)
class FailoverLogTest {
    private static final String CANARY = "CANARY-log-51c9";

    @Test
    void theFailoverWarningNamesProviderAndRequestIdButNotTheText() {
        MockTtsProvider a = MockTtsProvider.builder("a")
                .then(MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider("a").requestId("req-7f3").build())).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        // slf4j-simple writes to the current System.err.
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).retry(RetryPolicy.NONE).build()) {
            tts.synthesize(SpeechRequest.of("Please say " + CANARY + " aloud."));
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        String warning = log.lines().filter(l -> l.contains("WARN") && l.contains("failover")).findFirst().orElse("");
        assertTrue(warning.contains("from a to b"), "failover logged: " + log);
        assertTrue(warning.contains("req-7f3"), "with the provider's request id: " + warning);
        assertTrue(warning.contains("UNAVAILABLE"), warning);
        assertFalse(log.contains(CANARY), "the text never reaches the log");
    }
}
