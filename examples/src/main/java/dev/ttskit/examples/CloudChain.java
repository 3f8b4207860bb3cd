package dev.ttskit.examples;

import dev.ttskit.ApiKey;
import dev.ttskit.Settings;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.TtsListener;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.marytts.MaryTtsProvider;
import dev.ttskit.openai.OpenAiProvider;
import dev.ttskit.polly.PollyProvider;
import dev.ttskit.polly.PollyProviderFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A chain of the providers an account already has: OpenAI (or a local OpenAI-compatible server such as
 * Kokoro), then Amazon Polly, then the embedded voice. Whichever answers, the file is 24 kHz WAV:
 * OpenAI's PCM is wrapped, Polly's 16 kHz PCM is resampled.
 *
 * <pre>
 * OPENAI_API_KEY=sk-... TTSKIT_POLLY_ENABLED=true AWS_REGION=eu-west-1 java -cp ttskit-cli.jar dev.ttskit.examples.CloudChain out.wav
 * OPENAI_BASE_URL=http://localhost:8880/v1 java -cp ttskit-cli.jar dev.ttskit.examples.CloudChain out.wav
 * </pre>
 */
public final class CloudChain {
    private CloudChain() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "cloud-chain.wav");
        SpeechResult r = speak(System.getenv(), out, System.out);
        System.out.println("wrote " + out + " (" + r.size() + " bytes), spoken by " + r.provider());
    }

    /**
     * Builds the chain from {@code env} (OPENAI_API_KEY / OPENAI_BASE_URL; TTSKIT_POLLY_ENABLED on (as for the CLI: true, yes, on, 1) with AWS_REGION, AWS_ENDPOINT_URL_POLLY;
     * Polly's credentials from the AWS SDK's default chain), speaks one sentence into {@code out} and
     * prints each failover to {@code log}.
     */
    public static SpeechResult speak(Map<String, String> env, Path out, PrintStream log) throws IOException {
        TtsClient.Builder chain = TtsClient.builder();
        String key = env.get("OPENAI_API_KEY");
        String baseUrl = env.get("OPENAI_BASE_URL");
        if (key != null || baseUrl != null) {
            OpenAiProvider.Builder openAi = OpenAiProvider.builder().voice("alloy");
            if (key != null) openAi.apiKey(ApiKey.of(key));
            if (baseUrl != null) openAi.baseUrl(baseUrl);
            chain.provider(openAi.build());
        }
        String region = env.get("AWS_REGION");
        // Polly is paid: a region alone (set on all AWS compute) does not add it, the opt-in does
        if (Settings.of(env).flag(PollyProviderFactory.ENABLED).orElse(false) && region != null) {
            PollyProvider.Builder polly = PollyProvider.builder().region(region).voice("Ruth").engine("neural");
            String endpoint = env.get("AWS_ENDPOINT_URL_POLLY");
            if (endpoint != null) polly.endpointOverride(URI.create(endpoint));
            chain.provider(polly.build());
        }
        chain.provider(MaryTtsProvider.create());
        chain.listener(new TtsListener() {
            @Override
            public void onFailover(String from, String to, TtsException cause) {
                log.println("failover: " + from + " -> " + to + " (" + cause.category() + ")");
            }
        });
        try (TtsClient tts = chain.build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.builder()
                    .text("Whichever provider answers, this file has the same format.")
                    .format(AudioFormat.WAV_PCM16_24K)
                    .build());
            Files.write(out, r.audioBytes());
            return r;
        }
    }
}
