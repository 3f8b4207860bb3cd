package dev.ttskit.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ttskit.ApiKey;
import dev.ttskit.SpeechRequest;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.ResourceManager;
import dev.ttskit.spi.VoiceTarget;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A loopback MockWebServer, a resource manager and a provider pointed at the server. */
abstract class ElevenLabsTestSupport {
    static final String KEY = "sk_test_0123456789abcdef";
    static final String TEXT = "The first move is what sets everything in motion.";
    static final ObjectMapper JSON = new ObjectMapper();

    MockWebServer server;
    ResourceManager resources;
    ElevenLabsProvider provider;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        resources = ResourceManager.create();
        provider = builder().build();
    }

    @AfterEach
    void stopServer() {
        provider.close();
        resources.close();
        server.close();
    }

    ElevenLabsProvider.Builder builder() {
        return ElevenLabsProvider.builder().apiKey(ApiKey.of(KEY)).baseUrl(server.url("/").toString());
    }

    CallContext ctx() {
        return ctx(Duration.ofSeconds(10));
    }

    CallContext ctx(Duration timeout) {
        return CallContext.of(timeout, Clock.systemUTC(), new CancellationToken(), resources);
    }

    static ProviderRequest request(String text, AudioFormat format) {
        return request(SpeechRequest.builder().text(text).format(format).build());
    }

    static ProviderRequest request(SpeechRequest r) {
        return ProviderRequest.of(ElevenLabsProvider.ID, r, Optional.of(VoiceTarget.id("JBFqnCBsd6RMkjVDRZzb")), r.format());
    }

    static MockResponse audio(byte[] bytes) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "audio/mpeg")
                .addHeader("request-id", "3tPgBrD1UdW3snUkGw1K")
                .addHeader("character-cost", "49")
                .body(new okio.Buffer().write(bytes))
                .build();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).headers(Headers.of("Content-Type", "application/json")).body(body).build();
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(r, "the server received no request");
        return r;
    }

    static JsonNode bodyOf(RecordedRequest r) throws IOException {
        return JSON.readTree(r.getBody().utf8());
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 31 + seed);
        return b;
    }
}
