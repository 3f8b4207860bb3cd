package dev.ttskit.examples;

import dev.ttskit.ApiKey;
import dev.ttskit.testkit.NoLeaks;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ElevenLabs extras example against a loopback ElevenLabs: models, quota and timed audio. */
@ExtendWith(NoLeaks.class)
class ElevenLabsExtrasTest {
    @TempDir
    Path dir;

    @Test
    void listsModelsReadsTheQuotaAndStreamsWithTimings() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            server.enqueue(json("[{\"model_id\":\"eleven_flash_v2_5\",\"name\":\"Flash\",\"can_do_text_to_speech\":true,"
                    + "\"maximum_text_length_per_request\":40000,\"languages\":[{\"language_id\":\"en\"}]}]"));
            server.enqueue(json("{\"tier\":\"free\",\"character_count\":100,\"character_limit\":10000,\"status\":\"active\"}"));
            server.enqueue(json("{\"audio_base64\":\"" + Base64.getEncoder().encodeToString(new byte[] {9, 8, 7}) + "\","
                    + "\"alignment\":{\"characters\":[\"O\",\"k\"],\"character_start_times_seconds\":[0.0,0.2],"
                    + "\"character_end_times_seconds\":[0.2,0.5]}}\n"));
            Path out = dir.resolve("extras.mp3");

            ElevenLabsExtras.Report r = ElevenLabsExtras.run(server.url("/").toString(), ApiKey.of("sk_test_0123456789abcdef"), out);

            assertEquals(List.of("eleven_flash_v2_5"), r.models().stream().map(m -> m.id()).toList());
            assertEquals(9900, r.quota().remainingCharacters());
            assertEquals(3, r.audioBytes());
            assertArrayEquals(new byte[] {9, 8, 7}, Files.readAllBytes(out));
            assertEquals("Ok", r.timings().words().get(0).text());
            assertEquals(500, r.timings().words().get(0).end().toMillis());
            assertEquals("/v1/models", server.takeRequest().getUrl().encodedPath());
            assertEquals("/v1/user/subscription", server.takeRequest().getUrl().encodedPath());
            assertEquals("/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM/stream/with-timestamps", server.takeRequest().getUrl().encodedPath());
        }
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }
}
