package dev.ttskit.routing;

import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.AudioStream;
import dev.ttskit.CircuitState;
import dev.ttskit.ErrorCategory;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retry and failover happen only before the caller's first byte; afterwards a failure is a StreamInterruptedException. */
@ExtendWith(NoLeaks.class)
class StreamingTest {
    private static final ProviderUnavailableException RESET = ProviderUnavailableException.builder("connection reset").provider("a").requestId("ra-1").build();

    private final ManualClock clock = new ManualClock();

    private TtsClient client(MockTtsProvider... providers) {
        TtsClient.Builder b = TtsClient.builder().clock(clock).sleeper(new ManualSleeper(clock)).retry(RetryPolicy.NONE);
        for (MockTtsProvider p : providers) b.provider(p);
        return b.build();
    }

    @Test
    void aStreamThatFailsToOpenFailsOver() throws IOException {
        MockTtsProvider a = MockTtsProvider.builder("a").then(MockOutcome.error(RESET)).build();
        MockTtsProvider b = MockTtsProvider.builder("b").then(MockOutcome.chunked(3, Duration.ofMillis(50), Duration.ZERO)).build();
        try (TtsClient tts = client(a, b); AudioStream s = tts.stream(SpeechRequest.of("Hi."))) {
            assertEquals("b", s.provider());
            assertEquals(24_000, WavCodec.readInfo(s.readAllBytes()).sampleRate());
        }
    }

    @Test
    void aStreamThatFailsBeforeItsFirstByteFailsOver() throws IOException {
        MockTtsProvider a = MockTtsProvider.builder("a").then(MockOutcome.failMidStream(0, Duration.ofMillis(50), RESET)).build();
        MockTtsProvider b = MockTtsProvider.builder("b").then(MockOutcome.chunked(3, Duration.ofMillis(50), Duration.ZERO)).build();
        try (TtsClient tts = client(a, b); AudioStream s = tts.stream(SpeechRequest.of("Hi."))) {
            assertEquals("b", s.provider(), "a's failure happened before the caller saw a byte");
            s.readAllBytes();
            assertEquals(0, a.inFlight(), "a's failed stream was closed");
        }
    }

    @Test
    void anEmptyStreamIsBadAudioAndFailsOver() throws IOException {
        MockTtsProvider a = MockTtsProvider.builder("a").then(MockOutcome.bytes(new byte[0], AudioFormat.PCM16_24K)).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = client(a, b); AudioStream s = tts.stream(SpeechRequest.builder().text("Hi.").format(AudioFormat.PCM16_24K).build())) {
            assertEquals("b", s.provider());
        }
    }

    @Test
    void aWavStreamWithoutAWavHeaderIsBadAudioAndFailsOver() throws IOException {
        MockTtsProvider a = MockTtsProvider.builder("a").then(MockOutcome.bytes(new byte[] {1, 2, 3}, AudioFormat.WAV_PCM16_24K)).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = client(a, b); AudioStream s = tts.stream(SpeechRequest.of("Hi."))) {
            assertEquals("b", s.provider());
            assertEquals(ErrorCategory.BAD_AUDIO, tts.health().get(0).lastErrorCategory().orElseThrow());
            assertEquals(0, a.inFlight());
        }
    }

    @Test
    void aFailureAfterTheFirstByteIsAStreamInterruptionAndNeverSplicesAnotherProvider() throws IOException {
        MockTtsProvider a = MockTtsProvider.builder("a").then(MockOutcome.failMidStream(3, Duration.ofMillis(100), RESET)).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = client(a, b)) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try (AudioStream s = tts.stream(SpeechRequest.builder().text("Hi.").format(AudioFormat.PCM16_24K).build())) {
                byte[] buf = new byte[1024];
                IOException e = assertThrows(IOException.class, () -> {
                    for (int n; (n = s.read(buf)) >= 0; ) got.write(buf, 0, n);
                });
                StreamInterruptedException cause = assertInstanceOf(StreamInterruptedException.class, e.getCause());
                assertEquals(ErrorCategory.STREAM, cause.category());
                assertEquals("a", cause.provider().orElseThrow());
                assertEquals("a-req-1", cause.requestId().orElseThrow());
                assertInstanceOf(ProviderUnavailableException.class, cause.getCause().getCause());
            }
            assertTrue(got.size() > 0, "the first bytes were delivered");
            assertEquals(0, b.callCount(), "no other provider's audio was spliced in");
            assertEquals(1, tts.health().get(0).failedCalls(), "the interruption counts against a");
            assertEquals(ErrorCategory.STREAM, tts.health().get(0).lastErrorCategory().orElseThrow());
        }
    }

    @Test
    void aCompletedStreamIsASuccessAndFreesItsSlot() throws IOException {
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(MockOutcome.chunked(4, Duration.ofMillis(20), Duration.ZERO)).build();
        try (TtsClient tts = TtsClient.builder().provider(a).maxConcurrentCalls("a", 1).build()) {
            for (int i = 0; i < 3; i++) {
                try (AudioStream s = tts.stream(SpeechRequest.of("Hi."))) {
                    s.readAllBytes();
                }
            }
            assertEquals(3, tts.health().get(0).successfulCalls());
            assertEquals(CircuitState.CLOSED, tts.health().get(0).state());
        }
    }

    @Test
    void aProviderThatCannotStreamTheFormatIsSynthesizedWholeAndConverted() throws IOException {
        MockTtsProvider a = MockTtsProvider.builder("a")
                .capabilities(dev.ttskit.spi.ProviderCapabilities.builder().formats(AudioFormat.PCM16_16K).streaming(true).build()).build();
        try (TtsClient tts = client(a); AudioStream s = tts.stream(SpeechRequest.of("Hi."))) {
            assertEquals(AudioFormat.WAV_PCM16_24K, s.format());
            assertEquals(24_000, WavCodec.readInfo(s.readAllBytes()).sampleRate());
            assertEquals(dev.ttskit.testkit.RecordedCall.Kind.SYNTHESIZE, a.calls().get(0).kind());
        }
    }
}
