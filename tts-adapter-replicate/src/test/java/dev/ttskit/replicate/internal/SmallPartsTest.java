package dev.ttskit.replicate.internal;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model references, Cancel-After, prediction parsing and the download policy. */
class SmallPartsTest {
    @Test
    void modelReferences() {
        ModelRef official = ModelRef.parse("minimax/speech-02-turbo");
        assertNull(official.version());
        assertEquals("minimax/speech-02-turbo", official.slug());
        ModelRef pinned = ModelRef.parse(" lucataco/xtts-v2:684bc3855b37866c0c65add2ff39c78f3dea3f4ff103a436465326e0f438d55e ");
        assertEquals("684bc3855b37866c0c65add2ff39c78f3dea3f4ff103a436465326e0f438d55e", pinned.version());
        for (String bad : List.of("", "nameonly", "a/b/c", "a/b:", "../x/y", "a/b:ver sion", "/b", "a/")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelRef.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad.trim()) || e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void cancelAfterIsRoundedUpAndBounded() {
        assertEquals("5s", CancelAfter.format(Duration.ofMillis(300)));
        assertEquals("30s", CancelAfter.format(Duration.ofMillis(29_001)));
        assertEquals("2m", CancelAfter.format(Duration.ofSeconds(120)));
        assertEquals("1m30s", CancelAfter.format(Duration.ofSeconds(90)));
        assertEquals("2h", CancelAfter.format(Duration.ofHours(2)));
        assertEquals("1h0m1s", CancelAfter.format(Duration.ofSeconds(3601)));
        assertEquals("24h", CancelAfter.format(Duration.ofDays(3)));
        for (String v : List.of("5s", "1m30s", "2h", "1h0m1s")) assertTrue(v.matches("(\\d+h)?(\\d+m)?(\\d+s)?"));
    }

    @Test
    void predictionsParseTolerantly() {
        Prediction p = Prediction.parse(("{\"id\":\"gm3qorzdhgbfurvjtvhg6dckhu\",\"status\":\"succeeded\",\"version\":\"hidden\","
                + "\"created_at\":\"2023-11-27T13:35:45.99397566Z\",\"completed_at\":\"2024-04-22T11:15:15.504128Z\","
                + "\"output\":[\"https://replicate.delivery/a.wav\"],\"logs\":null,\"unknown\":{\"x\":1}}").getBytes(StandardCharsets.UTF_8));
        assertEquals(PredictionStatus.SUCCEEDED, p.status());
        assertEquals(Instant.parse("2023-11-27T13:35:45.99397566Z"), p.createdAt().orElseThrow());
        assertTrue(p.completedAt().isPresent());
        assertEquals("https://replicate.delivery/a.wav", p.outputFile().orElseThrow());
        assertFalse(p.dataRemoved());
        Prediction odd = Prediction.parse("{\"id\":\"x\",\"status\":\"successful\",\"created_at\":\"yesterday\",\"output\":{\"k\":1}}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(PredictionStatus.UNKNOWN, odd.status(), "the docs typo is not a real status");
        assertFalse(odd.status().terminal());
        assertTrue(odd.createdAt().isEmpty());
        assertTrue(odd.outputFile().isEmpty());
        assertTrue(PredictionStatus.ABORTED.terminal());
        assertThrows(MalformedPredictionException.class, () -> Prediction.parse("{\"id\":\"\"}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(p.toString().contains("replicate.delivery"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://replicate.delivery/a.wav", "https://pbxt.replicate.delivery/a.wav",
            "https://TJZK.Replicate.Delivery/a.wav", "http://127.0.0.1:8080/files/a.wav"})
    void allowedDownloadUrls(String url) {
        DownloadPolicy policy = new DownloadPolicy(List.of("replicate.delivery"), HttpUrl.get("http://127.0.0.1:8080/"), false);
        assertTrue(policy.refusal(HttpUrl.get(url)).isEmpty(), url);
    }

    @Test
    void extraAllowedHostsAndOriginPorts() {
        DownloadPolicy policy = new DownloadPolicy(List.of("replicate.delivery", "files.example.com"),
                HttpUrl.get("https://proxy.example.com:8443/"), false);
        assertTrue(policy.refusal(HttpUrl.get("https://cdn.files.example.com/a.wav")).isEmpty());
        assertTrue(policy.refusal(HttpUrl.get("https://proxy.example.com:8443/out.wav")).isEmpty());
        assertTrue(policy.refusal(HttpUrl.get("https://proxy.example.com/out.wav")).isPresent(), "another port is another origin");
        assertTrue(policy.refusal(HttpUrl.get("http://localhost:8443/out.wav")).isPresent());
        assertTrue(policy.refusal(HttpUrl.get("https://1.2.3.4/out.wav")).isPresent());
        assertTrue(policy.refusal(HttpUrl.get("https://017700000001/out.wav")).isPresent(), "octal/dword host forms");
    }
}
