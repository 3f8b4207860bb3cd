package dev.ttskit.elevenlabs;

import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever ElevenLabs sends back, its key never reaches an exception's message, toString, request id or causes. */
class ProviderTextScrubbingTest extends ElevenLabsTestSupport {
    private static final String OTHER_KEY = "sk_f00dfeedcafe4242deadbeef";

    private static String everything(TtsException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return e.getMessage() + "|" + e + "|" + e.requestId().orElse("") + "|" + e.errorCode().orElse("") + "|" + trace;
    }

    private TtsException failure(MockResponse answer) {
        server.enqueue(answer);
        return assertThrows(TtsException.class, () -> provider.synthesize(request(TEXT, AudioFormat.MP3_44K_128), ctx()));
    }

    @Test
    void anErrorBodyEchoingTheKeyInEveryFieldIsScrubbed() {
        TtsException e = failure(json(401, "{\"detail\":{\"status\":\"" + KEY + "\",\"message\":\"bad key " + KEY + " and "
                + OTHER_KEY + "\\r\\nInjected: log line\",\"request_id\":\"" + KEY + "\"}}"));
        String all = everything(e);
        assertFalse(all.contains(KEY), all);
        assertFalse(all.contains(OTHER_KEY), all);
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), "one log line");
        assertEquals("[redacted]", e.requestId().orElseThrow());
        assertTrue(e.getMessage().contains("bad key [redacted] and [redacted]"), e.getMessage());
    }

    @Test
    void aRequestIdHeaderHoldingTheKeyIsScrubbed() {
        TtsException e = failure(new MockResponse.Builder().code(500).setHeader("request-id", KEY).body("").build());
        assertEquals("[redacted]", e.requestId().orElseThrow());
        assertFalse(everything(e).contains(KEY));
    }

    @Test
    void ordinaryCodesAndRequestIdsAreKept() {
        TtsException e = failure(json(429, "{\"detail\":{\"status\":\"rate_limit_exceeded\",\"message\":\"Slow down.\","
                + "\"request_id\":\"0a1b2c3d4e5f60718293a4b5c6d7e8f9\"}}"));
        assertEquals("0a1b2c3d4e5f60718293a4b5c6d7e8f9", e.requestId().orElseThrow());
        assertTrue(e.getMessage().contains("rate_limit_exceeded"), e.getMessage());
    }

    @Test
    void aVoicesAnswerThatCannotBeParsedDoesNotQuoteTheKey() {
        server.enqueue(json(200, "{\"voices\": [" + KEY + "]}"));
        TtsException e = assertThrows(TtsException.class, () -> provider.voices(ctx()));
        assertFalse(everything(e).contains(KEY), everything(e));
    }
}
