package dev.ttskit.openai;

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

/**
 * A loopback MockWebServer standing in for OpenAI, a resource manager and a provider pointed at the
 * server. The provider is built in "OpenAI mode" (model and voice checks on) by giving the server's
 * address as the base URL of a provider that believes it is OpenAI: see {@link #openAi()}.
 */
abstract class OpenAiTestSupport {
    static final String KEY = "sk-test-0123456789";
    static final String TEXT = "The quick brown fox jumped over the lazy dog.";
    static final ObjectMapper JSON = new ObjectMapper();

    MockWebServer server;
    ResourceManager resources;
    OpenAiProvider provider;

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

    /** A provider for the mock server with a key. A loopback base URL is a compatible server to the adapter. */
    OpenAiProvider.Builder builder() {
        return OpenAiProvider.builder().apiKey(ApiKey.of(KEY)).baseUrl(server.url("/v1").toString());
    }

    CallContext ctx() {
        return ctx(Duration.ofSeconds(10));
    }

    CallContext ctx(Duration timeout) {
        return CallContext.of(timeout, Clock.systemUTC(), new CancellationToken(), resources);
    }

    static ProviderRequest request(String text, AudioFormat format) {
        return request(SpeechRequest.builder().text(text).format(format).build(), "coral");
    }

    static ProviderRequest request(SpeechRequest r, String voice) {
        return ProviderRequest.of(OpenAiProvider.ID, r, Optional.of(VoiceTarget.id(voice)), r.format());
    }

    static MockResponse audio(byte[] bytes) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "audio/mpeg")
                .addHeader("x-request-id", "req_5d1f0c3b9e2a4c7d8e9f00112233aabb")
                .addHeader("openai-processing-ms", "412")
                .addHeader("x-ratelimit-remaining-requests", "499")
                .chunkedBody(new okio.Buffer().write(bytes), 1024)
                .build();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).headers(Headers.of("Content-Type", "application/json",
                "x-request-id", "req_err_1")).body(body).build();
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
