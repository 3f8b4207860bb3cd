package dev.ttskit.polly;

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
import java.util.concurrent.TimeUnit;

/** The testkit's provider contract, through the real SDK client against a loopback Polly. */
@ExtendWith(NoLeaks.class)
class PollyContractTest extends TtsProviderContractTest {
    private MockWebServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Override
    protected TtsProvider createProvider() {
        return PollyTestSupport.builder(server).build();
    }

    @Override
    protected void prepareSuccess() {
        // The first declared format is 8 kHz PCM: an even number of bytes.
        server.enqueue(PollyTestSupport.audio(PollyTestSupport.bytes(1600, 1), "audio/pcm", 28));
    }

    @Override
    protected boolean prepareFailure() {
        server.enqueue(PollyTestSupport.error(500, "ServiceFailureException", "Service failure"));
        return true;
    }

    @Override
    protected boolean prepareHang() {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(60, TimeUnit.SECONDS).build());
        return true;
    }
}
