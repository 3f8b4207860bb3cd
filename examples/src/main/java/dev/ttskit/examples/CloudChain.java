package dev.ttskit.examples;

import dev.ttskit.ApiKey;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.marytts.MaryTtsProvider;
import dev.ttskit.openai.OpenAiProvider;
import dev.ttskit.polly.PollyProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A chain of the providers an account already has: OpenAI (or a local OpenAI-compatible server such as
 * Kokoro), then Amazon Polly, then the embedded voice. Whichever answers, the file is 24 kHz WAV:
 * OpenAI's PCM is wrapped, Polly's 16 kHz PCM is resampled.
 *
 * <pre>
 * OPENAI_API_KEY=sk-... AWS_REGION=eu-west-1 java -cp ttskit-cli.jar dev.ttskit.examples.CloudChain out.wav
 * OPENAI_BASE_URL=http://localhost:8880/v1 java -cp ttskit-cli.jar dev.ttskit.examples.CloudChain out.wav
 * </pre>
 */
public final class CloudChain {
    private CloudChain() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "cloud-chain.wav");
        TtsClient.Builder chain = TtsClient.builder();
        String key = System.getenv("OPENAI_API_KEY");
        String baseUrl = System.getenv("OPENAI_BASE_URL");
        if (key != null || baseUrl != null) {
            OpenAiProvider.Builder openAi = OpenAiProvider.builder().voice("coral");
            if (key != null) openAi.apiKey(ApiKey.of(key));
            if (baseUrl != null) openAi.baseUrl(baseUrl).voice("af_heart").model("kokoro");
            chain.provider(openAi.build());
        }
        if (System.getenv("AWS_REGION") != null) {
            // Region, credentials and endpoint from the AWS SDK's own configuration.
            chain.provider(PollyProvider.builder().voice("Ruth").engine("neural").build());
        }
        chain.provider(MaryTtsProvider.create());
        try (TtsClient tts = chain.build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.builder()
                    .text("Whichever provider answers, this file sounds the same format.")
                    .format(AudioFormat.WAV_PCM16_24K)
                    .build());
            Files.write(out, r.audioBytes());
            System.out.println("wrote " + out + " (" + r.size() + " bytes), spoken by " + r.provider());
        }
    }
}
