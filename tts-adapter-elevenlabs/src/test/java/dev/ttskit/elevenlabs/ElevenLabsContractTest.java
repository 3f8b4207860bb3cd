package dev.ttskit.elevenlabs;

import dev.ttskit.ApiKey;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.testkit.NoLeaks;
import dev.ttskit.testkit.TtsProviderContractTest;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;

/** The testkit's provider contract, against a loopback mock of the ElevenLabs API. */
@ExtendWith(NoLeaks.class)
class ElevenLabsContractTest extends TtsProviderContractTest {
    private MockWebServer server;
    private LatchedBody hanging;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stopServer() {
        if (hanging != null) hanging.release();
        server.close();
    }

    @Override
    protected TtsProvider createProvider() {
        return ElevenLabsProvider.builder().apiKey(ApiKey.of("sk_contract")).baseUrl(server.url("/").toString()).build();
    }

    @Override
    protected void prepareSuccess() {
        // The first declared format is MP3; any non-empty bytes will do for the contract.
        server.enqueue(ElevenLabsTestSupport.audio(ElevenLabsTestSupport.bytes(4096, 1)));
    }

    @Override
    protected boolean prepareFailure() {
        server.enqueue(ElevenLabsTestSupport.json(503, "{\"detail\":{\"status\":\"service_unavailable\",\"message\":\"Down.\"}}"));
        return true;
    }

    @Override
    protected boolean prepareHang() {
        hanging = new LatchedBody(new byte[0], new byte[10]);
        server.enqueue(new mockwebserver3.MockResponse.Builder().code(200).body(hanging).build());
        return true;
    }
}
