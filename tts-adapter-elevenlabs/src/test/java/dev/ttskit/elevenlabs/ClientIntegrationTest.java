package dev.ttskit.elevenlabs;

import dev.ttskit.ApiKey;
import dev.ttskit.AudioStream;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.audio.WavInfo;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter behind a real {@link TtsClient}: voice mapping, format delivery, streams and typed errors. */
@ExtendWith(NoLeaks.class)
class ClientIntegrationTest {
    private MockWebServer server;
    private TtsClient tts;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        tts = TtsClient.builder()
                .provider(ElevenLabsProvider.builder().apiKey(ApiKey.of("sk_client")).baseUrl(server.url("/v1").toString()).build())
                .voice("narrator", v -> v.on("elevenlabs", "21m00Tcm4TlvDq8ikWAM"))
                .build();
    }

    @AfterEach
    void stop() {
        tts.close();
        server.close();
    }

    @Test
    void wavThroughTheClientIsPcmWrappedByTheAdapter() throws Exception {
        byte[] pcm = ElevenLabsTestSupport.bytes(48_000, 5);
        server.enqueue(ElevenLabsTestSupport.audio(pcm));

        SpeechResult r = tts.synthesize(SpeechRequest.builder().text("Hello there.").voice("narrator")
                .format(AudioFormat.WAV_PCM16_24K).build());

        RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM", sent.getUrl().encodedPath());
        assertEquals("pcm_24000", sent.getUrl().queryParameter("output_format"));
        assertEquals("elevenlabs", r.provider());
        WavInfo info = WavCodec.readInfo(r.audioBytes());
        assertEquals(24_000, info.sampleRate());
        assertEquals(1, info.channels());
        assertEquals(pcm.length, info.dataLength());
        assertEquals(49L, r.characterCost().orElseThrow());
    }

    @Test
    void streamThroughTheClient() throws Exception {
        byte[] mp3 = ElevenLabsTestSupport.bytes(30_000, 6);
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody(new okio.Buffer().write(mp3), 1024).build());

        try (AudioStream s = tts.stream(SpeechRequest.builder().text("Hello there.").voice("narrator")
                .format(AudioFormat.MP3_44K_128).build())) {
            assertArrayEquals(mp3, s.readAllBytes());
        }
        assertTrue(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath().endsWith("/stream"));
    }

    @Test
    void timestampsOptionThroughTheClient() {
        // One real MPEG frame (the router checks MP3 output by its frame headers).
        byte[] frame = new byte[417];
        frame[0] = (byte) 0xFF;
        frame[1] = (byte) 0xFB;
        frame[2] = (byte) 0x90;
        String audio = java.util.Base64.getEncoder().encodeToString(frame);
        server.enqueue(ElevenLabsTestSupport.json(200, "{\"audio_base64\":\"" + audio + "\",\"alignment\":{\"characters\":[\"H\",\"i\"],"
                + "\"character_start_times_seconds\":[0.0,0.1],\"character_end_times_seconds\":[0.1,0.2]}}"));

        SpeechResult r = tts.synthesize(SpeechRequest.builder().text("Hi").voice("narrator").format(AudioFormat.MP3_44K_128)
                .option("elevenlabs.timestamps", true).build());

        assertEquals("Hi", r.timestamps().orElseThrow().words().get(0).text());
    }

    @Test
    void quotaFailureReachesTheCallerTyped() {
        server.enqueue(ElevenLabsTestSupport.json(401, "{\"detail\":{\"status\":\"quota_exceeded\",\"message\":\"No credits.\"}}"));

        TtsException e = assertThrows(TtsException.class, () -> tts.synthesize(SpeechRequest.builder().text("Hello there.")
                .voice("narrator").format(AudioFormat.MP3_44K_128).build()));
        assertTrue(e.toString().contains("QUOTA"), e.toString());
    }
}
