package dev.ttskit.polly;

import dev.ttskit.AudioStream;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.http.SharedHttpClient;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ResourceManager;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SDK's requests run on the shared pool: after every kind of ending, closing the manager leaves no connection or thread. */
class LeakTest {

    @Test
    void connectionsAndThreadsAreGoneAfterClose() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start(InetAddress.getLoopbackAddress(), 0);
            ResourceManager resources = ResourceManager.create();
            PollyProvider provider = PollyTestSupport.builder(server).build();
            CallContext ctx = CallContext.of(Duration.ofSeconds(10), Clock.systemUTC(), new CancellationToken(), resources);

            server.enqueue(PollyTestSupport.audio(PollyTestSupport.bytes(1000, 1), "audio/pcm", 3));
            provider.synthesize(PollyTestSupport.request("Hi.", AudioFormat.PCM16_16K), ctx);
            assertEquals(1, SharedHttpClient.of(resources).connectionPool().connectionCount(),
                    "the SDK's request went through the shared pool and left its connection there for reuse");
            server.enqueue(PollyTestSupport.error(500, "ServiceFailureException", "x"));
            assertThrows(RuntimeException.class, () -> provider.synthesize(PollyTestSupport.request("Hi.", AudioFormat.PCM16_16K), ctx));
            server.enqueue(PollyTestSupport.audio(PollyTestSupport.bytes(200_000, 2), "audio/pcm", 3));
            try (AudioStream s = provider.stream(PollyTestSupport.request("Hi.", AudioFormat.PCM16_16K), ctx)) {
                s.readNBytes(10); // abandoned early
            }
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/pcm")
                    .body(new okio.Buffer().write(PollyTestSupport.bytes(100_000, 3)))
                    .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
            try (AudioStream s = provider.stream(PollyTestSupport.request("Hi.", AudioFormat.PCM16_16K), ctx)) {
                assertThrows(IOException.class, s::readAllBytes);
            }
            server.enqueue(new MockResponse.Builder().code(200).headersDelay(5, TimeUnit.SECONDS).build());
            CallContext shortCtx = CallContext.of(Duration.ofMillis(200), Clock.systemUTC(), new CancellationToken(), resources);
            assertThrows(RuntimeException.class, () -> provider.synthesize(PollyTestSupport.request("Hi.", AudioFormat.PCM16_16K), shortCtx));

            OkHttpClient client = SharedHttpClient.of(resources);
            assertEquals(0, client.dispatcher().runningCallsCount());
            assertEquals(client.connectionPool().connectionCount(), client.connectionPool().idleConnectionCount(),
                    "every connection still open is idle in the pool: no response was left open");

            provider.close();
            resources.close();

            assertEquals(0, client.connectionPool().connectionCount());
            List<String> left = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> n.startsWith(ResourceManager.THREAD_PREFIX)).toList();
            assertTrue(left.isEmpty(), "ttskit threads left: " + left);
        }
    }
}
