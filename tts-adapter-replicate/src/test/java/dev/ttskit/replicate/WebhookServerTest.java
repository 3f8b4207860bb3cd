package dev.ttskit.replicate;

import dev.ttskit.spi.CompletionBus;
import dev.ttskit.ApiKey;
import dev.ttskit.SpeechResult;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.replicate.internal.WebhookVerifier;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.ttskit.replicate.Fixtures.audio;
import static dev.ttskit.replicate.Fixtures.json;
import static dev.ttskit.replicate.Fixtures.prediction;
import static dev.ttskit.replicate.Fixtures.quoted;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real HTTP deliveries from OkHttp to the JDK server on loopback. */
class WebhookServerTest extends ReplicateTestBase {
    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

    @AfterEach
    void closeClient() {
        http.dispatcher().executorService().shutdownNow();
        http.connectionPool().evictAll();
    }

    private int post(InetSocketAddress at, String path, byte[] body, String msgId, long ts, String secret) throws IOException {
        String t = Long.toString(ts);
        Request.Builder rb = new Request.Builder().url("http://127.0.0.1:" + at.getPort() + path)
                .post(RequestBody.create(body, MediaType.get("application/json")));
        if (msgId != null) {
            rb.header("webhook-id", msgId).header("webhook-timestamp", t)
                    .header("webhook-signature", WebhookVerifier.sign(WebhookVerifier.key(secret), msgId, t, body));
        }
        try (Response r = http.newCall(rb.build()).execute()) {
            return r.code();
        }
    }

    @Test
    void aSignedDeliveryOverHttpCompletesTheWaitingCall() throws Exception {
        byte[] wav = Fixtures.wav(24_000, 1_200);
        routes.on("POST", "/v1/models/minimax/speech-02-turbo/predictions", json(201, prediction("s1", "starting", "null")));
        routes.on("GET", "/files/s1.wav", audio(wav, "audio/wav"));
        try (ReplicateProvider p = provider("minimax/speech-02-turbo").webhookUrl("https://hooks.example.com/hooks/replicate?job=9")
                .webhookSecret(SECRET).webhookReceiver(new InetSocketAddress("127.0.0.1", 0)).build()) {
            WebhookServer receiver = p.webhookServer().orElseThrow();
            assertEquals("/hooks/replicate", receiver.path());
            CompletableFuture<SpeechResult> call = CompletableFuture.supplyAsync(
                    () -> p.synthesize(request("Hello", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(30))));
            byte[] done = prediction("s1", "succeeded", quoted(fileUrl("s1.wav"))).getBytes(StandardCharsets.UTF_8);
            long now = Instant.now().getEpochSecond();

            assertEquals(401, post(receiver.address(), "/hooks/replicate", done, "msg_x", now, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
            assertEquals(401, post(receiver.address(), "/hooks/replicate", done, "msg_y", now - 400, SECRET));
            assertEquals(400, post(receiver.address(), "/hooks/replicate", done, null, now, SECRET));
            assertEquals(404, post(receiver.address(), "/other", done, "msg_z", now, SECRET));
            assertEquals(200, post(receiver.address(), "/hooks/replicate", done, "msg_ok", now, SECRET));
            assertEquals(200, post(receiver.address(), "/hooks/replicate", done, "msg_ok", now, SECRET), "a retry is acknowledged");

            assertArrayEquals(wav, call.get(10, TimeUnit.SECONDS).audioBytes());
            try (Response get = http.newCall(new Request.Builder().url("http://127.0.0.1:" + receiver.address().getPort()
                    + "/hooks/replicate").build()).execute()) {
                assertEquals(405, get.code());
            }
            byte[] huge = new byte[WebhookHandler.MAX_BODY_BYTES + 10];
            assertEquals(413, post(receiver.address(), "/hooks/replicate", huge, "msg_big", now, SECRET));
        }
    }

    @Test
    void closingTheProviderStopsTheReceiver() throws Exception {
        ReplicateProvider p = provider("minimax/speech-02-turbo").webhookUrl("https://hooks.example.com/r")
                .webhookSecret(SECRET).webhookReceiver(new InetSocketAddress("127.0.0.1", 0)).build();
        InetSocketAddress at = p.webhookServer().orElseThrow().address();
        try (Socket s = new Socket(at.getAddress(), at.getPort())) {
            assertTrue(s.isConnected());
        }
        p.close();
        p.close();
        assertThrows(ConnectException.class, () -> new Socket(at.getAddress(), at.getPort()).close());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("ttskit-webhook")));
    }

    @Test
    void bindAddressesAreParsedStrictly() {
        assertEquals(8080, WebhookServer.parseBind("0.0.0.0:8080").getPort());
        assertTrue(WebhookServer.parseBind("[::1]:9000").getAddress().isLoopbackAddress());
        assertThrows(IllegalArgumentException.class, () -> WebhookServer.parseBind("localhost"));
        assertThrows(IllegalArgumentException.class, () -> WebhookServer.parseBind("localhost:http"));
        assertThrows(IllegalArgumentException.class, () -> WebhookServer.parseBind("localhost:70000"));
        assertThrows(IllegalStateException.class, () -> ReplicateProvider.builder().apiToken(ApiKey.of(TOKEN)).model("a/b")
                .webhookReceiver(new InetSocketAddress("127.0.0.1", 0)).build());
    }
    private static Socket slowClient(InetSocketAddress at, String head, int bodyBytesSent) throws IOException {
        Socket s = new Socket(at.getAddress(), at.getPort());
        s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().write(new byte[bodyBytesSent]);
        s.getOutputStream().flush();
        return s;
    }

    private static String answerOf(Socket s) throws IOException {
        s.setSoTimeout(10_000);   // a hang guard only; the server answers long before
        byte[] all = s.getInputStream().readAllBytes();
        String text = new String(all, StandardCharsets.US_ASCII);
        int eol = text.indexOf("\r\n");
        return eol < 0 ? text : text.substring(0, eol);
    }

    @Test
    void slowClientsCostTheirOwnConnectionsNotTheSignedDeliveryBehindThem() throws Exception {
        CompletionBus bus = CompletionBus.inMemory(java.time.Clock.systemUTC(), Duration.ofMinutes(2));
        WebhookHandler handler = WebhookHandler.create(SECRET, bus, java.time.Clock.systemUTC());
        List<Socket> slow = new ArrayList<>();
        try (WebhookServer server = WebhookServer.start(handler, new InetSocketAddress("127.0.0.1", 0), "/hook")) {
            String head = "POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n";
            for (int i = 0; i < 8; i++) slow.add(slowClient(server.address(), head, 1));
            for (int i = 0; i < 4; i++) slow.add(slowClient(server.address(), "POST /hook HTTP/1.1\r\nHost:", 0));
            CompletableFuture<byte[]> waiting = bus.await("slow1");
            byte[] done = prediction("slow1", "succeeded", "null").getBytes(StandardCharsets.UTF_8);
            long now = Instant.now().getEpochSecond();
            // OkHttp's call timeout only guards against a hang; the old two-thread server never answered.
            assertEquals(200, post(server.address(), "/hook", done, "msg_slow", now, SECRET));
            assertTrue(waiting.isDone());
        } finally {
            for (Socket s : slow) s.close();
            bus.close();
        }
    }

    @Test
    void aClientThatStopsSendingIsAnswered408AndClosedAtTheDeadline() throws Exception {
        CompletionBus bus = CompletionBus.inMemory(java.time.Clock.systemUTC(), Duration.ofMinutes(2));
        WebhookHandler handler = WebhookHandler.create(SECRET, bus, java.time.Clock.systemUTC());
        try (WebhookServer server = WebhookServer.start(handler, new InetSocketAddress("127.0.0.1", 0), "/hook",
                Duration.ofMillis(200), 4);
             Socket stalledBody = slowClient(server.address(), "POST /hook HTTP/1.1\r\nContent-Length: 100\r\n\r\n", 1);
             Socket stalledHead = slowClient(server.address(), "POST /hook HTTP/1.1\r\nHost: x", 0)) {
            assertEquals("HTTP/1.1 408 Request Timeout", answerOf(stalledBody));
            assertEquals("HTTP/1.1 408 Request Timeout", answerOf(stalledHead));
        } finally {
            bus.close();
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("ttskit-webhook")));
    }

    @Test
    void pastTheConnectionLimitANewClientIsAnswered503AtOnce() throws Exception {
        CompletionBus bus = CompletionBus.inMemory(java.time.Clock.systemUTC(), Duration.ofMinutes(2));
        WebhookHandler handler = WebhookHandler.create(SECRET, bus, java.time.Clock.systemUTC());
        try (WebhookServer server = WebhookServer.start(handler, new InetSocketAddress("127.0.0.1", 0), "/hook",
                Duration.ofMinutes(1), 1);
             Socket holder = slowClient(server.address(), "POST /hook HTTP/1.1\r\n", 0);
             Socket late = slowClient(server.address(), "", 0)) {
            assertEquals("HTTP/1.1 503 Service Unavailable", answerOf(late));
            assertTrue(holder.isConnected());
        } finally {
            bus.close();
        }
    }

    /** A correctly signed delivery of a finished prediction, as raw HTTP to {@code target}. */
    private static String signedDelivery(String target, String msgId, byte[] body) {
        String t = Long.toString(Instant.now().getEpochSecond());
        return "POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nwebhook-id: " + msgId + "\r\nwebhook-timestamp: " + t
                + "\r\nwebhook-signature: " + WebhookVerifier.sign(WebhookVerifier.key(SECRET), msgId, t, body) + "\r\n\r\n"
                + new String(body, StandardCharsets.ISO_8859_1);
    }

    @Test
    void signedDeliveriesToAnyOtherPathAreRefusedAndCompleteNothing() throws Exception {
        CompletionBus bus = CompletionBus.inMemory(java.time.Clock.systemUTC(), Duration.ofMinutes(2));
        WebhookHandler handler = WebhookHandler.create(SECRET, bus, java.time.Clock.systemUTC());
        try (WebhookServer server = WebhookServer.start(handler, new InetSocketAddress("127.0.0.1", 0), "/hooks/replicate")) {
            CompletableFuture<byte[]> waiting = bus.await("w1");
            byte[] done = prediction("w1", "succeeded", quoted("https://replicate.delivery/w1.wav")).getBytes(StandardCharsets.UTF_8);
            String[] wrongTargets = {"/", "/hooks", "/hooks/replicate/", "/HOOKS/replicate", "/hooks/replicate/x",
                    "/hooks/replicate/../replicate", "//hooks/replicate", "/hooks/%72eplicate", "/hooks/replicate;x",
                    "http://x/other", "*", "hooks/replicate"};
            for (String target : wrongTargets) {
                try (Socket s = slowClient(server.address(), signedDelivery(target, "msg_w1", done), 0)) {
                    String status = answerOf(s);
                    assertTrue(status.startsWith("HTTP/1.1 404 ") || status.startsWith("HTTP/1.1 400 "), target + " -> " + status);
                }
            }
            assertFalse(waiting.isDone(), "no refused delivery completed the waiting call");

            // The refused deliveries did not use up the webhook id: the same delivery to the right path is processed.
            try (Socket s = slowClient(server.address(), signedDelivery("/hooks/replicate?job=9", "msg_w1", done), 0)) {
                assertEquals("HTTP/1.1 200 OK", answerOf(s));
            }
            assertArrayEquals(done, waiting.get(10, TimeUnit.SECONDS));
        } finally {
            bus.close();
        }
    }

    @Test
    void malformedFramingIsRefusedWithTheMatchingStatus() throws Exception {
        CompletionBus bus = CompletionBus.inMemory(java.time.Clock.systemUTC(), Duration.ofMinutes(2));
        WebhookHandler handler = WebhookHandler.create(SECRET, bus, java.time.Clock.systemUTC());
        try (WebhookServer server = WebhookServer.start(handler, new InetSocketAddress("127.0.0.1", 0), "/hook")) {
            String[][] cases = {
                    {"POST /hook HTTP/1.1\r\n\r\n", "411"},
                    {"POST /hook HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", "400"},
                    {"POST /hook HTTP/1.1\r\nContent-Length: 9999999\r\n\r\n", "413"},
                    {"POST /hook HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\n", "400"},
                    {"POST /hook HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", "501"},
                    {"POST /hook HTTP/1.1\r\n folded: x\r\n\r\n", "400"},
                    {"POST /hook HTTP/2.0\r\n\r\n", "505"},
                    {"GARBAGE\r\n\r\n", "400"},
                    {"POST /hook HTTP/1.1\r\nX: " + "a".repeat(20_000) + "\r\n\r\n", "431"},
                    {"POST /hook HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", "400"},
                    {"POST /hook HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "400"},
                    {"DELETE /hook HTTP/1.1\r\n\r\n", "405"},
                    {"POST /hook/x?y HTTP/1.1\r\n\r\n", "404"},
            };
            for (String[] c : cases) {
                try (Socket s = slowClient(server.address(), c[0], 0)) {
                    assertTrue(answerOf(s).startsWith("HTTP/1.1 " + c[1] + " "), c[0] + " -> " + c[1]);
                }
            }
        } finally {
            bus.close();
        }
    }

    @Test
    void aChunkedSignedDeliveryWithExpectContinueIsAccepted() throws Exception {
        CompletionBus bus = CompletionBus.inMemory(java.time.Clock.systemUTC(), Duration.ofMinutes(2));
        WebhookHandler handler = WebhookHandler.create(SECRET, bus, java.time.Clock.systemUTC());
        try (WebhookServer server = WebhookServer.start(handler, new InetSocketAddress("127.0.0.1", 0), "/hook")) {
            CompletableFuture<byte[]> waiting = bus.await("ch1");
            byte[] body = prediction("ch1", "succeeded", "null").getBytes(StandardCharsets.UTF_8);
            String ts = Long.toString(Instant.now().getEpochSecond());
            String sig = WebhookVerifier.sign(WebhookVerifier.key(SECRET), "msg_ch", ts, body);
            int half = body.length / 2;
            String head = "POST /hook?attempt=1 HTTP/1.1\r\nwebhook-id: msg_ch\r\nwebhook-timestamp: " + ts
                    + "\r\nwebhook-signature: " + sig + "\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n";
            try (Socket s = slowClient(server.address(), head, 0)) {
                var out = s.getOutputStream();
                out.write((Integer.toHexString(half) + ";ext=1\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, half);
                out.write(("\r\n" + Integer.toHexString(body.length - half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, half, body.length - half);
                out.write("\r\n0\r\nTrailer: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("HTTP/1.1 100 Continue", answerOf(s));
            }
            assertArrayEquals(body, waiting.get(10, TimeUnit.SECONDS));
        } finally {
            bus.close();
        }
    }
}
