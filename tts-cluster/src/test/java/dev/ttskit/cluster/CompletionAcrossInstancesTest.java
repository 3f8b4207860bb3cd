package dev.ttskit.cluster;

import dev.ttskit.replicate.WebhookHandler;
import dev.ttskit.replicate.WebhookOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Instance A (a JVM of its own) waits for predictions; instance B (this JVM) receives Replicate's
 * webhooks with a {@link WebhookRecorder}. Both on one real PostgreSQL.
 */
class CompletionAcrossInstancesTest {
    private static String url;
    private static TtsCluster b;
    private static WebhookRecorder recorder;

    @BeforeAll
    static void start() {
        url = Postgres.shared().newDatabase();
        b = TtsCluster.builder().jdbcUrl(url, null, null).build();
        recorder = WebhookRecorder.start(b, Webhooks.SECRET, new InetSocketAddress("127.0.0.1", 0), "/webhooks/replicate");
    }

    @AfterAll
    static void stop() {
        recorder.close();
        b.close();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void aWebhookDeliveredToBCompletesTheCallWaitingOnAWithinOneSecond() throws Exception {
        try (Node a = Node.start(url)) {
            // One delivery first, so the measured one meets warm connections on both sides.
            a.send("await p-warm");
            byte[] warm = Webhooks.prediction("p-warm", "succeeded");
            assertEquals(200, Webhooks.post(recorder.address(), "/webhooks/replicate", Webhooks.headers("msg_warm", now(), warm, Webhooks.SECRET), warm));
            a.expect("COMPLETED p-warm", Duration.ofSeconds(10));
            a.send("await p-across");
            a.expect("WAITING p-across", Duration.ofSeconds(10));
            byte[] body = Webhooks.prediction("p-across", "succeeded");
            long sent = System.nanoTime();
            assertEquals(200, Webhooks.post(recorder.address(), "/webhooks/replicate", Webhooks.headers("msg_across", now(), body, Webhooks.SECRET), body));
            String line = a.expect("COMPLETED p-across", Duration.ofSeconds(1));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertEquals("COMPLETED p-across " + body.length, line);
            assertTrue(millis < 1_000, "delivered in " + millis + " ms");
        }
    }

    /**
     * The whole path: instance A configured from settings (Replicate with webhooks, the cluster
     * database) creates a prediction and waits; Replicate (loopback) delivers the webhook to B's
     * recorder; A's call returns the audio the webhook carried, which polling never would.
     */
    @Test
    void aReplicateCallOnAIsCompletedByTheWebhookBReceives() throws Exception {
        java.util.concurrent.CompletableFuture<String> created = new java.util.concurrent.CompletableFuture<>();
        try (mockwebserver3.MockWebServer replicate = new mockwebserver3.MockWebServer()) {
            replicate.setDispatcher(new mockwebserver3.Dispatcher() {
                @Override
                public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                    String path = request.getUrl().encodedPath();
                    if (request.getMethod().equals("POST") && path.endsWith("/predictions")) {
                        created.complete("p-replicate");
                        return json(201, "{\"id\":\"p-replicate\",\"status\":\"starting\",\"output\":null,\"error\":null,"
                                + "\"urls\":{\"get\":\"https://api.replicate.com/v1/predictions/p-replicate\"}}");
                    }
                    // Never finished when asked: only the webhook can complete the call in time.
                    return json(200, "{\"id\":\"p-replicate\",\"status\":\"processing\",\"output\":null,\"error\":null}");
                }
            });
            replicate.start();
            String base = "http://127.0.0.1:" + replicate.getPort() + "/v1";
            try (Node a = Node.start(url, "replicate=" + base)) {
                a.send("say Hello from the cluster.");
                assertEquals("p-replicate", created.get(20, TimeUnit.SECONDS));
                // Whether A already waits on the bus or not yet, the completion reaches it (notified, or read from the table).
                byte[] wav = dev.ttskit.testkit.MockAudio.tone(dev.ttskit.audio.AudioFormat.WAV_PCM16_24K, Duration.ofSeconds(1));
                byte[] body = ("{\"id\":\"p-replicate\",\"status\":\"succeeded\",\"error\":null,\"output\":\"data:audio/wav;base64,"
                        + java.util.Base64.getEncoder().encodeToString(wav) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                assertEquals(200, Webhooks.post(recorder.address(), "/webhooks/replicate", Webhooks.headers("msg_replicate", now(), body, Webhooks.SECRET), body));
                // Polling never finishes here, so any answer is the webhook's. How fast a warm instance
                // gets it is the test above's; this cold JVM still decodes and checks the audio first.
                String said = a.expect("SAID", Duration.ofSeconds(10));
                assertTrue(said.startsWith("SAID replicate "), said);
            }
        }
    }

    private static mockwebserver3.MockResponse json(int code, String body) {
        return new mockwebserver3.MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void aCompletionRecordedBeforeTheWaiterListensIsReadFromTheTable() throws Exception {
        byte[] body = Webhooks.prediction("p-early", "failed");
        assertEquals(200, Webhooks.post(recorder.address(), "/webhooks/replicate", Webhooks.headers("msg_early", now(), body, Webhooks.SECRET), body));
        try (Node a = Node.start(url)) {
            a.send("await p-early");
            assertEquals("COMPLETED p-early " + body.length, a.expect("COMPLETED p-early", Duration.ofSeconds(5)));
        }
    }

    @Test
    void aReplayedDeliveryIdIsRefusedOnTheOtherInstance() throws Exception {
        byte[] body = Webhooks.prediction("p-replay", "succeeded");
        var headers = Webhooks.headers("msg_replay", now(), body, Webhooks.SECRET);
        assertEquals(200, Webhooks.post(recorder.address(), "/webhooks/replicate", headers, body));
        try (TtsCluster other = TtsCluster.builder().jdbcUrl(url, null, null).build()) {
            // Another instance, with a replay guard of its own that never saw the id: the database did.
            WebhookHandler handler = WebhookHandler.create(Webhooks.SECRET, other.completionBus(), Clock.systemUTC());
            assertEquals(WebhookOutcome.REPLAYED, handler.handle(headers, body));
            byte[] fresh = Webhooks.prediction("p-replay-2", "succeeded");
            assertEquals(WebhookOutcome.ACCEPTED, handler.handle(Webhooks.headers("msg_fresh", now(), fresh, Webhooks.SECRET), fresh));
            assertArrayEquals(fresh, other.completionBus().await("p-replay-2").get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void forgedAndStaleWebhooksAreRefusedAndRecordNothing() throws Exception {
        byte[] body = Webhooks.prediction("p-forged", "succeeded");
        String otherSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertEquals(401, Webhooks.post(recorder.address(), "/webhooks/replicate", Webhooks.headers("msg_forged", now(), body, otherSecret), body));
        assertEquals(401, Webhooks.post(recorder.address(), "/webhooks/replicate",
                Webhooks.headers("msg_stale", now() - 3600, body, Webhooks.SECRET), body));
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM ttskit_completion WHERE job_id = 'p-forged'")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
        // A forged delivery's id is not burnt: the genuine one with that id is still processed.
        assertEquals(200, Webhooks.post(recorder.address(), "/webhooks/replicate", Webhooks.headers("msg_forged", now(), body, Webhooks.SECRET), body));
        assertTrue(b.completionBus().finished("p-forged"));
    }

    @Test
    void oldCompletionsAndDeliveryIdsAreCleanedUp() throws Exception {
        try (TtsCluster shortKeep = TtsCluster.builder().jdbcUrl(url, null, null).completionKeep(Duration.ofSeconds(1)).build()) {
            assertTrue(shortKeep.completionBus().publish("p-old", Webhooks.prediction("p-old", "succeeded")));
            shortKeep.completionBus().recordDelivery("msg_old");
            try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("UPDATE ttskit_completion SET created_at = now() - interval '1 hour' WHERE job_id = 'p-old'");
                s.execute("UPDATE ttskit_webhook_delivery SET created_at = now() - interval '1 hour' WHERE delivery_id = 'msg_old'");
            }
            shortKeep.cleanUp();
            assertTrue(!shortKeep.completionBus().finished("p-old"));
            assertTrue(!shortKeep.completionBus().delivered("msg_old"));
        }
    }
}
