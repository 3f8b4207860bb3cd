package dev.ttskit.openai;

import dev.ttskit.ApiKey;
import dev.ttskit.AudioStream;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.elevenlabs.ElevenLabsProvider;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.NoLeaks;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter behind a real {@link TtsClient}: Retry-After honoured on the injected clock, failover both ways, conversion. */
@ExtendWith(NoLeaks.class)
class ClientIntegrationTest {
    private MockWebServer openAi;
    private MockWebServer elevenLabs;
    private final ManualClock clock = new ManualClock();
    private final ManualSleeper sleeper = new ManualSleeper(clock);

    @BeforeEach
    void start() throws IOException {
        openAi = new MockWebServer();
        openAi.start(InetAddress.getLoopbackAddress(), 0);
        elevenLabs = new MockWebServer();
        elevenLabs.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        openAi.close();
        elevenLabs.close();
    }

    private OpenAiProvider openAiProvider() {
        return OpenAiProvider.builder().apiKey(ApiKey.of("sk-client")).baseUrl(openAi.url("/v1").toString())
                .compatibleServer(false).build();
    }

    private ElevenLabsProvider elevenLabsProvider() {
        return ElevenLabsProvider.builder().apiKey(ApiKey.of("sk_client")).baseUrl(elevenLabs.url("/").toString()).build();
    }

    private static SpeechRequest wav(String text) {
        return SpeechRequest.builder().text(text).voice("narrator").format(AudioFormat.WAV_PCM16_24K).build();
    }

    @Test
    void x4RateLimitedThenServedAfterWaitingTwentySecondsOnTheInjectedClock() throws Exception {
        byte[] pcm = OpenAiTestSupport.bytes(48_000, 3);
        openAi.enqueue(OpenAiTestSupport.json(429, ErrorMappingTest.E4).newBuilder().addHeader("retry-after", "20").build());
        openAi.enqueue(OpenAiTestSupport.audio(pcm));
        try (TtsClient tts = TtsClient.builder().provider(openAiProvider()).voice("narrator", v -> v.on("openai", "coral"))
                .clock(clock).sleeper(sleeper).retry(RetryPolicy.builder().maxAttempts(2).maxRetryAfter(Duration.ofSeconds(60)).build())
                .build()) {
            SpeechResult r = tts.synthesize(wav("Hello there, this is a test."));
            assertEquals("openai", r.provider());
            assertEquals(2, r.attempts());
            assertEquals(pcm.length, WavCodec.readInfo(r.audioBytes()).dataLength());
        }
        assertEquals(List.of(Duration.ofSeconds(20)), sleeper.sleeps());
        assertEquals(2, openAi.getRequestCount());
    }

    @Test
    void quotaOnOpenAiFailsOverToElevenLabs() throws Exception {
        byte[] pcm = OpenAiTestSupport.bytes(48_000, 4);
        openAi.enqueue(OpenAiTestSupport.json(429, ErrorMappingTest.E3));
        elevenLabs.enqueue(new MockResponse.Builder().code(200).body(new okio.Buffer().write(pcm)).build());
        try (TtsClient tts = TtsClient.builder().provider(openAiProvider()).provider(elevenLabsProvider())
                .voice("narrator", v -> v.on("openai", "coral").on("elevenlabs", "21m00Tcm4TlvDq8ikWAM"))
                .clock(clock).sleeper(sleeper).build()) {
            SpeechResult r = tts.synthesize(wav("Hello there, this is a test."));
            assertEquals("elevenlabs", r.provider());
            assertEquals(pcm.length, WavCodec.readInfo(r.audioBytes()).dataLength());
        }
        assertEquals(1, openAi.getRequestCount(), "quota is not retried");
        RecordedRequest sent = elevenLabs.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("pcm_24000", sent.getUrl().queryParameter("output_format"));
    }

    @Test
    void elevenLabsDownFailsOverToOpenAiStreaming() throws Exception {
        byte[] pcm = OpenAiTestSupport.bytes(48_000, 5);
        elevenLabs.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                .body("{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key\"}}").build());
        openAi.enqueue(OpenAiTestSupport.audio(pcm));
        try (TtsClient tts = TtsClient.builder().provider(elevenLabsProvider()).provider(openAiProvider())
                .voice("narrator", v -> v.on("openai", "coral").on("elevenlabs", "21m00Tcm4TlvDq8ikWAM"))
                .clock(clock).sleeper(sleeper).build();
             AudioStream s = tts.stream(SpeechRequest.builder().text("Hello there, this is a test.").voice("narrator")
                     .format(AudioFormat.PCM16_24K).build())) {
            assertEquals("openai", s.provider());
            assertArrayEquals(pcm, s.readAllBytes());
        }
    }

    @Test
    void sixteenKilohertzWavIsConvertedFromOpenAisPcm() {
        openAi.enqueue(OpenAiTestSupport.audio(OpenAiTestSupport.bytes(48_000, 6)));
        try (TtsClient tts = TtsClient.builder().provider(openAiProvider()).voice("narrator", v -> v.on("openai", "coral"))
                .clock(clock).sleeper(sleeper).build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.builder().text("Hello there, this is a test.").voice("narrator")
                    .format(AudioFormat.WAV_PCM16_16K).build());
            assertEquals(AudioFormat.WAV_PCM16_16K, r.format());
            assertEquals(16_000, WavCodec.readInfo(r.audioBytes()).sampleRate());
        }
    }

    @Test
    void badKeyReachesTheCallerTyped() {
        openAi.enqueue(OpenAiTestSupport.json(401, ErrorMappingTest.E2));
        try (TtsClient tts = TtsClient.builder().provider(openAiProvider()).voice("narrator", v -> v.on("openai", "coral"))
                .clock(clock).sleeper(sleeper).build()) {
            TtsException e = assertThrows(TtsException.class, () -> tts.synthesize(wav("Hello there, this is a test.")));
            assertTrue(e.toString().contains("AUTH"), e.toString());
        }
    }
}
