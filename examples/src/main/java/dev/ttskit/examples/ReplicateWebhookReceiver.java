package dev.ttskit.examples;

import dev.ttskit.ApiKey;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.marytts.MaryTtsProvider;
import dev.ttskit.replicate.ReplicateProvider;
import dev.ttskit.replicate.WebhookServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replicate with webhook completion: Replicate posts the finished prediction to a public https URL
 * (for example a tunnel to this machine), and the adapter's built-in receiver, listening on a local
 * address, verifies the signature and completes the waiting call. Signatures that do not verify get
 * a 4xx answer. The CLI does the same from REPLICATE_WEBHOOK_URL, REPLICATE_WEBHOOK_SECRET and
 * REPLICATE_WEBHOOK_BIND.
 *
 * <pre>
 * REPLICATE_API_TOKEN=r8_... REPLICATE_WEBHOOK_URL=https://my-tunnel.example.org/replicate \
 * REPLICATE_WEBHOOK_SECRET=whsec_... \
 *   java -cp examples/target/ttskit-cli.jar dev.ttskit.examples.ReplicateWebhookReceiver 0.0.0.0:8080
 * </pre>
 *
 * In a web framework of your own, use {@code provider.webhookHandler().handle(headers, rawBody)} and
 * answer with the outcome's {@code httpStatus()} instead of the built-in receiver.
 */
public final class ReplicateWebhookReceiver {
    private ReplicateWebhookReceiver() {
    }

    public static void main(String[] args) throws IOException {
        ReplicateProvider replicate = provider(ApiKey.of(System.getenv("REPLICATE_API_TOKEN")),
                System.getenv("REPLICATE_WEBHOOK_URL"), System.getenv("REPLICATE_WEBHOOK_SECRET"),
                args.length > 0 ? args[0] : "127.0.0.1:8080");
        replicate.webhookServer().ifPresent(s -> System.out.println("receiving webhooks on " + s.address() + s.path()));
        try (TtsClient tts = TtsClient.builder()
                .provider(replicate)
                .provider(MaryTtsProvider.create())     // speaks if Replicate cannot
                .build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.of("Finished predictions arrive by webhook."));
            Files.write(Path.of("replicate.wav"), r.audioBytes());
            System.out.println("spoken by " + r.provider());
        }
    }

    /**
     * A Replicate provider that waits for webhooks on {@code bind} ({@code host:port}) for the public
     * {@code webhookUrl}, checking them with {@code secret} ({@code whsec_...}).
     */
    public static ReplicateProvider provider(ApiKey token, String webhookUrl, String secret, String bind) {
        return ReplicateProvider.builder()
                .apiToken(token)
                .model("minimax/speech-02-turbo")
                .webhookUrl(webhookUrl)
                .webhookSecret(secret)
                .webhookReceiver(WebhookServer.parseBind(bind))
                .build();
    }
}
