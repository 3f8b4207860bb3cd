package dev.ttskit.elevenlabs;

import dev.ttskit.AudioFormatException;
import dev.ttskit.AudioStream;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TimedSpan;
import dev.ttskit.Timestamps;
import dev.ttskit.audio.AudioFormat;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimestampsTest extends ElevenLabsTestSupport {
    private static final String E3 = "{\"audio_base64\":\"SUQzBAAAAAAAI1RTU0UAAAAPAAADTGF2ZjYwLjMuMTAwAAAAAAAAAAAAAAD/+5DE\","
            + "\"alignment\":{\"characters\":[\"H\",\"e\",\"l\",\"l\",\"o\"],"
            + "\"character_start_times_seconds\":[0.0,0.093,0.139,0.186,0.232],"
            + "\"character_end_times_seconds\":[0.093,0.139,0.186,0.232,0.441]},"
            + "\"normalized_alignment\":{\"characters\":[\" \",\"H\",\"e\",\"l\",\"l\",\"o\",\" \"],"
            + "\"character_start_times_seconds\":[0.0,0.0,0.093,0.139,0.186,0.232,0.441],"
            + "\"character_end_times_seconds\":[0.0,0.093,0.139,0.186,0.232,0.441,0.5]}}";

    @Test
    void withTimestampsGivesAudioAndCharacterAndWordTimings() throws Exception {
        server.enqueue(new MockResponse.Builder(json(200, E3)).addHeader("request-id", "ts-1").addHeader("character-cost", "5").build());

        SpeechResult r = provider.synthesizeWithTimestamps(request("Hello", AudioFormat.MP3_44K_128), ctx());

        assertEquals("/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb/with-timestamps", take().getUrl().encodedPath());
        assertArrayEquals(Base64.getDecoder().decode("SUQzBAAAAAAAI1RTU0UAAAAPAAADTGF2ZjYwLjMuMTAwAAAAAAAAAAAAAAD/+5DE"), r.audioBytes());
        Timestamps t = r.timestamps().orElseThrow();
        assertEquals(5, t.characters().size());
        assertEquals(Duration.ofMillis(139), t.characters().get(2).start());
        assertEquals(2, t.characters().get(2).offset());
        assertEquals(1, t.words().size());
        assertEquals("Hello", t.words().get(0).text());
        assertEquals(Duration.ZERO, t.words().get(0).start());
        assertEquals(Duration.ofMillis(441), t.words().get(0).end());
        assertEquals("ts-1", r.providerRequestId().orElseThrow());
        assertEquals(5L, r.characterCost().orElseThrow());
    }

    @Test
    void timestampsOptionRoutesSynthesizeToTheTimestampEndpoint() throws Exception {
        server.enqueue(json(200, E3));
        SpeechRequest sr = SpeechRequest.builder().text("Hello").format(AudioFormat.MP3_44K_128).option("elevenlabs.timestamps", true).build();

        assertTrue(provider.synthesize(request(sr), ctx()).timestamps().isPresent());
        assertTrue(take().getUrl().encodedPath().endsWith("/with-timestamps"));
    }

    @Test
    void normalizedAlignmentIsTheFallbackAndMismatchedArraysAreDroppedKeepingTheAudio() throws Exception {
        server.enqueue(json(200, "{\"audio_base64\":\"AAEC\",\"alignment\":null,\"normalized_alignment\":{\"characters\":[\"a\"],"
                + "\"character_start_times_seconds\":[0.1],\"character_end_times_seconds\":[0.2]}}"));
        server.enqueue(json(200, "{\"audio_base64\":\"AAEC\",\"alignment\":{\"characters\":[\"a\",\"b\"],"
                + "\"character_start_times_seconds\":[0.1],\"character_end_times_seconds\":[0.2,0.3]}}"));

        SpeechResult fallback = provider.synthesizeWithTimestamps(request("a", AudioFormat.MP3_44K_128), ctx());
        SpeechResult mismatched = provider.synthesizeWithTimestamps(request("ab", AudioFormat.MP3_44K_128), ctx());

        assertEquals(Duration.ofMillis(100), fallback.timestamps().orElseThrow().characters().get(0).start());
        assertFalse(mismatched.timestamps().isPresent());
        assertArrayEquals(new byte[] {0, 1, 2}, mismatched.audioBytes());
    }

    @Test
    void malformedJsonOrBase64IsBadAudio() {
        server.enqueue(json(200, "{\"audio_base64\":\"AAEC\",\"alignment\":"));
        server.enqueue(json(200, "{\"audio_base64\":\"***\"}"));
        server.enqueue(json(200, "{\"alignment\":null}"));

        for (int i = 0; i < 3; i++) {
            AudioFormatException e = assertThrows(AudioFormatException.class,
                    () -> provider.synthesizeWithTimestamps(request("Hello", AudioFormat.MP3_44K_128), ctx()));
            assertFalse(e.getMessage().contains("Hello"));
        }
    }

    @Test
    void ndjsonWithBlankLinesCrlfAndNullAlignmentIsDecodedInOrder() throws Exception {
        String body = line(new byte[] {1, 2}, "[\"H\",\"e\"]", "[0.0,0.1]", "[0.1,0.2]") + "\n"
                + "\n   \n"
                + "{\"audio_base64\":\"AwQ=\",\"alignment\":null,\"normalized_alignment\":null}\r\n"
                + "not json at all\n"
                + line(new byte[] {5, 6}, "[\"y\"]", "[0.3]", "[0.4]"); // no trailing newline
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody(new okio.Buffer().writeUtf8(body), 7).build());
        List<TimedSpan> seen = new ArrayList<>();

        byte[] audio;
        try (AudioStream s = provider.streamWithTimestamps(request("Hey", AudioFormat.MP3_44K_128), ctx(), seen::addAll)) {
            audio = s.readAllBytes();
        }

        assertEquals("/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb/stream/with-timestamps", take().getUrl().encodedPath());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, audio);
        assertEquals(3, seen.size());
        assertEquals(List.of(0, 1, 2), seen.stream().map(TimedSpan::offset).toList());
        assertEquals(Duration.ofMillis(300), seen.get(2).start(), "cumulative times are kept as they are");
    }

    @Test
    void chunkRelativeTimesArePutOnOneTimelineExactlyForPcm() throws Exception {
        // Two chunks of 0.5 s of 16 kHz PCM each, both timed from zero.
        byte[] half = bytes(16_000, 1);
        String body = line(half, "[\"a\"]", "[0.0]", "[0.25]") + "\n" + line(half, "[\"b\"]", "[0.0]", "[0.25]") + "\n";
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
        List<TimedSpan> seen = new ArrayList<>();

        byte[] wav;
        try (AudioStream s = provider.streamWithTimestamps(request("ab", AudioFormat.WAV_PCM16_16K), ctx(), seen::addAll)) {
            wav = s.readAllBytes();
        }

        assertEquals(44 + 2 * half.length, wav.length);
        assertEquals(Duration.ofMillis(500), seen.get(1).start());
        assertEquals(Duration.ofMillis(750), seen.get(1).end());
    }

    @Test
    void chunkRelativeTimesOfMp3AreShiftedByThePreviousChunksEnd() throws Exception {
        String body = line(bytes(10, 1), "[\"a\",\"b\"]", "[0.0,0.2]", "[0.2,0.6]") + "\n"
                + line(bytes(10, 2), "[\"c\"]", "[0.0]", "[0.3]") + "\n";
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
        List<TimedSpan> seen = new ArrayList<>();

        try (AudioStream s = provider.streamWithTimestamps(request("abc", AudioFormat.MP3_44K_128), ctx(), seen::addAll)) {
            s.readAllBytes();
        }

        assertEquals(Duration.ofMillis(600), seen.get(2).start());
        assertEquals(Duration.ofMillis(900), seen.get(2).end());
    }

    @Test
    void aStreamWithNoReadableLineIsBadAudio() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("\n{broken\n\n").build());

        try (AudioStream s = provider.streamWithTimestamps(request("Hey", AudioFormat.MP3_44K_128), ctx(), spans -> { })) {
            IOException e = assertThrows(IOException.class, s::readAllBytes);
            assertInstanceOf(AudioFormatException.class, e.getCause());
        }
    }

    @Test
    void timingsReachTheListenerBeforeTheChunksAudio() throws Exception {
        LatchedBody body = new LatchedBody((line(new byte[] {9}, "[\"a\"]", "[0.0]", "[0.1]") + "\n").getBytes(),
                (line(new byte[] {8}, "[\"b\"]", "[0.1]", "[0.2]") + "\n").getBytes());
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
        List<TimedSpan> seen = new ArrayList<>();

        try (AudioStream s = provider.streamWithTimestamps(request("ab", AudioFormat.MP3_44K_128), ctx(), seen::addAll)) {
            assertEquals(9, s.read());
            assertEquals(1, seen.size(), "the first chunk arrived while the server held the second");
            body.release();
            assertEquals(8, s.read());
            assertEquals(-1, s.read());
            assertEquals(2, seen.size());
        } finally {
            body.release();
        }
    }

    @Test
    void errorStatusesOnTheTimestampEndpointsAreTyped() {
        server.enqueue(json(404, "{\"detail\":{\"status\":\"voice_not_found\",\"message\":\"No such voice.\"}}"));
        server.enqueue(json(429, "{\"detail\":{\"status\":\"too_many_concurrent_requests\"}}"));

        assertThrows(dev.ttskit.UnsupportedRequestException.class,
                () -> provider.synthesizeWithTimestamps(request("Hi", AudioFormat.MP3_44K_128), ctx()));
        dev.ttskit.RateLimitException e = assertThrows(dev.ttskit.RateLimitException.class,
                () -> provider.streamWithTimestamps(request("Hi", AudioFormat.MP3_44K_128), ctx(), spans -> { }));
        assertTrue(e.concurrencyLimit());
    }

    private static String line(byte[] audio, String chars, String starts, String ends) {
        return "{\"audio_base64\":\"" + Base64.getEncoder().encodeToString(audio) + "\",\"alignment\":{\"characters\":" + chars
                + ",\"character_start_times_seconds\":" + starts + ",\"character_end_times_seconds\":" + ends
                + "},\"normalized_alignment\":null}";
    }
}
