package dev.ttskit.openai;

import dev.ttskit.ApiKey;
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

/** The testkit's provider contract, against a loopback mock of the speech endpoint. */
@ExtendWith(NoLeaks.class)
class OpenAiContractTest extends TtsProviderContractTest {
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
        return OpenAiProvider.builder().apiKey(ApiKey.of("sk-contract")).baseUrl(server.url("/v1").toString())
                .compatibleServer(false).build();
    }

    @Override
    protected void prepareSuccess() {
        // The first declared format is 24 kHz PCM: an even number of bytes.
        server.enqueue(OpenAiTestSupport.audio(OpenAiTestSupport.bytes(4800, 1)));
    }

    @Override
    protected boolean prepareFailure() {
        server.enqueue(OpenAiTestSupport.json(503, ErrorMappingTest.E5));
        return true;
    }

    @Override
    protected boolean prepareHang() {
        hanging = new LatchedBody(new byte[0], new byte[10]);
        server.enqueue(new MockResponse.Builder().code(200).body(hanging).build());
        return true;
    }
}
