package dev.ttskit.http;

import dev.ttskit.HttpSettings;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ResourceManager;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole-file call is bounded by the attempt's byte limits, not only by its deadline: a server that
 * takes too long to its first byte, or stalls once the body flows, ends the call at the limit as a
 * TIMEOUT naming the provider, well before the deadline.
 */
class ByteLimitsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private MockWebServer server;
    private ResourceManager resources;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        // The client's own read timeout is long: only the call's limits can end these calls early.
        resources = ResourceManager.builder()
                .httpSettings(new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(5), 50, 20, 4,
                        Duration.ofMinutes(1)))
                .build();
    }

    @AfterEach
    void stop() {
        resources.close();
        server.close();
    }

    private CallContext ctx(Duration firstByte, Duration idle) {
        return CallContext.of(DEADLINE, Clock.systemUTC(), new CancellationToken(), resources).withByteLimits(firstByte, idle);
    }

    private Request get() {
        return new Request.Builder().url(server.url("/v1/speech")).build();
    }

    /** Reads the body the way the adapters do, mapping a failure through {@link HttpCalls#failure}. */
    private byte[] readAll(CallContext ctx) {
        try (HttpCalls.InFlight call = HttpCalls.execute(SharedHttpClient.of(resources), get(), ctx, "elevenlabs")) {
            try {
                return call.response().body().bytes();
            } catch (IOException e) {
                throw HttpCalls.failure(e, call.call(), ctx, "elevenlabs", null);
            }
        }
    }

    @Test
    void noFirstByteWithinItsLimitIsATimeoutNamingTheProvider() {
        server.enqueue(new MockResponse.Builder().headersDelay(20, TimeUnit.SECONDS).body("late").build());
        long start = System.nanoTime();
        TtsTimeoutException e = assertThrows(TtsTimeoutException.class,
                () -> readAll(ctx(Duration.ofMillis(400), Duration.ofSeconds(20))));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals("elevenlabs", e.provider().orElseThrow());
        assertTrue(e.getMessage().contains("no first byte within 400ms"), e.getMessage());
        assertTrue(tookMs < 15_000, "ended at the first-byte limit, not the deadline or the server's delay: " + tookMs + " ms");
    }

    @Test
    void aBodyThatStallsAfterItsFirstBytesIsCutAtTheIdleLimit() {
        // Headers at once, then 4 bytes every 20 s: the first read gets data, the next waits.
        Buffer body = new Buffer().write(new byte[64]);
        server.enqueue(new MockResponse.Builder().body(body).throttleBody(4, 20, TimeUnit.SECONDS).build());
        long start = System.nanoTime();
        TtsException e = assertThrows(TtsTimeoutException.class, () -> readAll(ctx(Duration.ofSeconds(20), Duration.ofMillis(400))));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals("elevenlabs", e.provider().orElseThrow());
        assertTrue(e.getMessage().contains("idle"), e.getMessage());
        assertTrue(tookMs < 15_000, "ended at the idle limit: " + tookMs + " ms");
    }

    @Test
    void aSteadyBodyWithinTheLimitsIsReadWhole() {
        byte[] audio = new byte[4096];
        for (int i = 0; i < audio.length; i++) audio[i] = (byte) i;
        server.enqueue(new MockResponse.Builder().headersDelay(100, TimeUnit.MILLISECONDS)
                .body(new Buffer().write(audio)).throttleBody(1024, 50, TimeUnit.MILLISECONDS).build());
        assertArrayEquals(audio, readAll(ctx(Duration.ofSeconds(10), Duration.ofSeconds(10))));
    }

    @Test
    void aContextWithoutLimitsKeepsTheClientsReadTimeout() {
        // A client whose own read timeout (300 ms) is shorter than the answer's delay: only limits set on the
        // call (from the deadline, say) could let this call through; a context without any must not.
        server.enqueue(new MockResponse.Builder().headersDelay(1500, TimeUnit.MILLISECONDS).body("ok").build());
        try (ResourceManager shortRead = ResourceManager.builder()
                .httpSettings(new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(5), 50, 20, 4,
                        Duration.ofMinutes(1)))
                .build()) {
            CallContext plain = CallContext.of(DEADLINE, Clock.systemUTC(), new CancellationToken(), shortRead);
            assertThrows(TtsTimeoutException.class, () -> {
                try (HttpCalls.InFlight call = HttpCalls.execute(SharedHttpClient.of(shortRead), get(), plain, "elevenlabs")) {
                    try {
                        call.response().body().bytes();
                    } catch (IOException e) {
                        throw HttpCalls.failure(e, call.call(), plain, "elevenlabs", null);
                    }
                }
            });
        }
    }

    @Test
    void eitherWayAReadTimesOutItIsATimeout() {
        // Okio's watchdog ("timeout") and the socket's SO_TIMEOUT ("Read timed out") race for the same
        // read timeout; which one wins must not change what the caller is told.
        CallContext plain = CallContext.of(DEADLINE, Clock.systemUTC(), new CancellationToken(), resources);
        okhttp3.Call call = SharedHttpClient.of(resources).newCall(get());
        for (String message : new String[] {"timeout", "Read timed out"}) {
            TtsException e = HttpCalls.failure(new SocketTimeoutException(message), call, plain, "elevenlabs", "req-1");
            assertTrue(e instanceof TtsTimeoutException, message + " gave " + e);
            assertTrue(e.getMessage().contains("read timeout"), e.getMessage());
            assertEquals("req-1", e.requestId().orElseThrow());
        }
        TtsException connect = HttpCalls.failure(new SocketTimeoutException("Connect timed out"), call, plain, "elevenlabs", null);
        assertTrue(connect instanceof dev.ttskit.ProviderUnavailableException, "a connect timeout is the provider being unreachable: " + connect);
    }

    @Test
    void limitsMustBePositive() {
        CallContext plain = CallContext.of(DEADLINE, Clock.systemUTC(), new CancellationToken(), resources);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.withByteLimits(Duration.ZERO, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("firstByteTimeout"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> plain.withByteLimits(Duration.ofSeconds(1), Duration.ofMillis(-1)));
    }
}
