package dev.ttskit.replicate;

import dev.ttskit.ErrorCategory;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechResult;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.replicate.internal.PredictionRunner;
import dev.ttskit.spi.CallCheckpoint;
import dev.ttskit.spi.CallContext;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static dev.ttskit.replicate.Fixtures.json;
import static dev.ttskit.replicate.Fixtures.prediction;
import static dev.ttskit.replicate.Fixtures.quoted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A status check (GET of a prediction) answered 404: briefly tolerated, then an outage that fails over. */
class StatusCheckNotFoundTest extends ReplicateTestBase {
    private static final String CREATE = "/v1/predictions";
    private static final String MODEL = "jaaari/kokoro-82m:f559560eb822dc509045f3921a1921234918b91739db4bf3daab2169b71c7a13";
    private static final MockResponse NOT_FOUND = new MockResponse.Builder().code(404)
            .setHeader("Content-Type", "application/problem+json")
            .body("{\"detail\":\"The requested resource could not be found.\"}").build();

    private MockResponse succeeded(String id) {
        routes.on("GET", "/files/" + id + ".wav", Fixtures.audio(Fixtures.wav(24_000, 2_400), "audio/wav"));
        return json(200, prediction(id, "succeeded", quoted(base() + "/files/" + id + ".wav")));
    }

    /** A checkpoint kept in a map, as a durable job keeps it in its table. */
    private static CallCheckpoint notes(Map<String, String> notes) {
        return new CallCheckpoint() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(notes.get(key));
            }

            @Override
            public void put(String key, String value) {
                notes.put(key, value);
            }

            @Override
            public void remove(String key) {
                notes.remove(key);
            }
        };
    }

    private ReplicateProvider polling() {
        return provider(MODEL).completion(CompletionStrategy.POLLING).build();
    }

    @Test
    void aPredictionItsStatusCheckKeepsNotFindingIsAnOutageNotAWaitForTheDeadline() {
        routes.on("POST", CREATE, json(201, prediction("p-gone", "starting", "null")));
        routes.on("GET", "/v1/predictions/p-gone", NOT_FOUND);
        ReplicateProvider p = polling();
        ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class,
                () -> p.synthesize(request("Hello there.", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofMinutes(10))));
        assertEquals(ErrorCategory.UNAVAILABLE, e.category());
        assertTrue(e.retryable() && e.category().failover(), "it fails over to the next provider");
        assertEquals(404, e.providerStatus().orElseThrow());
        assertEquals(Optional.of("p-gone"), e.requestId());
        assertEquals("replicate", e.provider().orElseThrow());
        assertEquals(3, routes.count("GET", "/v1/predictions/p-gone"), "three checks, not one per backoff step until the deadline");
        assertEquals(1, routes.count("POST", CREATE), "no second prediction is paid for");
    }

    @Test
    void aPredictionBrieflyUnknownRightAfterItsCreationIsStillAwaited() {
        routes.on("POST", CREATE, json(201, prediction("p-late", "starting", "null")));
        routes.on("GET", "/v1/predictions/p-late", NOT_FOUND, NOT_FOUND, succeeded("p-late"));
        SpeechResult r = polling().synthesize(request("Hello there.", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofMinutes(10)));
        assertEquals("replicate", r.provider());
        assertEquals(3, routes.count("GET", "/v1/predictions/p-late"));
    }

    @Test
    void aResumedCallWhosePredictionIsNotFoundStartsItsOwn() {
        Map<String, String> notes = new ConcurrentHashMap<>();
        notes.put(PredictionRunner.checkpointKey("replicate"), "p-elsewhere");
        CallCheckpoint checkpoint = notes(notes);
        routes.on("GET", "/v1/predictions/p-elsewhere", NOT_FOUND);
        routes.on("POST", CREATE, json(201, prediction("p-new", "starting", "null")));
        routes.on("GET", "/v1/predictions/p-new", succeeded("p-new"));
        CallContext resumed = ctx(Duration.ofMinutes(10)).withCheckpoint(checkpoint);

        SpeechResult r = polling().synthesize(request("Hello there.", AudioFormat.WAV_PCM16_24K), resumed);

        assertEquals("replicate", r.provider());
        assertEquals(1, routes.count("GET", "/v1/predictions/p-elsewhere"));
        assertEquals(1, routes.count("POST", CREATE));
        assertEquals("p-new", notes.get(PredictionRunner.checkpointKey("replicate")), "the new prediction's id is kept");
    }

    @Test
    void aResumedCallWhoseStatusCheckFailsOtherwiseKeepsItsNoteAndPaysForNothing() {
        Map<String, String> notes = new ConcurrentHashMap<>(Map.of(PredictionRunner.checkpointKey("replicate"), "p-running"));
        CallCheckpoint checkpoint = notes(notes);
        routes.on("GET", "/v1/predictions/p-running", new MockResponse.Builder().code(503).body("").build());
        CallContext resumed = ctx(Duration.ofMinutes(10)).withCheckpoint(checkpoint);
        assertThrows(ProviderUnavailableException.class,
                () -> polling().synthesize(request("Hello there.", AudioFormat.WAV_PCM16_24K), resumed));
        assertEquals(0, routes.count("POST", CREATE));
        assertEquals("p-running", notes.get(PredictionRunner.checkpointKey("replicate")));
    }
}
