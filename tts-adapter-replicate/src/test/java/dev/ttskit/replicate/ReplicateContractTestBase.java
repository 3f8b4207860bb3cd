package dev.ttskit.replicate;

import dev.ttskit.ApiKey;
import dev.ttskit.Sleeper;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.testkit.NoLeaks;
import dev.ttskit.testkit.TtsProviderContractTest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.ttskit.replicate.Fixtures.audio;
import static dev.ttskit.replicate.Fixtures.json;
import static dev.ttskit.replicate.Fixtures.prediction;
import static dev.ttskit.replicate.Fixtures.quoted;

/**
 * The testkit's provider contract against a mock Replicate, once per completion strategy. Success,
 * failure and hanging backends are scripted per strategy.
 */
@ExtendWith(NoLeaks.class)
abstract class ReplicateContractTestBase extends TtsProviderContractTest {
    static final String KOKORO = "jaaari/kokoro-82m:f559560eb822dc509045f3921a1921234918b91739db4bf3daab2169b71c7a13";
    static final String CREATE = "/v1/predictions";

    MockWebServer server;
    Routes routes;
    final AtomicReference<ReplicateProvider> current = new AtomicReference<>();
    private int predictions;

    @BeforeEach
    void startBackend() throws IOException {
        server = new MockWebServer();
        routes = new Routes();
        server.setDispatcher(routes);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopBackend() {
        server.close();
    }

    String base() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** The strategy under test, configured on the builder. */
    abstract ReplicateProvider.Builder configure(ReplicateProvider.Builder builder);

    @Override
    protected TtsProvider createProvider() {
        ReplicateProvider p = configure(ReplicateProvider.builder().apiToken(ApiKey.of("r8_contract_token"))
                .baseUrl(base()).model(KOKORO).sleeper(Sleeper.SYSTEM)).build();
        current.set(p);
        return p;
    }

    String nextId() {
        return "contract" + (++predictions);
    }

    MockResponse succeeded(String id) {
        routes.on("GET", "/files/" + id + ".wav", audio(Fixtures.wav(24_000, 2_400), "audio/wav"));
        return json(201, prediction(id, "succeeded", quoted(base() + "/files/" + id + ".wav")));
    }

    @Override
    protected boolean prepareFailure() {
        routes = new Routes();
        server.setDispatcher(routes);
        routes.on("POST", CREATE, new MockResponse.Builder().code(503).body("<html>unavailable</html>").build());
        return true;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A create that never answers in time. */
    static MockResponse stalled() {
        return new MockResponse.Builder().code(201).headersDelay(30, TimeUnit.SECONDS).body("{}").build();
    }
}
