package dev.ttskit.replicate;

import dev.ttskit.ApiKey;
import dev.ttskit.SpeechRequest;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.ResourceManager;
import dev.ttskit.spi.VoiceTarget;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ttskit.testkit.NoLeaks;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A mock Replicate on loopback, a resource manager, and helpers to build providers and requests. */
@ExtendWith(NoLeaks.class)
abstract class ReplicateTestBase {
    static final String TOKEN = "r8_test_token_0123456789";
    static final String SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

    MockWebServer server;
    Routes routes;
    ResourceManager resources;
    final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        routes = new Routes();
        server.setDispatcher(routes);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        resources = ResourceManager.create();
    }

    @AfterEach
    void stopServer() {
        resources.close();
        server.close();
    }

    String base() {
        return "http://127.0.0.1:" + server.getPort();
    }

    String fileUrl(String name) {
        return base() + "/files/" + name;
    }

    ReplicateProvider.Builder provider(String model) {
        return ReplicateProvider.builder().apiToken(ApiKey.of(TOKEN)).baseUrl(base() + "/v1").model(model)
                .sleeper(sleeps::add);
    }

    CallContext ctx(Duration timeout) {
        return CallContext.of(timeout, Clock.systemUTC(), new CancellationToken(), resources);
    }

    static ProviderRequest request(SpeechRequest r, VoiceTarget voice) {
        return ProviderRequest.of(ReplicateProvider.ID, r, Optional.ofNullable(voice), r.format());
    }

    static ProviderRequest request(String text, AudioFormat format) {
        SpeechRequest r = SpeechRequest.builder().text(text).format(format).build();
        return request(r, null);
    }
}
