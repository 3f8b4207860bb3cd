package dev.ttskit.replicate;

import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static dev.ttskit.replicate.Fixtures.json;
import static dev.ttskit.replicate.Fixtures.prediction;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Problem titles, invalid fields, parse messages and a prediction's error never carry a key onwards. */
class ProviderTextScrubbingTest extends ReplicateTestBase {
    private static final String KOKORO = "jaaari/kokoro-82m:f559560eb822dc509045f3921a1921234918b91739db4bf3daab2169b71c7a13";
    private static final String OTHER = "r8_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2";

    private static String everything(TtsException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return e.getMessage() + "|" + e + "|" + e.requestId().orElse("") + "|" + trace;
    }

    private TtsException failure(MockResponse answer) {
        routes.on("POST", "/v1/predictions", answer);
        ReplicateProvider p = provider(KOKORO).build();
        return assertThrows(TtsException.class,
                () -> p.synthesize(request("Hello", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(30))));
    }

    @Test
    void aProblemEchoingTheTokenInTitleAndFieldsIsScrubbed() {
        TtsException e = failure(new MockResponse.Builder().code(422).setHeader("Content-Type", "application/problem+json")
                .body("{\"title\":\"bad token " + TOKEN + "\",\"detail\":\"" + OTHER + "\",\"invalid_fields\":[{\"type\":\"" + OTHER
                        + "\",\"field\":\"input." + TOKEN + "\"}]}").build());
        String all = everything(e);
        assertFalse(all.contains(TOKEN), all);
        assertFalse(all.contains(OTHER), all);
        assertTrue(e.getMessage().contains("bad token [redacted]"), e.getMessage());
    }

    @Test
    void a401TitleWithTheTokenIsScrubbed() {
        TtsException e = failure(new MockResponse.Builder().code(401).body("{\"title\":\"bad token " + TOKEN + "\"}").build());
        assertFalse(everything(e).contains(TOKEN), everything(e));
    }

    @Test
    void aParseMessageQuotingTheTokenIsScrubbed() {
        TtsException e = failure(json(201, "{\"id\": " + TOKEN + "}"));
        assertFalse(everything(e).contains(TOKEN), everything(e));
    }

    @Test
    void aKeyShapedPredictionIdIsRefusedNotUsedAsRequestId() {
        TtsException e = failure(json(201, prediction(OTHER, "succeeded", "null")));
        assertFalse(everything(e).contains(OTHER), everything(e));
    }

    @Test
    void aPredictionErrorEchoingTheTokenIsScrubbed() {
        TtsException e = failure(json(201, "{\"id\":\"pf1\",\"status\":\"failed\",\"output\":null,\"error\":\"auth with "
                + TOKEN + " failed\\nTraceback\"}"));
        String all = everything(e);
        assertFalse(all.contains(TOKEN), all);
        assertTrue(all.contains("auth with [redacted] failed"), all);
    }
}
