package dev.ttskit.polly;

import dev.ttskit.ApiKey;
import dev.ttskit.AudioStream;
import dev.ttskit.LongSpeechResult;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.openai.OpenAiProvider;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Polly behind a real {@link TtsClient}: Y5 retried by ttskit alone, failover with OpenAI both ways, long text split by the router. */
@ExtendWith(NoLeaks.class)
class ClientIntegrationTest {
    private MockWebServer polly;
    private MockWebServer openAi;
    private final ManualClock clock = new ManualClock();
    private final ManualSleeper sleeper = new ManualSleeper(clock);

    @BeforeEach
    void start() throws IOException {
        polly = new MockWebServer();
        polly.start(InetAddress.getLoopbackAddress(), 0);
        openAi = new MockWebServer();
        openAi.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        polly.close();
        openAi.close();
    }

    private OpenAiProvider openAiProvider() {
        return OpenAiProvider.builder().apiKey(ApiKey.of("sk-client")).baseUrl(openAi.url("/v1").toString()).compatibleServer(false).build();
    }

    private TtsClient.Builder client() {
        return TtsClient.builder().clock(clock).sleeper(sleeper)
                .voice("narrator", v -> v.on("polly", "Joanna").on("openai", "coral"));
    }

    @Test
    void y5ThrottledThenServedOneRequestPerAttempt() throws Exception {
        byte[] pcm = PollyTestSupport.bytes(32_000, 1);
        polly.enqueue(PollyTestSupport.error(400, "ThrottlingException", "Rate exceeded"));
        polly.enqueue(PollyTestSupport.audio(pcm, "audio/pcm", 27));
        try (TtsClient tts = client().provider(PollyTestSupport.builder(polly).build())
                .retry(RetryPolicy.builder().maxAttempts(2).build()).build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.builder().text("Hello there, this is a test.").voice("narrator")
                    .format(AudioFormat.WAV_PCM16_16K).build());
            assertEquals("polly", r.provider());
            assertEquals(2, r.attempts());
            assertEquals(pcm.length, WavCodec.readInfo(r.audioBytes()).dataLength());
        }
        assertEquals(2, polly.getRequestCount(), "ttskit retried once; the SDK did not retry on its own");
        assertEquals(1, sleeper.sleeps().size(), "the wait was the router's backoff, on the injected sleeper");
    }

    @Test
    void pollyDownFailsOverToOpenAi() throws Exception {
        byte[] pcm = PollyTestSupport.bytes(48_000, 2);
        for (int i = 0; i < 5; i++) polly.enqueue(PollyTestSupport.error(500, "ServiceFailureException", "Service failure"));
        openAi.enqueue(new MockResponse.Builder().code(200).body(new okio.Buffer().write(pcm)).build());
        try (TtsClient tts = client().provider(PollyTestSupport.builder(polly).build()).provider(openAiProvider())
                .retry(RetryPolicy.builder().maxAttempts(1).build()).build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.builder().text("Hello there, this is a test.").voice("narrator")
                    .format(AudioFormat.WAV_PCM16_24K).build());
            assertEquals("openai", r.provider());
        }
    }

    @Test
    void openAiQuotaFailsOverToPollyStreamingConvertedPcm() throws Exception {
        byte[] pcm = PollyTestSupport.bytes(32_000, 3);
        openAi.enqueue(new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}")
                .build());
        polly.enqueue(PollyTestSupport.audio(pcm, "audio/pcm", 27));
        try (TtsClient tts = client().provider(openAiProvider()).provider(PollyTestSupport.builder(polly).build()).build();
             AudioStream s = tts.stream(SpeechRequest.builder().text("Hello there, this is a test.").voice("narrator")
                     .format(AudioFormat.PCM16_16K).build())) {
            assertEquals("polly", s.provider());
            assertArrayEquals(pcm, s.readAllBytes());
        }
    }

    @Test
    void longTextIsSplitByTheRouterWithinPollysLimit() throws Exception {
        StringBuilder text = new StringBuilder();
        // Numbered sentences, so no two chunks are the same request (identical ones would share one call).
        for (int n = 1; text.length() < 7_000; n++) text.append("This is sentence ").append(n).append(" of many that make a long text. ");
        // Ten seconds of 16 kHz audio per chunk: the audio checks want at least 4 ms per speakable character.
        for (int i = 0; i < 10; i++) polly.enqueue(PollyTestSupport.audio(PollyTestSupport.bytes(320_000, i), "audio/pcm", 100));
        LongSpeechResult r;
        try (TtsClient tts = client().provider(PollyTestSupport.builder(polly).build()).build()) {
            r = tts.synthesizeLong(SpeechRequest.builder().text(text.toString()).voice("narrator").format(AudioFormat.WAV_PCM16_16K).build(),
                    dev.ttskit.ProgressListener.NONE);
        }
        assertTrue(r.complete());
        assertTrue(r.chunks() >= 3, "7,000 characters need at least three requests, was " + r.chunks());
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < r.chunks(); i++) {
            RecordedRequest sent = polly.takeRequest(5, TimeUnit.SECONDS);
            sizes.add(PollyTestSupport.bodyOf(sent).get("Text").asText().length());
        }
        assertTrue(sizes.stream().allMatch(n -> n <= 3_000), "each request within the limit: " + sizes);
    }
}
