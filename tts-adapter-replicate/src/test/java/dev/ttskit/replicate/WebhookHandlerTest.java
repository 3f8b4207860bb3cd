package dev.ttskit.replicate;

import dev.ttskit.spi.CompletionBus;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.replicate.internal.WebhookVerifier;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.ttskit.replicate.Fixtures.prediction;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookHandlerTest {
    private static final String SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private static final byte[] KEY = WebhookVerifier.key(SECRET);
    private final ManualClock clock = new ManualClock(Instant.parse("2025-10-20T10:00:00Z"));
    private final CompletionBus bus = CompletionBus.inMemory(clock, Duration.ofMinutes(2));
    private final WebhookHandler handler = WebhookHandler.create(SECRET, bus, clock);

    private Map<String, List<String>> headers(String id, long ts, byte[] body) {
        String t = Long.toString(ts);
        Map<String, List<String>> h = new HashMap<>();
        h.put("webhook-id", List.of(id));
        h.put("webhook-timestamp", List.of(t));
        h.put("webhook-signature", List.of(WebhookVerifier.sign(KEY, id, t, body)));
        return h;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void terminalEventCompletesTheWaitingFutureWithTheRawBody() throws Exception {
        CompletableFuture<byte[]> waiting = bus.await("p1");
        byte[] body = bytes(prediction("p1", "succeeded", "\"https://replicate.delivery/x/out.wav\""));
        assertEquals(WebhookOutcome.ACCEPTED, handler.handle(headers("msg_1", now(), body), body));
        assertArrayEquals(body, waiting.get(1, TimeUnit.SECONDS));
    }

    @Test
    void theSpecsTtsCompletionVectorIsAcceptedAndDelivered() throws Exception {
        ManualClock at = new ManualClock(Instant.ofEpochSecond(1760954403L + 299));
        CompletionBus vectorBus = CompletionBus.inMemory(at, Duration.ofMinutes(2));
        WebhookHandler vectorHandler = WebhookHandler.create(SECRET, vectorBus, at);
        CompletableFuture<byte[]> waiting = vectorBus.await("k3cg51x8vdrga0cmbzj9ttswzg");
        byte[] body = bytes(dev.ttskit.replicate.internal.WebhookVerifierTest.V3_BODY);
        Map<String, List<String>> h = Map.of("webhook-id", List.of("msg_2tts9W4oZp0q3k1mVb8sRtYx7Ae"),
                "webhook-timestamp", List.of("1760954403"),
                "webhook-signature", List.of("v1,V9ed9pBzilv6nqIv8CACdD90Dk8xKXCSm8X7dtrfGc4="));
        assertEquals(WebhookOutcome.ACCEPTED, vectorHandler.handle(h, body));
        assertArrayEquals(body, waiting.get(1, TimeUnit.SECONDS));
        at.advance(Duration.ofSeconds(2));
        assertEquals(WebhookOutcome.STALE_TIMESTAMP, WebhookHandler.create(SECRET, vectorBus, at).handle(h, body));
    }

    @Test
    void replayedIdIsAcknowledgedButNotProcessedAgain() {
        byte[] body = bytes(prediction("p2", "failed", "null"));
        assertEquals(WebhookOutcome.ACCEPTED, handler.handle(headers("msg_2", now(), body), body));
        WebhookOutcome replay = handler.handle(headers("msg_2", now(), body), body);
        assertEquals(WebhookOutcome.REPLAYED, replay);
        assertEquals(200, replay.httpStatus());
    }

    @Test
    void aRefusedDeliveryIsRefusedAgainOnRetryNotAcknowledgedAsAReplay() {
        byte[] notAPrediction = bytes("{\"status\":\"succeeded\"}");
        Map<String, List<String>> h = headers("msg_bad", now(), notAPrediction);
        assertEquals(WebhookOutcome.MALFORMED, handler.handle(h, notAPrediction));
        assertEquals(WebhookOutcome.MALFORMED, handler.handle(h, notAPrediction), "the retry must not be answered 200 replayed");
    }

    @Test
    void aBusThatFailsIsAnswered500AndTheRetryIsProcessed() throws Exception {
        java.util.concurrent.atomic.AtomicInteger failuresLeft = new java.util.concurrent.atomic.AtomicInteger(1);
        CompletionBus flaky = new CompletionBus() {
            @Override
            public CompletableFuture<byte[]> await(String predictionId) {
                return bus.await(predictionId);
            }

            @Override
            public boolean publish(String predictionId, byte[] predictionJson) {
                if (failuresLeft.getAndDecrement() > 0) throw new IllegalStateException("shared store unreachable");
                return bus.publish(predictionId, predictionJson);
            }

            @Override
            public boolean finished(String predictionId) {
                return bus.finished(predictionId);
            }

            @Override
            public void forget(String predictionId) {
                bus.forget(predictionId);
            }

            @Override
            public void close() {
                bus.close();
            }
        };
        WebhookHandler h = WebhookHandler.create(SECRET, flaky, clock);
        CompletableFuture<byte[]> waiting = flaky.await("p9");
        byte[] body = bytes(prediction("p9", "succeeded", "null"));
        WebhookOutcome first = h.handle(headers("msg_p9", now(), body), body);
        assertEquals(WebhookOutcome.FAILED, first);
        assertEquals(500, first.httpStatus());
        assertFalse(waiting.isDone());
        assertEquals(WebhookOutcome.ACCEPTED, h.handle(headers("msg_p9", now(), body), body), "the retry is processed");
        assertArrayEquals(body, waiting.get(1, TimeUnit.SECONDS));
        assertEquals(WebhookOutcome.REPLAYED, h.handle(headers("msg_p9", now(), body), body));
    }

    @Test
    void nonTerminalEventsAreIgnoredAndDoNotComplete() {
        CompletableFuture<byte[]> waiting = bus.await("p3");
        for (String status : List.of("starting", "processing", "something-new")) {
            byte[] body = bytes(prediction("p3", status, "null"));
            assertEquals(WebhookOutcome.IGNORED, handler.handle(headers("msg_" + status, now(), body), body));
        }
        assertFalse(waiting.isDone());
    }

    @Test
    void staleFutureAndBadlySignedDeliveriesAreRefusedWithTheRightStatus() {
        byte[] body = bytes(prediction("p4", "succeeded", "null"));
        assertEquals(401, handler.handle(headers("msg_a", now() - 301, body), body).httpStatus());
        assertEquals(WebhookOutcome.STALE_TIMESTAMP, handler.handle(headers("msg_b", now() + 301, body), body));
        assertEquals(WebhookOutcome.ACCEPTED, handler.handle(headers("msg_c", now() - 299, body), body));
        Map<String, List<String>> h = headers("msg_d", now(), body);
        byte[] tampered = bytes(prediction("p5", "succeeded", "null"));
        assertEquals(WebhookOutcome.BAD_SIGNATURE, handler.handle(h, tampered));
        h.remove("webhook-signature");
        assertEquals(WebhookOutcome.MALFORMED, handler.handle(h, body));
        assertEquals(WebhookOutcome.MALFORMED, handler.handle(null, body));
        assertEquals(WebhookOutcome.MALFORMED, handler.handle(headers("msg_e", now(), body), null));
        WebhookOutcome wrongSecret = WebhookHandler.create("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", bus, clock)
                .handle(headers("msg_f", now(), body), body);
        assertEquals(WebhookOutcome.BAD_SIGNATURE, wrongSecret);
    }

    @Test
    void signedButNonPredictionBodiesAreMalformed() {
        for (String s : List.of("not json", "[1,2]", "{\"status\":\"succeeded\"}", "{\"id\":17}", "")) {
            byte[] body = bytes(s);
            assertEquals(WebhookOutcome.MALFORMED, handler.handle(headers("msg_" + s.hashCode(), now(), body), body), s);
        }
    }

    @Test
    void oversizedBodyIsRefused() {
        byte[] body = new byte[WebhookHandler.MAX_BODY_BYTES + 1];
        assertEquals(WebhookOutcome.TOO_LARGE, handler.handle(headers("msg_big", now(), body), body));
    }

    @Test
    void concurrentDuplicateAndOutOfOrderDeliveriesCompleteTheCallExactlyOnce() throws Exception {
        CompletableFuture<byte[]> waiting = bus.await("p6");
        byte[] done = bytes(prediction("p6", "succeeded", "\"https://replicate.delivery/x/out.wav\""));
        byte[] progress = bytes(prediction("p6", "processing", "null"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<WebhookOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String id = "msg_" + (i % 4);            // retries share an id; different ids are duplicates
                byte[] body = i % 5 == 0 ? progress : done;
                Map<String, List<String>> h = headers(id + (body == progress ? "p" : ""), now(), body);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return handler.handle(h, body);
                }));
            }
            start.countDown();
            Map<WebhookOutcome, Integer> counts = new EnumMap<>(WebhookOutcome.class);
            for (Future<WebhookOutcome> f : outcomes) counts.merge(f.get(5, TimeUnit.SECONDS), 1, Integer::sum);
            assertEquals(1, counts.get(WebhookOutcome.ACCEPTED), counts.toString());
            assertTrue(counts.keySet().stream().allMatch(WebhookOutcome::acknowledged), counts.toString());
            assertArrayEquals(done, waiting.get(1, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void earlyEventsAreKeptForAWhileThenDropped() {
        byte[] body = bytes(prediction("p7", "succeeded", "null"));
        assertEquals(WebhookOutcome.ACCEPTED, handler.handle(headers("msg_p7", now(), body), body));
        assertTrue(bus.await("p7").isDone(), "an event that overtook the create response is waiting");

        byte[] later = bytes(prediction("p8", "succeeded", "null"));
        assertEquals(WebhookOutcome.ACCEPTED, handler.handle(headers("msg_p8", now(), later), later));
        clock.advance(Duration.ofMinutes(3));
        assertFalse(bus.await("p8").isDone(), "kept only for a while");
    }

    /** Seeded fuzzing: random headers and bodies, and random mutations of valid deliveries. */
    @Test
    void randomInputNeverThrowsAndMutationsNeverVerify() {
        Random random = new Random(0x5EED_CAFEL);
        String[] names = {"webhook-id", "Webhook-Timestamp", "WEBHOOK-SIGNATURE", "content-type", null, ""};
        int accepted = 0;
        for (int i = 0; i < 3_000; i++) {
            Map<String, List<String>> h = new HashMap<>();
            int n = random.nextInt(5);
            for (int k = 0; k < n; k++) {
                List<String> values = new ArrayList<>();
                int m = random.nextInt(3);
                for (int v = 0; v < m; v++) values.add(random.nextInt(10) == 0 ? null : randomText(random));
                h.put(names[random.nextInt(names.length)], random.nextInt(20) == 0 ? null : values);
            }
            byte[] body = new byte[random.nextInt(200)];
            random.nextBytes(body);
            WebhookOutcome o = handler.handle(h, random.nextInt(50) == 0 ? null : body);
            assertFalse(o == WebhookOutcome.ACCEPTED || o == WebhookOutcome.IGNORED || o == WebhookOutcome.REPLAYED, o.toString());
        }
        for (int i = 0; i < 2_000; i++) {
            byte[] body = bytes(prediction("fz" + i, "succeeded", "null"));
            Map<String, List<String>> h = headers("msg_fz" + i, now(), body);
            byte[] sent = body;
            switch (random.nextInt(4)) {
                case 0 -> {
                    sent = body.clone();
                    sent[random.nextInt(sent.length)] ^= (byte) (1 + random.nextInt(255));
                }
                case 1 -> h.put("webhook-id", List.of("msg_fz" + i + "x"));
                case 2 -> h.put("webhook-timestamp", List.of(Long.toString(now() + 1 + random.nextInt(200))));
                default -> {
                    String sig = h.get("webhook-signature").get(0);
                    char[] c = sig.toCharArray();
                    int at = 3 + random.nextInt(c.length - 4);
                    c[at] = c[at] == 'A' ? 'B' : 'A';
                    h.put("webhook-signature", List.of(new String(c)));
                }
            }
            WebhookOutcome o = handler.handle(h, sent);
            if (o == WebhookOutcome.ACCEPTED) accepted++;
            assertNotEquals(WebhookOutcome.ACCEPTED, o);
        }
        assertEquals(0, accepted);
    }

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int len = random.nextInt(40);
        for (int i = 0; i < len; i++) sb.append((char) (random.nextInt(10) == 0 ? random.nextInt(0x3000) : ' ' + random.nextInt(95)));
        return sb.toString();
    }
}
