package dev.ttskit.cli;

import dev.ttskit.testkit.NoLeaks;
import mockwebserver3.Dispatcher;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.ttskit.cli.TtsCliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ttskit quota} and {@code ttskit speak --timestamps} against a loopback stand-in for ElevenLabs. */
@ExtendWith(NoLeaks.class)
class TtsCliElevenLabsExtrasTest {
    private static final String KEY = "sk_test_0123456789abcdefnotprinted";

    @TempDir
    Path dir;

    private MockWebServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private volatile int subscriptionStatus = 200;

    /** One NDJSON line of {@code …/stream/with-timestamps}: audio and the timings of its characters. */
    static String line(byte[] audio, String chars, String starts, String ends) {
        return "{\"audio_base64\":\"" + Base64.getEncoder().encodeToString(audio) + "\",\"alignment\":{\"characters\":" + chars
                + ",\"character_start_times_seconds\":" + starts + ",\"character_end_times_seconds\":" + ends + "}}\n";
    }

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                paths.add(path);
                if (!KEY.equals(request.getHeaders().get("xi-api-key"))) return new MockResponse.Builder().code(401).build();
                if (path.equals("/v1/user/subscription")) {
                    if (subscriptionStatus != 200) {
                        return new MockResponse.Builder().code(subscriptionStatus).setHeader("Content-Type", "application/json")
                                .body("{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key\"}}").build();
                    }
                    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                            .body("{\"tier\":\"creator\",\"character_count\":81234,\"character_limit\":100000,"
                                    + "\"next_character_count_reset_unix\":1767225600,\"status\":\"active\"}").build();
                }
                if (path.endsWith("/stream/with-timestamps")) {
                    String body = line(new byte[] {1, 2, 3}, "[\"H\",\"i\",\" \"]", "[0.0,0.1,0.2]", "[0.1,0.2,0.25]")
                            + line(new byte[] {4, 5}, "[\"y\",\"o\"]", "[0.25,0.3]", "[0.3,0.4]");
                    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
                }
                return new MockResponse.Builder().code(404).build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, String> env() {
        return Map.of("ELEVENLABS_API_KEY", KEY, "ELEVENLABS_BASE_URL", server.url("/").toString(), "TTSKIT_PROVIDERS", "elevenlabs");
    }

    @Test
    void quotaPrintsCharactersUsedAllowedLeftAndTheReset() {
        TtsCliTest.Run r = run(env(), false, "", "quota");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().contains("81234 of 100000 characters used, 18766 left"), r.out());
        assertTrue(r.out().contains("resets 2026-01-01T00:00:00Z"), r.out());
        assertTrue(r.out().contains("creator (active)"), r.out());
        assertEquals(List.of("/v1/user/subscription"), paths);
        assertFalse(r.printed(KEY));
    }

    @Test
    void quotaWithoutAKeyNamesTheVariableAndAsksNothing() {
        TtsCliTest.Run r = run(Map.of(), false, "", "quota");
        assertEquals(ExitCode.NO_PROVIDER, r.code());
        assertTrue(r.err().contains("not configured") && r.err().contains("ELEVENLABS_API_KEY"), r.err());
        assertTrue(paths.isEmpty());
    }

    @Test
    void quotaWithARefusedKeyIsAnAuthFailure() {
        subscriptionStatus = 401;
        TtsCliTest.Run r = run(env(), false, "", "quota");
        assertEquals(ExitCode.AUTH_OR_QUOTA, r.code(), r.err());
        assertFalse(r.printed(KEY));
    }

    @Test
    void speakWithTimestampsWritesTheAudioAndTheTimingsAsJson() throws IOException {
        Path audio = dir.resolve("hi.mp3");
        Path timings = dir.resolve("hi.json");
        TtsCliTest.Run r = run(env(), false, "", "speak", "--text", "Hi yo", "--format", "mp3", "--out", audio.toString(),
                "--timestamps", timings.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, Files.readAllBytes(audio));
        String json = Files.readString(timings, StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"characters\":[{\"text\":\"H\",\"offset\":0,\"start_ms\":0,\"end_ms\":100},"), json);
        assertTrue(json.contains("\"words\":[{\"text\":\"Hi\",\"offset\":0,\"start_ms\":0,\"end_ms\":200},"
                + "{\"text\":\"yo\",\"offset\":3,\"start_ms\":250,\"end_ms\":400}]"), json);
        assertTrue(r.out().contains("5 characters, 2 words"), r.out());
        assertTrue(paths.get(0).endsWith("/stream/with-timestamps"), paths.toString());
    }

    @Test
    void speakWithTimestampsThroughAProviderWithoutTimingsIsAUsageError() {
        Path audio = dir.resolve("hi.wav");
        Path timings = dir.resolve("hi.json");
        TtsCliTest.Run r = run(Map.of(), false, "", "speak", "--text", "Hello there.", "--provider", "marytts",
                "--out", audio.toString(), "--timestamps", timings.toString());
        assertEquals(ExitCode.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--timestamps needs a provider that reports timings (elevenlabs)"), r.err());
        assertFalse(Files.exists(audio));
        assertFalse(Files.exists(timings));
    }
}
