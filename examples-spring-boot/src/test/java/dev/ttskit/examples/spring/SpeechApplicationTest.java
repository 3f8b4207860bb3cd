package dev.ttskit.examples.spring;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example application, started on a random loopback port, speaking with the starter's embedded voice. */
class SpeechApplicationTest {

    @Test
    void speaksOverHttpAndAnswersBadInputWithItsCategory() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SpeechApplication.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off").run()) {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");

            Response spoken = post(base + "/speech", "Hello from a Spring application.");
            assertEquals(200, spoken.status, new String(spoken.body, StandardCharsets.UTF_8));
            assertEquals("marytts", spoken.provider);
            assertArrayEquals("RIFF".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(spoken.body, 4));
            assertTrue(spoken.body.length > 24_000, "at least half a second of 24 kHz audio, was " + spoken.body.length + " bytes");

            Response metrics = get(base + "/actuator/metrics/ttskit.requests?tag=provider:marytts");
            assertEquals(200, metrics.status, new String(metrics.body, StandardCharsets.UTF_8));
            assertTrue(new String(metrics.body, StandardCharsets.UTF_8).replace(" ", "").contains("{\"statistic\":\"COUNT\",\"value\":1.0}"),
                    new String(metrics.body, StandardCharsets.UTF_8));

            Response empty = post(base + "/speech", "   ");
            assertEquals(400, empty.status);
            assertTrue(new String(empty.body, StandardCharsets.UTF_8).startsWith("VALIDATION"), new String(empty.body, StandardCharsets.UTF_8));
        }
    }

    private record Response(int status, String provider, byte[] body) { }

    private static Response get(String url) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try {
            c.setConnectTimeout(10_000);
            c.setReadTimeout(30_000);
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                return new Response(status, null, in == null ? new byte[0] : in.readAllBytes());
            }
        } finally {
            c.disconnect();
        }
    }

    private static Response post(String url, String text) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try {
            c.setConnectTimeout(10_000);
            c.setReadTimeout(120_000);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "text/plain; charset=UTF-8");
            try (OutputStream out = c.getOutputStream()) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                return new Response(status, c.getHeaderField("X-Tts-Provider"), in == null ? new byte[0] : in.readAllBytes());
            }
        } finally {
            c.disconnect();
        }
    }
}
