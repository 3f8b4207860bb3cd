package dev.ttskit.elevenlabs;

import dev.ttskit.ApiKey;
import dev.ttskit.AudioStream;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ResourceManager;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import dev.ttskit.http.SharedHttpClient;
import okhttp3.OkHttpClient;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After a mix of finished, failed, abandoned and WebSocket calls, closing the manager leaves nothing behind. */
class LeakTest {

    @Test
    void connectionsAndThreadsAreGoneAfterClose() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start(InetAddress.getLoopbackAddress(), 0);
            ResourceManager resources = ResourceManager.create();
            ElevenLabsProvider provider = ElevenLabsProvider.builder().apiKey(ApiKey.of("sk_leak"))
                    .baseUrl(server.url("/").toString()).build();
            CallContext ctx = CallContext.of(Duration.ofSeconds(10), Clock.systemUTC(), new CancellationToken(), resources);

            server.enqueue(ElevenLabsTestSupport.audio(ElevenLabsTestSupport.bytes(1000, 1)));
            provider.synthesize(ElevenLabsTestSupport.request("Hi.", AudioFormat.MP3_44K_128), ctx);
            server.enqueue(ElevenLabsTestSupport.json(500, "{}"));
            assertThrows(RuntimeException.class, () -> provider.synthesize(ElevenLabsTestSupport.request("Hi.", AudioFormat.MP3_44K_128), ctx));
            server.enqueue(new MockResponse.Builder().code(200).chunkedBody(new okio.Buffer().write(ElevenLabsTestSupport.bytes(200_000, 2)), 1000).build());
            try (AudioStream s = provider.stream(ElevenLabsTestSupport.request("Hi.", AudioFormat.MP3_44K_128), ctx)) {
                s.readNBytes(10); // abandoned early
            }
            server.enqueue(new MockResponse.Builder().code(200).body(new okio.Buffer().write(ElevenLabsTestSupport.bytes(100_000, 3)))
                    .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
            try (AudioStream s = provider.stream(ElevenLabsTestSupport.request("Hi.", AudioFormat.MP3_44K_128), ctx)) {
                assertThrows(IOException.class, s::readAllBytes);
            }
            OkHttpClient client = SharedHttpClient.of(resources);
            assertEquals(0, client.dispatcher().runningCallsCount());
            assertEquals(client.connectionPool().connectionCount(), client.connectionPool().idleConnectionCount(),
                    "every connection still open is idle in the pool: no response was left open");

            server.enqueue(new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
                @Override
                public void onMessage(WebSocket webSocket, String text) {
                    if (text.equals("{\"text\":\"\"}")) {
                        webSocket.send("{\"audio\":\"AAE=\",\"isFinal\":true}");
                        webSocket.close(1000, null);
                    }
                }
            }).build());
            try (InputStreamingSession session = provider.openInputStream(ElevenLabsTestSupport.request("Hi ", AudioFormat.MP3_44K_128),
                    ctx, spans -> { })) {
                session.finish();
                assertEquals(2, session.audio().readAllBytes().length);
            }
            server.enqueue(new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() { }).build());
            provider.openInputStream(ElevenLabsTestSupport.request("Hi ", AudioFormat.MP3_44K_128), ctx, spans -> { }); // left open

            provider.close();
            resources.close();

            // A cancelled WebSocket's socket is torn down on OkHttp's own threads, a moment after close()
            // returns; wait for that (bounded), then demand that nothing is left.
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (client.connectionPool().connectionCount() > 0 && System.nanoTime() < until) Thread.sleep(10);
            assertEquals(0, client.connectionPool().connectionCount());
            assertEquals(0, client.dispatcher().runningCallsCount());
            List<String> left = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> n.startsWith(ResourceManager.THREAD_PREFIX)).toList();
            assertTrue(left.isEmpty(), "ttskit threads left: " + left);
        }
    }
}
