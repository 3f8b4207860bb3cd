package dev.ttskit.cli;

import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.audio.WavInfo;
import dev.ttskit.testkit.MockAudio;
import dev.ttskit.testkit.NoLeaks;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.ttskit.cli.TtsCliTest.SECRET_TEXT;
import static dev.ttskit.cli.TtsCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --provider openai} and {@code --provider polly} against loopback stand-ins, configured through the environment only. */
@ExtendWith(NoLeaks.class)
class TtsCliOpenAiPollyTest {
    @TempDir
    Path dir;

    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void openAiCompatibleServerWithoutAKey() throws Exception {
        byte[] pcm = MockAudio.tone(AudioFormat.PCM16_24K, Duration.ofSeconds(2));
        server.enqueue(new MockResponse.Builder().code(200).body(new okio.Buffer().write(pcm)).build());
        Path wav = dir.resolve("openai.wav");

        TtsCliTest.Run r = run(Map.of("OPENAI_BASE_URL", server.url("/v1").toString(), "OPENAI_TTS_MODEL", "kokoro",
                "OPENAI_TTS_VOICE", "af_heart"), false, "", "speak", "--provider", "openai", "--text", SECRET_TEXT, "--out", wav.toString());

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("spoken by openai"), r.out());
        WavInfo info = WavCodec.readInfo(Files.readAllBytes(wav));
        assertEquals(24_000, info.sampleRate());
        assertEquals(pcm.length, info.dataLength());
        RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("/v1/audio/speech", sent.getUrl().encodedPath());
        assertTrue(sent.getBody().utf8().contains("\"voice\":\"af_heart\""));
        assertFalse(r.printed(SECRET_TEXT));
    }

    @Test
    void openAiNotConfiguredNamesBothSettings() {
        TtsCliTest.Run r = run(Map.of(), false, "", "speak", "--provider", "openai", "--text", "Hi.", "--out",
                dir.resolve("x.wav").toString());
        assertEquals(ExitCode.NO_PROVIDER, r.code(), r.err());
        assertTrue(r.err().contains("OPENAI_API_KEY (or OPENAI_BASE_URL)"), r.err());
    }

    @Test
    void theOutFilesExtensionAsksForFlacAndTheBytesArriveAsSent() throws Exception {
        byte[] flac = MockAudio.tone(AudioFormat.FLAC_24K, Duration.ofSeconds(2));
        server.enqueue(new MockResponse.Builder().code(200).body(new okio.Buffer().write(flac)).build());
        Path out = dir.resolve("speech.flac");

        TtsCliTest.Run r = run(Map.of("OPENAI_BASE_URL", server.url("/v1").toString()), false, "",
                "speak", "--provider", "openai", "--text", "Hello there.", "--out", out.toString());

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("flac_24000") && r.out().contains("2.0 s"), r.out());
        assertTrue(java.util.Arrays.equals(flac, Files.readAllBytes(out)), "delivered as the server sent it");
        assertTrue(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8().contains("\"response_format\":\"flac\""));
    }

    @Test
    void formatAacIsAcceptedAndAFormatNobodyMakesIsAUsageError() {
        TtsCliTest.Run bad = run(Map.of(), false, "", "speak", "--text", "Hi.", "--format", "wma", "--out", dir.resolve("x.wma").toString());
        assertEquals(ExitCode.USAGE, bad.code(), bad.err());
        assertTrue(bad.err().contains("wav, mp3, pcm, aac, flac, ogg"), bad.err());
        byte[] aac = MockAudio.tone(AudioFormat.AAC_24K, Duration.ofSeconds(2));
        server.enqueue(new MockResponse.Builder().code(200).body(new okio.Buffer().write(aac)).build());
        TtsCliTest.Run r = run(Map.of("OPENAI_BASE_URL", server.url("/v1").toString()), false, "",
                "speak", "--provider", "openai", "--text", "Hello there.", "--format", "aac", "--out", dir.resolve("x.bin").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("aac_24000"), r.out());
    }

    @Test
    void aRegionAloneLeavesPollyOffAndTheHintNamesTheOptIn() {
        TtsCliTest.Run r = run(Map.of("AWS_REGION", "us-east-1"), false, "", "speak", "--provider", "polly", "--text", "Hi.", "--out",
                dir.resolve("x.wav").toString());
        assertEquals(ExitCode.NO_PROVIDER, r.code(), r.err());
        assertTrue(r.err().contains("TTSKIT_POLLY_ENABLED=true and AWS_REGION"), r.err());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void pollyWithTheSdkChainsCredentialsConvertedTo24kWav() throws Exception {
        byte[] pcm = MockAudio.tone(AudioFormat.PCM16_16K, Duration.ofSeconds(2));
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/pcm")
                .addHeader("x-amzn-RequestId", "3f1c2a4e").body(new okio.Buffer().write(pcm)).build());
        Path wav = dir.resolve("polly.wav");
        // The SDK's default chain reads these system properties first; restored below.
        String id = System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        String secret = System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        TtsCliTest.Run r;
        try {
            r = run(Map.of("TTSKIT_POLLY_ENABLED", "true", "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_POLLY", server.url("/").toString()), false, "",
                    "speak", "--provider", "polly", "--text", SECRET_TEXT, "--out", wav.toString());
        } finally {
            restore("aws.accessKeyId", id);
            restore("aws.secretAccessKey", secret);
        }

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("spoken by polly"), r.out());
        WavInfo info = WavCodec.readInfo(Files.readAllBytes(wav));
        assertEquals(24_000, info.sampleRate(), "the CLI's default 24 kHz WAV, resampled from Polly's 16 kHz PCM");
        RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("/v1/speech", sent.getUrl().encodedPath());
        assertTrue(sent.getHeaders().get("Authorization").contains("Credential=AKIDEXAMPLE/"));
        assertTrue(sent.getBody().utf8().contains("\"SampleRate\":\"16000\""));
        assertFalse(r.printed("AKIDEXAMPLE"), "credentials are never printed");
    }

    @Test
    void pollyAuthFailureExitsFourWithAHintAboutCredentials() {
        server.enqueue(new MockResponse.Builder().code(403).addHeader("x-amzn-ErrorType", "UnrecognizedClientException")
                .addHeader("Content-Type", "application/json").body("{\"message\":\"The security token included in the request is invalid.\"}")
                .build());
        String id = System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        String secret = System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        TtsCliTest.Run r;
        try {
            r = run(Map.of("TTSKIT_POLLY_ENABLED", "true", "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", server.url("/").toString()), false, "",
                    "speak", "--provider", "polly", "--text", "Hello there.", "--out", dir.resolve("x.wav").toString());
        } finally {
            restore("aws.accessKeyId", id);
            restore("aws.secretAccessKey", secret);
        }
        assertEquals(ExitCode.AUTH_OR_QUOTA, r.code(), r.err());
        assertTrue(r.err().contains("AWS credentials"), r.err());
        assertFalse(r.printed("AKIDEXAMPLE"));
    }

    private static void restore(String key, String previous) {
        if (previous == null) System.clearProperty(key); else System.setProperty(key, previous);
    }
}
