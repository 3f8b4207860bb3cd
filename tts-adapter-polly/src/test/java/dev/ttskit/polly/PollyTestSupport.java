package dev.ttskit.polly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A loopback MockWebServer standing in for Polly, and a provider on the real SDK client pointed at it
 * with static test credentials and a region, so requests are signed as they would be for AWS.
 */
abstract class PollyTestSupport {
    static final String ACCESS_KEY = "AKIDEXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String REQUEST_ID = "3f1c2a4e-8b7d-4e2a-9c1f-5a6b7c8d9e0f";
    static final ObjectMapper JSON = new ObjectMapper();

    MockWebServer server;
    ResourceManager resources;
    PollyProvider provider;

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

    PollyProvider.Builder builder() {
        return builder(server);
    }

    static PollyProvider.Builder builder(MockWebServer server) {
        return PollyProvider.builder()
                .region("us-east-1")
                .endpointOverride(URI.create(server.url("/").toString()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    CallContext ctx() {
        return ctx(Duration.ofSeconds(10));
    }

    CallContext ctx(Duration timeout) {
        return CallContext.of(timeout, Clock.systemUTC(), new CancellationToken(), resources);
    }

    static ProviderRequest request(String text, AudioFormat format) {
        return request(SpeechRequest.builder().text(text).format(format).build(), "Joanna");
    }

    static ProviderRequest request(SpeechRequest r, String voice) {
        return ProviderRequest.of(PollyProvider.ID, r, Optional.of(VoiceTarget.id(voice)), r.format());
    }

    static MockResponse audio(byte[] bytes, String contentType, int characters) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("x-amzn-RequestId", REQUEST_ID)
                .addHeader("x-amzn-RequestCharacters", Integer.toString(characters))
                .addHeader("Content-Type", contentType)
                .chunkedBody(new okio.Buffer().write(bytes), 1024)
                .build();
    }

    /** An error as rest-json sends it: the name in x-amzn-ErrorType and in __type, the message in the body. */
    static MockResponse error(int status, String type, String message) {
        return new MockResponse.Builder().code(status)
                .headers(Headers.of("x-amzn-ErrorType", type, "x-amzn-RequestId", REQUEST_ID, "Content-Type", "application/x-amz-json-1.1"))
                .body("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}")
                .build();
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
