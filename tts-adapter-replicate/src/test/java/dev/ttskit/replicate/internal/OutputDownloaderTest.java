package dev.ttskit.replicate.internal;

import dev.ttskit.ApiKey;
import dev.ttskit.AudioFormatException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.TtsException;
import dev.ttskit.http.SharedHttpClient;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ResourceManager;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okio.Buffer;
import okio.BufferedSink;
import okio.GzipSink;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputDownloaderTest {
    private static final long CAP = 64 * 1024;
    private MockWebServer server;
    private MockWebServer other;
    private ResourceManager resources;
    private OkHttpClient client;
    private final byte[] audio = new byte[10_000];

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        other = new MockWebServer();
        other.start(InetAddress.getByName("127.0.0.1"), 0);
        resources = ResourceManager.create();
        client = SharedHttpClient.of(resources);
        for (int i = 0; i < audio.length; i++) audio[i] = (byte) (i * 31);
    }

    @AfterEach
    void stop() {
        resources.close();
        server.close();
        other.close();
    }

    private String origin() {
        return "http://127.0.0.1:" + server.getPort();
    }

    private OutputDownloader downloader(boolean loopback, Dns dns) {
        DownloadPolicy policy = new DownloadPolicy(List.of("replicate.delivery"), HttpUrl.get(origin() + "/"), loopback);
        return new OutputDownloader(policy, dns, CAP, ApiKey.of("r8_secret_token"), "replicate");
    }

    private byte[] fetch(OutputDownloader d, String url) {
        return d.fetch(client, url, CallContext.of(Duration.ofSeconds(10), Clock.systemUTC(), new CancellationToken(), resources), "pred1");
    }

    private static MockResponse ok(byte[] body) {
        return new MockResponse.Builder().code(200).body(new Buffer().write(body)).setHeader("Content-Type", "audio/wav").build();
    }

    @Test
    void dataUriIsDecodedLocallyAndOversizedOnesAreRefusedBeforeDecoding() {
        assertArrayEquals(audio, fetch(downloader(false, Dns.SYSTEM), "data:audio/wav;base64," + Base64.getEncoder().encodeToString(audio)));
        String huge = "data:audio/wav;base64," + "A".repeat((int) (CAP / 3 * 4 + 400));
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> fetch(downloader(false, Dns.SYSTEM), huge));
        assertTrue(e.getMessage().contains("more than"), e.getMessage());
        assertThrows(AudioFormatException.class, () -> fetch(downloader(false, Dns.SYSTEM), "data:audio/wav,plain"));
        assertThrows(AudioFormatException.class, () -> fetch(downloader(false, Dns.SYSTEM), "data:audio/wav;base64,@@@"));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void theConfiguredOriginIsTrustedWithoutAuthorization() throws Exception {
        server.enqueue(ok(audio));
        assertArrayEquals(audio, fetch(downloader(false, Dns.SYSTEM), origin() + "/files/out.wav"));
        assertNull(server.takeRequest().getHeaders().get("Authorization"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://evil.example.com/out.wav",              // not allow-listed
            "https://replicate.delivery.evil.com/out.wav",   // suffix trick
            "https://evilreplicate.delivery/out.wav",        // no dot before the suffix
            "http://replicate.delivery/out.wav",             // plain http off loopback
            "https://10.0.0.5/out.wav",                      // IP literal
            "https://[fd00::1]/out.wav",                     // IPv6 literal
            "https://0x7f000001/out.wav",                    // hex dword form
            "https://user@pbxt.replicate.delivery/out.wav",  // user info
            "ftp://replicate.delivery/out.wav",              // not http(s)
            "javascript:alert(1)"
    })
    void urlsOutsideThePolicyAreRefusedWithoutAnyRequest(String url) {
        assertThrows(AudioFormatException.class, () -> fetch(downloader(true, Dns.SYSTEM), url));
        assertEquals(0, server.getRequestCount());
        assertEquals(0, other.getRequestCount());
    }

    @Test
    void loopbackOnAnotherPortNeedsTheTestSwitch() {
        other.enqueue(ok(audio));
        String url = "http://127.0.0.1:" + other.getPort() + "/out.wav";
        assertThrows(AudioFormatException.class, () -> fetch(downloader(false, Dns.SYSTEM), url));
        assertEquals(0, other.getRequestCount());
        assertArrayEquals(audio, fetch(downloader(true, Dns.SYSTEM), url));
    }

    @Test
    void sameOriginRedirectsAreFollowedAndOthersRefused() {
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/files/moved.wav").build());
        server.enqueue(ok(audio));
        assertArrayEquals(audio, fetch(downloader(false, Dns.SYSTEM), origin() + "/files/out.wav"));

        server.enqueue(new MockResponse.Builder().code(307).setHeader("Location", "http://127.0.0.1:" + other.getPort() + "/x.wav").build());
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> fetch(downloader(true, Dns.SYSTEM), origin() + "/files/out.wav"));
        assertTrue(e.getMessage().contains("another origin"), e.getMessage());
        assertEquals(0, other.getRequestCount());

        for (int i = 0; i < 4; i++) server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/files/loop" + i).build());
        assertThrows(AudioFormatException.class, () -> fetch(downloader(false, Dns.SYSTEM), origin() + "/files/out.wav"));
    }

    @Test
    void oversizedBodiesAreStoppedWhileStreaming() {
        byte[] big = new byte[(int) CAP * 4];
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody(new Buffer().write(big), 8192).build());
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> fetch(downloader(false, Dns.SYSTEM), origin() + "/big"));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
        server.enqueue(ok(big));   // declared Content-Length too large
        assertThrows(AudioFormatException.class, () -> fetch(downloader(false, Dns.SYSTEM), origin() + "/big2"));
    }

    @Test
    void aGzipBombIsStoppedAtTheCapAfterDecompression() throws IOException {
        Buffer compressed = new Buffer();
        try (BufferedSink gzip = Okio.buffer(new GzipSink(compressed))) {
            byte[] zeros = new byte[64 * 1024];
            for (int i = 0; i < 160; i++) gzip.write(zeros);   // 10 MiB of zeros
        }
        assertTrue(compressed.size() < CAP, "the compressed body alone is under the cap: " + compressed.size());
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Encoding", "gzip")
                .setHeader("Content-Type", "audio/wav").body(compressed).build());
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> fetch(downloader(false, Dns.SYSTEM), origin() + "/bomb"));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    @Test
    void contentTypeIsCheckedButNotTrusted() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html").body("<html>").build());
        assertThrows(AudioFormatException.class, () -> fetch(downloader(false, Dns.SYSTEM), origin() + "/page"));
        server.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(audio)).build());
        assertArrayEquals(audio, fetch(downloader(false, Dns.SYSTEM), origin() + "/untyped"));
    }

    @Test
    void errorStatusesAreTyped() {
        server.enqueue(new MockResponse.Builder().code(404).build());
        assertThrows(AudioFormatException.class, () -> fetch(downloader(false, Dns.SYSTEM), origin() + "/gone"));
        server.enqueue(new MockResponse.Builder().code(503).build());
        assertThrows(ProviderUnavailableException.class, () -> fetch(downloader(false, Dns.SYSTEM), origin() + "/down"));
        server.enqueue(new MockResponse.Builder().code(401).build());
        TtsException e = assertThrows(AudioFormatException.class, () -> fetch(downloader(false, Dns.SYSTEM), origin() + "/auth"));
        assertEquals("pred1", e.requestId().orElseThrow());
        assertEquals(3, server.getRequestCount(), "no token retry for a host that is not allow-listed https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "127.0.0.1", "169.254.169.254", "100.64.0.1", "192.168.1.1", "172.16.0.1", "0.0.0.0",
            "::1", "fd12::1", "fe80::1", "::ffff:127.0.0.1", "224.0.0.1"})
    void privateDnsAnswersAreRefusedBeforeConnecting(String address) {
        Dns rebinding = host -> List.of(InetAddress.getByName(address));
        ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class,
                () -> fetch(downloader(true, rebinding), "https://pbxt.replicate.delivery/x/out.wav"));
        assertTrue(e.getMessage().contains("non-public"), e.getMessage());
    }

    @Test
    void guardedDnsPassesPublicAnswersAndTheTrustedOrigin() throws Exception {
        DownloadPolicy policy = new DownloadPolicy(List.of("replicate.delivery"), HttpUrl.get("http://localhost:8080/"), false);
        InetAddress publicAddress = InetAddress.getByName("93.184.216.34");
        GuardedDns dns = new GuardedDns(host -> List.of(publicAddress), policy);
        assertEquals(List.of(publicAddress), dns.lookup("pbxt.replicate.delivery"));
        GuardedDns local = new GuardedDns(host -> List.of(InetAddress.getByName("127.0.0.1")), policy);
        assertEquals(1, local.lookup("localhost").size(), "the configured origin is the user's choice");
        GuardedDns mixed = new GuardedDns(host -> List.of(publicAddress, InetAddress.getByName("10.0.0.1")), policy);
        assertThrows(GuardedDns.RefusedAddressException.class, () -> mixed.lookup("pbxt.replicate.delivery"));
    }
}
