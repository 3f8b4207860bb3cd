package dev.ttskit.elevenlabs;

import dev.ttskit.ApiKey;
import dev.ttskit.AttemptPolicy;
import dev.ttskit.AudioStream;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real ElevenLabs adapter against a loopback server that accepts a request and never answers,
 * or answers one byte per second: with a fallback configured, the fallback's audio arrives within
 * the deadline; without one, the error names ElevenLabs.
 */
@ExtendWith(NoLeaks.class)
class HungProviderEndToEndTest {
    private static final AudioFormat MP3 = AudioFormat.MP3_44K_128;
    private static final SpeechRequest HELLO = SpeechRequest.builder().text("Hello there.").voice("JBFqnCBsd6RMkjVDRZzb").format(MP3)
            .timeout(Duration.ofSeconds(2)).build();
    private static final byte[] FALLBACK_AUDIO = mp3Frames(40);

    private static byte[] mp3Frames(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            byte[] frame = new byte[417];
            frame[0] = (byte) 0xFF;
            frame[1] = (byte) 0xFB;
            frame[2] = (byte) 0x90;
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static MockTtsProvider fallback() {
        return MockTtsProvider.builder("fallback")
                .capabilities(MockTtsProvider.defaultCapabilities().toBuilder().formats(MP3).build())
                .otherwise(MockOutcome.bytes(FALLBACK_AUDIO, MP3)).build();
    }

    private static TtsClient.Builder client(StallingServer server) {
        return TtsClient.builder().retry(RetryPolicy.NONE).provider(ElevenLabsProvider.builder()
                .apiKey(ApiKey.of(ElevenLabsTestSupport.KEY)).baseUrl(server.baseUrl()).build());
    }

    @Test
    void aSilentPrimaryLeavesTheFallbackTimeToAnswer() throws IOException {
        try (StallingServer server = new StallingServer(StallingServer.Mode.SILENT, 0);
             TtsClient tts = client(server).provider(fallback()).build()) {
            SpeechResult r = tts.synthesize(HELLO);
            assertEquals("fallback", r.provider());
            assertArrayEquals(FALLBACK_AUDIO, r.audioBytes());
            assertEquals(2, r.attempts());
            assertEquals(1, server.requests.get(), "ElevenLabs was asked once");
        }
    }

    @Test
    void aSilentProviderAloneTimesOutNamingIt() throws IOException {
        try (StallingServer server = new StallingServer(StallingServer.Mode.SILENT, 0);
             TtsClient tts = client(server).build()) {
            TtsTimeoutException e = assertThrows(TtsTimeoutException.class, () -> tts.synthesize(HELLO));
            assertEquals("elevenlabs", e.provider().orElseThrow());
        }
    }

    @Test
    void aDrippingPrimaryLeavesTheFallbackTimeToAnswer() throws IOException {
        try (StallingServer server = new StallingServer(StallingServer.Mode.DRIP, 1_000);
             TtsClient tts = client(server).provider(fallback()).build()) {
            SpeechResult r = tts.synthesize(HELLO);
            assertEquals("fallback", r.provider());
            assertArrayEquals(FALLBACK_AUDIO, r.audioBytes());
        }
    }

    @Test
    void aDrippingProviderAloneTimesOutNamingIt() throws IOException {
        try (StallingServer server = new StallingServer(StallingServer.Mode.DRIP, 1_000);
             TtsClient tts = client(server).build()) {
            TtsTimeoutException e = assertThrows(TtsTimeoutException.class, () -> tts.synthesize(HELLO));
            assertEquals("elevenlabs", e.provider().orElseThrow());
        }
    }

    @Test
    void aStreamThatDripsSlowerThanTheIdleLimitEndsNamingTheProvider() throws IOException {
        try (StallingServer server = new StallingServer(StallingServer.Mode.DRIP, 1_000);
             TtsClient tts = client(server).attemptLimits(AttemptPolicy.builder().idleTimeout(Duration.ofMillis(300)).build())
                     .timeout(Duration.ofSeconds(30)).build();
             AudioStream s = tts.stream(SpeechRequest.builder().text("Hello there.").voice("JBFqnCBsd6RMkjVDRZzb").format(MP3).build())) {
            IOException e = assertThrows(IOException.class, s::readAllBytes);
            StreamInterruptedException interrupted = assertInstanceOf(StreamInterruptedException.class, e.getCause());
            assertEquals("elevenlabs", interrupted.provider().orElseThrow());
            TtsTimeoutException idle = assertInstanceOf(TtsTimeoutException.class, interrupted.getCause());
            assertTrue(idle.getMessage().contains("no byte within 300ms"), idle.getMessage());
        }
    }
}
