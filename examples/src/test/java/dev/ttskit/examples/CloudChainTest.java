package dev.ttskit.examples;

import dev.ttskit.SpeechResult;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.audio.WavInfo;
import dev.ttskit.testkit.MockAudio;
import dev.ttskit.testkit.NoLeaks;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CloudChain against loopback stand-ins: OpenAI rejects the key, Polly answers, the file is 24 kHz WAV. */
@ExtendWith(NoLeaks.class)
class CloudChainTest {
    @TempDir
    Path dir;

    @Test
    void openAiAuthFailureFailsOverToPollyAndTheFormatHolds() throws Exception {
        try (MockWebServer openAi = new MockWebServer(); MockWebServer polly = new MockWebServer()) {
            openAi.start(InetAddress.getLoopbackAddress(), 0);
            polly.start(InetAddress.getLoopbackAddress(), 0);
            openAi.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                    .body("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")
                    .build());
            polly.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/pcm")
                    .body(new okio.Buffer().write(MockAudio.tone(AudioFormat.PCM16_16K, Duration.ofSeconds(3)))).build());
            Path out = dir.resolve("chain.wav");
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            String id = System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
            String secret = System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
            SpeechResult r;
            try (PrintStream p = new PrintStream(log, true, StandardCharsets.UTF_8)) {
                r = CloudChain.speak(Map.of("OPENAI_API_KEY", "sk-bad", "OPENAI_BASE_URL", openAi.url("/v1").toString(),
                        "TTSKIT_POLLY_ENABLED", "on", "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_POLLY", polly.url("/").toString()), out, p);
            } finally {
                if (id == null) System.clearProperty("aws.accessKeyId"); else System.setProperty("aws.accessKeyId", id);
                if (secret == null) System.clearProperty("aws.secretAccessKey"); else System.setProperty("aws.secretAccessKey", secret);
            }
            assertEquals("polly", r.provider());
            assertTrue(log.toString(StandardCharsets.UTF_8).contains("failover: openai -> polly (AUTH)"), log.toString(StandardCharsets.UTF_8));
            WavInfo info = WavCodec.readInfo(Files.readAllBytes(out));
            assertEquals(24_000, info.sampleRate());
            assertEquals(1, openAi.getRequestCount(), "a rejected key is not retried");
        }
    }
}
