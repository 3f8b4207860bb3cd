package dev.ttskit.http;

import dev.ttskit.CancelledException;
import dev.ttskit.HttpSettings;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ResourceManager;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedHttpClientTest {
    private MockWebServer server;
    private ResourceManager resources;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        resources = ResourceManager.builder()
                .httpSettings(new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), 50, 20, 4,
                        Duration.ofMinutes(1)))
                .build();
    }

    @AfterEach
    void stop() {
        resources.close();
        server.close();
    }

    private CallContext ctx(Duration timeout) {
        return CallContext.of(timeout, Clock.systemUTC(), new CancellationToken(), resources);
    }

    private Request get(String path) {
        return new Request.Builder().url(server.url(path)).header("xi-api-key", "secret").build();
    }

    @Test
    void oneClientPerManagerConfiguredForASingleRetryLayer() {
        OkHttpClient client = SharedHttpClient.of(resources);
        assertSame(client, SharedHttpClient.of(resources));
        assertFalse(client.followRedirects(), "redirects are off");
        assertFalse(client.followSslRedirects());
        assertFalse(client.retryOnConnectionFailure(), "no silent retries");
        assertEquals(20, client.dispatcher().getMaxRequestsPerHost(), "per-host limit raised from 5");
        assertEquals(50, client.dispatcher().getMaxRequests());
        assertEquals(2_000, client.connectTimeoutMillis());
    }

    @Test
    void redirectsAreNotFollowedSoKeysNeverReachAnotherHost() throws Exception {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "http://127.0.0.2:1/steal").build());
        try (HttpCalls.InFlight call = HttpCalls.execute(SharedHttpClient.of(resources), get("/v1/x"), ctx(Duration.ofSeconds(5)), "p")) {
            assertEquals(302, call.response().code());
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aDroppedConnectionIsNotRetriedSilently() {
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        TtsException e = assertThrows(TtsException.class,
                () -> HttpCalls.execute(SharedHttpClient.of(resources), get("/"), ctx(Duration.ofSeconds(5)), "p").close());
        assertInstanceOf(ProviderUnavailableException.class, e);
        assertEquals(1, server.getRequestCount(), "one upstream attempt only");
    }

    @Test
    void connectionRefusedIsProviderUnavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Request r = new Request.Builder().url("http://127.0.0.1:" + port + "/").build();
        ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class,
                () -> HttpCalls.execute(SharedHttpClient.of(resources), r, ctx(Duration.ofSeconds(5)), "p").close());
        assertEquals("p", e.provider().orElseThrow());
    }

    @Test
    void theDeadlineBoundsTheWholeCall() {
        server.enqueue(new MockResponse.Builder().headersDelay(10, TimeUnit.SECONDS).body("late").build());
        long start = System.nanoTime();
        assertThrows(TtsTimeoutException.class,
                () -> HttpCalls.execute(SharedHttpClient.of(resources), get("/"), ctx(Duration.ofMillis(300)), "p").close());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4));
    }

    @Test
    void cancellationCancelsTheCallInFlight() throws Exception {
        server.enqueue(new MockResponse.Builder().headersDelay(10, TimeUnit.SECONDS).body("late").build());
        CallContext ctx = ctx(Duration.ofSeconds(30));
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                HttpCalls.execute(SharedHttpClient.of(resources), get("/"), ctx, "p").close();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        server.takeRequest(5, TimeUnit.SECONDS);
        ctx.cancellation().cancel();
        assertInstanceOf(CancelledException.class, outcome.get(5, TimeUnit.SECONDS));
    }

    @Test
    void closingTheManagerReleasesConnectionsAndThreads() throws Exception {
        server.enqueue(new MockResponse.Builder().body("ok").build());
        OkHttpClient client = SharedHttpClient.of(resources);
        try (HttpCalls.InFlight call = HttpCalls.execute(client, get("/"), ctx(Duration.ofSeconds(5)), "p")) {
            assertEquals("ok", call.response().body().string());
        }
        assertEquals(1, resources.stats().gauge("http.connections"), "the pooled connection is counted");
        client.newCall(get("/")).enqueue(new okhttp3.Callback() {
            @Override public void onFailure(okhttp3.Call call, IOException e) { }

            @Override public void onResponse(okhttp3.Call call, okhttp3.Response response) { response.close(); }
        });
        resources.close();
        assertEquals(0, client.connectionPool().connectionCount(), "pool evicted");
        assertTrue(client.dispatcher().executorService().isShutdown());
        // A terminated pool's threads may still be alive for a moment while they unwind.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (httpThreads() > 0 && System.nanoTime() < deadline) Thread.sleep(10);
        assertEquals(0, httpThreads());
    }

    private static long httpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(ResourceManager.THREAD_PREFIX + "http")).count();
    }
}
