package dev.ttskit.replicate;

import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ResourceManager;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import dev.ttskit.CancelledException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.ttskit.replicate.Fixtures.audio;
import static dev.ttskit.replicate.Fixtures.json;
import static dev.ttskit.replicate.Fixtures.prediction;
import static dev.ttskit.replicate.Fixtures.quoted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After the provider and the resource manager close, nothing of ttskit's is left running. */
class LeakTest {
    @Test
    void closingLeavesNoThreadsConnectionsOrServers() throws Exception {
        Routes routes = new Routes();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(routes);
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            String base = "http://127.0.0.1:" + server.getPort();
            routes.on("POST", "/v1/models/minimax/speech-02-turbo/predictions", json(201, prediction("l1", "starting", "null")));
            routes.on("GET", "/v1/predictions/l1", json(200, prediction("l1", "succeeded", quoted(base + "/files/l1.wav"))));
            routes.on("POST", "/v1/predictions/l2/cancel", json(200, prediction("l2", "canceled", "null")));
            routes.on("GET", "/files/l1.wav", audio(Fixtures.wav(24_000, 240), "audio/wav"));

            ResourceManager resources = ResourceManager.create();
            ReplicateProvider provider = ReplicateProvider.builder().apiToken(dev.ttskit.ApiKey.of("r8_leak_check"))
                    .baseUrl(base).model("minimax/speech-02-turbo").completion(CompletionStrategy.POLLING)
                    .webhookUrl("https://hooks.example.com/r").webhookSecret("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD")
                    .webhookReceiver(new InetSocketAddress("127.0.0.1", 0)).sleeper(d -> { }).build();
            for (int i = 0; i < 3; i++) {
                provider.synthesize(ReplicateTestBase.request("Hello", AudioFormat.WAV_PCM16_24K),
                        CallContext.of(Duration.ofSeconds(20), Clock.systemUTC(), new CancellationToken(), resources));
            }
            // A caller cancel sends the prediction cancel from a worker thread.
            routes.on("POST", "/v1/models/minimax/speech-02-hd/predictions", json(201, prediction("l2", "starting", "null")));
            CancellationToken token = new CancellationToken();
            ReplicateProvider polling = ReplicateProvider.builder().apiToken(dev.ttskit.ApiKey.of("r8_leak_check"))
                    .baseUrl(base).model("minimax/speech-02-hd").completion(CompletionStrategy.POLLING)
                    .sleeper(d -> token.cancel()).build();
            assertThrows(CancelledException.class, () -> polling.synthesize(ReplicateTestBase.request("Hello", AudioFormat.WAV_PCM16_24K),
                    CallContext.of(Duration.ofSeconds(20), Clock.systemUTC(), token, resources)));
            for (int i = 0; i < 100 && routes.count("POST", "/v1/predictions/l2/cancel") == 0; i++) {
                server.takeRequest(100, TimeUnit.MILLISECONDS);   // returns as soon as a request arrives
            }
            assertEquals(1, routes.count("POST", "/v1/predictions/l2/cancel"));
            assertTrue(ttskitThreads().stream().anyMatch(n -> n.startsWith("ttskit-worker")), ttskitThreads().toString());
            // A delivery to the receiver runs on its thread.
            InetSocketAddress at = provider.webhookServer().orElseThrow().address();
            HttpURLConnection post = (HttpURLConnection) new URL("http://127.0.0.1:" + at.getPort() + "/r").openConnection();
            post.setRequestMethod("POST");
            post.setDoOutput(true);
            post.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
            assertEquals(400, post.getResponseCode());
            post.disconnect();
            assertTrue(ttskitThreads().stream().anyMatch(n -> n.startsWith("ttskit-webhook")), ttskitThreads().toString());

            // The server counts the cancel when it reads it; the worker that sent it is still in its call
            // until the answer's headers are back, and releases its connection after that. Wait for
            // both, bounded, rather than race them.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((resources.stats().gauge("http.runningCalls") != 0
                    || resources.stats().gauge("http.connections") - resources.stats().gauge("http.idleConnections") != 0)
                    && System.nanoTime() < end) {
                Thread.onSpinWait();
                Thread.yield();
            }
            assertEquals(0, resources.stats().gauge("http.runningCalls"), "no call left in flight");
            assertEquals(0, resources.stats().gauge("http.connections") - resources.stats().gauge("http.idleConnections"),
                    "every connection went back to the pool");

            provider.close();
            resources.close();

            assertEquals(List.of(), ttskitThreads());
            assertEquals(0, resources.stats().openStreams());
            assertTrue(resources.isClosed());
        }
    }

    private static List<String> ttskitThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(ResourceManager.THREAD_PREFIX)).sorted().toList();
    }
}
