package dev.ttskit.replicate;

import dev.ttskit.testkit.ManualClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ttskit.CancelledException;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.replicate.internal.WebhookVerifier;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.ttskit.replicate.Fixtures.audio;
import static dev.ttskit.replicate.Fixtures.json;
import static dev.ttskit.replicate.Fixtures.prediction;
import static dev.ttskit.replicate.Fixtures.quoted;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompletionStrategyTest extends ReplicateTestBase {
    private static final String MINIMAX = "/v1/models/minimax/speech-02-turbo/predictions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final byte[] wav = Fixtures.wav(24_000, 2_400);

    @Test
    void syncCreateSendsPreferWaitAndCancelAfterAndDownloadsTheOutput() throws Exception {
        routes.on("POST", MINIMAX, json(201, prediction("pw050dtb51rj40cjb2vrcw97b8", "succeeded", quoted(fileUrl("out.wav")))));
        routes.on("GET", "/files/out.wav", audio(wav, "audio/wav"));
        ReplicateProvider p = provider("minimax/speech-02-turbo").syncWaitSeconds(10).build();
        assertEquals(CompletionStrategy.SYNC, p.completionStrategy());

        SpeechResult r = p.synthesize(request("Hello from the SDK.", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(120)));

        assertArrayEquals(wav, r.audioBytes());
        assertEquals(AudioFormat.WAV_PCM16_24K, r.format());
        assertEquals("pw050dtb51rj40cjb2vrcw97b8", r.providerRequestId().orElseThrow());
        RecordedRequest create = routes.first("POST", MINIMAX);
        assertEquals("wait=10", create.getHeaders().get("Prefer"));
        assertEquals("Bearer " + TOKEN, create.getHeaders().get("Authorization"));
        String cancelAfter = create.getHeaders().get("Cancel-After");
        assertTrue(cancelAfter.equals("2m") || cancelAfter.equals("1m59s") || cancelAfter.equals("1m58s"), cancelAfter);
        JsonNode body = JSON.readTree(create.getBody().utf8());
        assertFalse(body.has("version"), "models endpoint takes no version");
        assertFalse(body.has("webhook"));
        assertEquals("wav", body.at("/input/audio_format").asText());
        assertEquals(24_000, body.at("/input/sample_rate").asInt());
        assertEquals("Hello from the SDK.", body.at("/input/text").asText());
        assertNull(routes.first("GET", "/files/out.wav").getHeaders().get("Authorization"), "no token on downloads");
    }

    @Test
    void syncAcceptsADataUriWhileStillProcessing() {
        // Spec X3: output already filled, status processing, version a deployment id, model differs.
        String x3 = "{\"id\":\"b7x1c9m2p4q6r8s0t2v4w6y8z0\",\"model\":\"replicate-internal/kokoro-82m-gpu\",\"version\":\"dp-a557b7387b4940df25b23f779dc534c4\","
                + "\"input\":{\"text\":\"Hi.\",\"voice\":\"af_bella\",\"speed\":1},\"logs\":\"\",\"output\":\"data:audio/wav;base64,UklGRjQAAABXQVZFZm10IBAAAAABAAEAwF0AAIC7AAACABAAZGF0YRAAAAAAALAEYAmwBAAAUPug9lD7\","
                + "\"data_removed\":false,\"error\":null,\"status\":\"processing\",\"created_at\":\"2024-10-04T18:07:40.328Z\",\"started_at\":\"2024-10-04T18:07:40.51Z\","
                + "\"urls\":{\"get\":\"https://api.replicate.com/v1/predictions/b7x1c9m2p4q6r8s0t2v4w6y8z0\",\"cancel\":\"https://api.replicate.com/v1/predictions/b7x1c9m2p4q6r8s0t2v4w6y8z0/cancel\"}}";
        routes.on("POST", "/v1/predictions", json(201, x3));
        ReplicateProvider p = provider("jaaari/kokoro-82m:f559560eb822dc509045f3921a1921234918b91739db4bf3daab2169b71c7a13").build();

        SpeechResult r = p.synthesize(request("Hi.", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(30)));

        assertEquals(60, r.size());
        assertEquals(AudioFormat.WAV_PCM16_24K, r.format());
        assertEquals(1, routes.requests.size(), "no poll and no download for a data URI");
        assertEquals("f559560eb822dc509045f3921a1921234918b91739db4bf3daab2169b71c7a13",
                readJson(routes.first("POST", "/v1/predictions")).path("version").asText());
    }

    @Test
    void syncFallsBackToPollingWhenTheWaitRunsOut() {
        routes.on("POST", MINIMAX, json(201, prediction("p1", "starting", "null")));
        routes.on("GET", "/v1/predictions/p1", json(200, prediction("p1", "processing", "null")),
                json(200, prediction("p1", "succeeded", quoted(fileUrl("out.wav")))));
        routes.on("GET", "/files/out.wav", audio(wav, null));
        ReplicateProvider p = provider("minimax/speech-02-turbo").build();

        SpeechResult r = p.synthesize(request("Hello", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(30)));

        assertArrayEquals(wav, r.audioBytes());
        assertEquals(2, routes.count("GET", "/v1/predictions/p1"));
        assertEquals(2, sleeps.size());
    }

    @Test
    void pollingIsOptInAndBacksOffWithJitter() {
        routes.on("POST", MINIMAX, json(201, prediction("p2", "starting", "null")));
        routes.on("GET", "/v1/predictions/p2", json(200, prediction("p2", "starting", "null")),
                json(200, prediction("p2", "processing", "null")), json(200, prediction("p2", "weird-new-status", "null")),
                json(200, prediction("p2", "processing", "null")), json(200, prediction("p2", "succeeded", quoted(fileUrl("a.wav")))));
        routes.on("GET", "/files/a.wav", audio(wav, "application/octet-stream"));
        ReplicateProvider p = provider("minimax/speech-02-turbo").completion(CompletionStrategy.POLLING).build();

        p.synthesize(request("Hello", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(60)));

        assertNull(routes.first("POST", MINIMAX).getHeaders().get("Prefer"), "polling creates asynchronously");
        assertEquals(5, sleeps.size());
        assertTrue(sleeps.get(0).toMillis() >= 320 && sleeps.get(0).toMillis() <= 480, sleeps.toString());
        assertTrue(sleeps.get(4).toMillis() > sleeps.get(0).toMillis() * 2, "grows: " + sleeps);
        sleeps.forEach(d -> assertTrue(d.toMillis() <= 5_000, sleeps.toString()));
    }

    @Test
    void pollingStopsAtTheDeadlineAndCancelsThePrediction() throws Exception {
        routes.on("POST", MINIMAX, json(201, prediction("p3", "starting", "null")));
        routes.on("GET", "/v1/predictions/p3", json(200, prediction("p3", "processing", "null")));
        routes.on("POST", "/v1/predictions/p3/cancel", json(200, prediction("p3", "canceled", "null")));
        ManualClock clock = new ManualClock(Instant.parse("2025-10-20T10:00:00Z"));
        ReplicateProvider p = provider("minimax/speech-02-turbo").completion(CompletionStrategy.POLLING)
                .sleeper(d -> { sleeps.add(d); clock.advance(d); }).build();
        CallContext ctx = CallContext.of(Duration.ofSeconds(20), clock, new CancellationToken(), resources);

        TtsTimeoutException e = assertThrows(TtsTimeoutException.class,
                () -> p.synthesize(request("Hello", AudioFormat.WAV_PCM16_24K), ctx));

        assertEquals("p3", e.requestId().orElseThrow());
        awaitRequest("POST", "/v1/predictions/p3/cancel");
        assertEquals(Duration.ofSeconds(20), sleeps.stream().reduce(Duration.ZERO, Duration::plus));
    }

    @Test
    void callerCancelWhilePollingCancelsThePrediction() throws Exception {
        routes.on("POST", MINIMAX, json(201, prediction("p4", "starting", "null")));
        routes.on("GET", "/v1/predictions/p4", json(200, prediction("p4", "processing", "null")));
        routes.on("POST", "/v1/predictions/p4/cancel", json(200, prediction("p4", "canceled", "null")));
        CancellationToken token = new CancellationToken();
        ReplicateProvider p = provider("minimax/speech-02-turbo").completion(CompletionStrategy.POLLING)
                .sleeper(d -> { if (sleeps.add(d) && sleeps.size() == 2) token.cancel(); }).build();

        CancelledException e = assertThrows(CancelledException.class, () -> p.synthesize(request("Hello", AudioFormat.WAV_PCM16_24K),
                CallContext.of(Duration.ofSeconds(30), Clock.systemUTC(), token, resources)));

        assertEquals("p4", e.requestId().orElseThrow());
        awaitRequest("POST", "/v1/predictions/p4/cancel");
    }

    @Test
    void webhookModeSendsTheWebhookAndCompletesOnTheSignedDelivery() throws Exception {
        ReplicateProvider p = webhookProvider().build();
        assertEquals(CompletionStrategy.WEBHOOK, p.completionStrategy());
        routes.on("POST", MINIMAX, json(201, prediction("w1", "starting", "null")));
        routes.on("GET", "/files/w1.wav", audio(wav, "audio/x-wav"));

        CompletableFuture<SpeechResult> call = CompletableFuture.supplyAsync(
                () -> p.synthesize(request("Hello", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(30))));
        RecordedRequest create = awaitRequest("POST", MINIMAX);
        byte[] done = prediction("w1", "succeeded", quoted(fileUrl("w1.wav"))).getBytes(StandardCharsets.UTF_8);
        byte[] progress = prediction("w1", "processing", "null").getBytes(StandardCharsets.UTF_8);
        assertEquals(WebhookOutcome.IGNORED, p.webhookHandler().handle(signed("msg_a", progress), progress));
        assertEquals(WebhookOutcome.ACCEPTED, p.webhookHandler().handle(signed("msg_b", done), done));

        assertArrayEquals(wav, call.get(10, TimeUnit.SECONDS).audioBytes());
        JsonNode body = readJson(create);
        assertEquals("https://hooks.example.com/replicate?job=123", body.path("webhook").asText());
        assertEquals("[\"completed\"]", body.path("webhook_events_filter").toString());
        assertNull(create.getHeaders().get("Prefer"));
        assertEquals(0, routes.count("GET", "/v1/predictions/w1"), "the webhook made a poll unnecessary");
        // A late duplicate and an out-of-order event after completion change nothing.
        assertEquals(WebhookOutcome.REPLAYED, p.webhookHandler().handle(signed("msg_b", done), done));
        assertEquals(WebhookOutcome.IGNORED, p.webhookHandler().handle(signed("msg_c", done), done));
        assertEquals(WebhookOutcome.IGNORED, p.webhookHandler().handle(signed("msg_d", progress), progress));
    }

    @Test
    void aWebhookThatOvertakesTheCreateResponseStillCompletesTheCall() throws Exception {
        ReplicateProvider p = webhookProvider().build();
        byte[] done = prediction("w2", "succeeded", quoted(fileUrl("w2.wav"))).getBytes(StandardCharsets.UTF_8);
        routes.onDynamic("POST", MINIMAX, req -> {
            // Replicate delivers the webhook before the create response reaches the caller.
            assertEquals(WebhookOutcome.ACCEPTED, p.webhookHandler().handle(signed("msg_early", done), done));
            return json(201, prediction("w2", "starting", "null"));
        });
        routes.on("GET", "/files/w2.wav", audio(wav, "audio/wav"));

        SpeechResult r = p.synthesize(request("Hello", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(30)));

        assertArrayEquals(wav, r.audioBytes());
        assertEquals(0, routes.count("GET", "/v1/predictions/w2"));
    }

    @Test
    void aLostWebhookIsReconciledWithAGet() {
        ReplicateProvider p = webhookProvider().webhookPatience(Duration.ofMillis(30)).build();
        routes.on("POST", MINIMAX, json(201, prediction("w3", "starting", "null")));
        routes.on("GET", "/v1/predictions/w3", json(200, prediction("w3", "processing", "null")),
                json(200, prediction("w3", "succeeded", quoted(fileUrl("w3.wav")))));
        routes.on("GET", "/files/w3.wav", audio(wav, "audio/wav"));

        SpeechResult r = p.synthesize(request("Hello", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(30)));

        assertArrayEquals(wav, r.audioBytes());
        assertEquals(2, routes.count("GET", "/v1/predictions/w3"));
    }

    @Test
    void withoutAWebhookTheCallChecksOnceBeforeTheDeadlineThenCancels() throws Exception {
        ReplicateProvider p = webhookProvider().build();
        routes.on("POST", MINIMAX, json(201, prediction("w4", "starting", "null")));
        routes.on("GET", "/v1/predictions/w4", json(200, prediction("w4", "processing", "null")));
        routes.on("POST", "/v1/predictions/w4/cancel", json(200, prediction("w4", "canceled", "null")));

        TtsTimeoutException e = assertThrows(TtsTimeoutException.class,
                () -> p.synthesize(request("Hello", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofMillis(700))));

        assertEquals("w4", e.requestId().orElseThrow());
        assertEquals(1, routes.count("GET", "/v1/predictions/w4"), "exactly one reconciling GET");
        awaitRequest("POST", "/v1/predictions/w4/cancel");
    }

    @Test
    void callerCancelWhileWaitingForTheWebhookCancelsThePrediction() throws Exception {
        ReplicateProvider p = webhookProvider().build();
        routes.on("POST", MINIMAX, json(201, prediction("w5", "starting", "null")));
        routes.on("POST", "/v1/predictions/w5/cancel", json(200, prediction("w5", "canceled", "null")));
        CancellationToken token = new CancellationToken();
        CompletableFuture<SpeechResult> call = CompletableFuture.supplyAsync(() -> p.synthesize(
                request("Hello", AudioFormat.WAV_PCM16_24K), CallContext.of(Duration.ofSeconds(30), Clock.systemUTC(), token, resources)));
        awaitRequest("POST", MINIMAX);
        token.cancel();

        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
        CancelledException cancelled = assertInstanceOf(CancelledException.class, e.getCause());
        awaitRequest("POST", "/v1/predictions/w5/cancel");
        // The create may have answered before the registration; either way the id is known when cancelled after it.
        assertEquals("w5", cancelled.requestId().orElseThrow());
    }

    @Test
    void theWebhookSecretIsFetchedOnceWhenNotConfigured() throws Exception {
        ReplicateProvider p = provider("minimax/speech-02-turbo").webhookUrl("https://hooks.example.com/replicate").build();
        routes.on("GET", "/v1/webhooks/default/secret", json(200, "{\"key\":\"" + SECRET + "\"}"));
        routes.on("POST", MINIMAX, json(201, prediction("w6", "starting", "null")), json(201, prediction("w7", "starting", "null")));
        routes.on("GET", "/files/out.wav", audio(wav, "audio/wav"));
        byte[] before = prediction("w6", "succeeded", quoted(fileUrl("out.wav"))).getBytes(StandardCharsets.UTF_8);
        assertEquals(WebhookOutcome.NOT_READY, p.webhookHandler().handle(signed("msg_0", before), before));

        for (String id : List.of("w6", "w7")) {
            CompletableFuture<SpeechResult> call = CompletableFuture.supplyAsync(
                    () -> p.synthesize(request("Hello", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(30))));
            awaitRequest("POST", MINIMAX);
            byte[] done = prediction(id, "succeeded", quoted(fileUrl("out.wav"))).getBytes(StandardCharsets.UTF_8);
            assertEquals(WebhookOutcome.ACCEPTED, p.webhookHandler().handle(signed("msg_" + id, done), done));
            assertArrayEquals(wav, call.get(10, TimeUnit.SECONDS).audioBytes());
        }
        assertEquals(1, routes.count("GET", "/v1/webhooks/default/secret"));
    }

    @Test
    void closingTheProviderReleasesCallsWaitingForAWebhook() throws Exception {
        ReplicateProvider p = webhookProvider().build();
        routes.on("POST", MINIMAX, json(201, prediction("w8", "starting", "null")));
        routes.on("POST", "/v1/predictions/w8/cancel", json(200, prediction("w8", "canceled", "null")));
        CompletableFuture<SpeechResult> call = CompletableFuture.supplyAsync(
                () -> p.synthesize(request("Hello", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(60))));
        awaitRequest("POST", MINIMAX);
        p.close();

        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
        dev.ttskit.ProviderUnavailableException failure = assertInstanceOf(dev.ttskit.ProviderUnavailableException.class, e.getCause());
        assertEquals("w8", failure.requestId().orElseThrow());
        assertThrows(IllegalStateException.class, () -> p.synthesize(request("Hello", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(5))));
    }

    private ReplicateProvider.Builder webhookProvider() {
        return provider("minimax/speech-02-turbo").webhookUrl("https://hooks.example.com/replicate?job=123").webhookSecret(SECRET);
    }

    static Map<String, List<String>> signed(String msgId, byte[] body) {
        String ts = Long.toString(Instant.now().getEpochSecond());
        return Map.of("Webhook-Id", List.of(msgId), "webhook-timestamp", List.of(ts),
                "WEBHOOK-SIGNATURE", List.of(WebhookVerifier.sign(WebhookVerifier.key(SECRET), msgId, ts, body)));
    }

    private RecordedRequest awaitRequest(String method, String path) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            RecordedRequest r = server.takeRequest(100, TimeUnit.MILLISECONDS);
            if (r != null && r.getMethod().equals(method) && r.getUrl().encodedPath().equals(path)) return r;
        }
        throw new AssertionError("no " + method + " " + path + " arrived; seen " + routes.requests);
    }

    private static JsonNode readJson(RecordedRequest r) {
        try {
            return JSON.readTree(r.getBody().utf8());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
