package dev.ttskit.openai;

import dev.ttskit.ApiKey;
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

/** After finished, failed, abandoned, cut and timed-out calls, closing the manager leaves nothing behind. */
class LeakTest {

    @Test
    void connectionsAndThreadsAreGoneAfterClose() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start(InetAddress.getLoopbackAddress(), 0);
            ResourceManager resources = ResourceManager.create();
            OpenAiProvider provider = OpenAiProvider.builder().apiKey(ApiKey.of("sk-leak")).baseUrl(server.url("/").toString()).build();
            CallContext ctx = CallContext.of(Duration.ofSeconds(10), Clock.systemUTC(), new CancellationToken(), resources);

            server.enqueue(OpenAiTestSupport.audio(OpenAiTestSupport.bytes(1000, 1)));
            provider.synthesize(OpenAiTestSupport.request("Hi.", AudioFormat.PCM16_24K), ctx);
            server.enqueue(OpenAiTestSupport.json(500, "{}"));
            assertThrows(RuntimeException.class, () -> provider.synthesize(OpenAiTestSupport.request("Hi.", AudioFormat.PCM16_24K), ctx));
            server.enqueue(OpenAiTestSupport.audio(OpenAiTestSupport.bytes(200_000, 2)));
            try (AudioStream s = provider.stream(OpenAiTestSupport.request("Hi.", AudioFormat.PCM16_24K), ctx)) {
                s.readNBytes(10); // abandoned early
            }
            server.enqueue(new MockResponse.Builder().code(200).body(new okio.Buffer().write(OpenAiTestSupport.bytes(100_000, 3)))
                    .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
            try (AudioStream s = provider.stream(OpenAiTestSupport.request("Hi.", AudioFormat.PCM16_24K), ctx)) {
                assertThrows(IOException.class, s::readAllBytes);
            }
            server.enqueue(new MockResponse.Builder().code(200).headersDelay(5, TimeUnit.SECONDS).build());
            CallContext shortCtx = CallContext.of(Duration.ofMillis(200), Clock.systemUTC(), new CancellationToken(), resources);
            assertThrows(RuntimeException.class, () -> provider.synthesize(OpenAiTestSupport.request("Hi.", AudioFormat.PCM16_24K), shortCtx));

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
