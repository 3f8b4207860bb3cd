package dev.ttskit.examples;

import dev.ttskit.ApiKey;
import dev.ttskit.replicate.ReplicateProvider;
import dev.ttskit.replicate.WebhookServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example's receiver on loopback: a webhook that fails verification gets a 4xx answer. */
class ReplicateWebhookReceiverTest {
    @Test
    void receiverListensAndRefusesUnsignedWebhooks() throws Exception {
        String secret = "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        ReplicateProvider p = ReplicateWebhookReceiver.provider(ApiKey.of("r8_example"),
                "https://hooks.example.org/replicate", secret, "127.0.0.1:0");
        try {
            WebhookServer server = p.webhookServer().orElseThrow();
            assertEquals("/replicate", server.path());
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + "/replicate");
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri)
                    .header("webhook-id", "msg_1").header("webhook-timestamp", Long.toString(System.currentTimeMillis() / 1000))
                    .header("webhook-signature", "v1,bm90IGEgc2lnbmF0dXJl")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"p1\",\"status\":\"succeeded\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500, "status " + answer.statusCode());
        } finally {
            p.close();
        }
    }
}
