package dev.ttskit.replicate;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.ttskit.replicate.Fixtures.audio;
import static dev.ttskit.replicate.Fixtures.json;
import static dev.ttskit.replicate.Fixtures.prediction;
import static dev.ttskit.replicate.Fixtures.quoted;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
