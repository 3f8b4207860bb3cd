package dev.ttskit.spring;

import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.spring.app.MockVoiceApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One real Spring Boot web application on a random loopback port: a request through the
 * auto-configured bean, then Actuator's health and metrics endpoints read over HTTP.
 */
class TtsApplicationTest {

    @Test
    void actuatorShowsTheClientsHealthAndMetricsOverHttp() throws Exception {
        TtsClient client;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(MockVoiceApplication.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "management.endpoints.web.exposure.include=health,metrics", "management.endpoint.health.show-details=always",
                        "ttskit.marytts.enabled=false")
                .run()) {
            client = app.getBean(TtsClient.class);
            assertEquals("mock", client.synthesize(SpeechRequest.of("Hello from a web application.")).provider());

            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            Response health = get(base + "/actuator/health");
            assertEquals(200, health.status(), health.body());
            String body = health.body().replace(" ", "");
            assertTrue(body.contains("\"ttskit\":{") && body.contains("\"groups\""), body);
            String ttskit = body.substring(body.indexOf("\"ttskit\":{"), body.indexOf("\"groups\""));
            assertTrue(ttskit.contains("\"status\":\"UP\""), ttskit);
            assertTrue(ttskit.contains("\"mock\":{\"state\":\"CLOSED\""), ttskit);
            assertTrue(ttskit.contains("\"successfulCalls\":1,"), ttskit);

            Response requests = get(base + "/actuator/metrics/ttskit.requests?tag=provider:mock&tag=outcome:success");
            assertEquals(200, requests.status(), requests.body());
            String metrics = requests.body().replace(" ", "");
            assertTrue(metrics.contains("{\"statistic\":\"COUNT\",\"value\":1.0}"), metrics);
        }
        // the client went with the application
        assertThrows(IllegalStateException.class, () -> client.synthesize(SpeechRequest.of("After the end.")));
    }

    private record Response(int status, String body) { }

    /** A GET over a connection of its own, closed before returning (the JDK 17 HttpClient cannot be closed). */
    private static Response get(String url) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try {
            c.setConnectTimeout(10_000);
            c.setReadTimeout(30_000);
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                return new Response(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            c.disconnect();
        }
    }
}
