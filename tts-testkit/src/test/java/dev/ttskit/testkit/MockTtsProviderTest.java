package dev.ttskit.testkit;

import dev.ttskit.AudioStream;
import dev.ttskit.CancelledException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.AudioAnalysis;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.ResourceManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MockTtsProviderTest {
    private final ResourceManager resources = ResourceManager.create();

    @AfterEach
    void close() {
        resources.close();
    }

    private CallContext ctx(Duration timeout) {
        return CallContext.of(timeout, Clock.systemUTC(), new CancellationToken(), resources);
    }

    private static ProviderRequest request(AudioFormat format) {
        SpeechRequest r = SpeechRequest.builder().text("Hello.").format(format).build();
        return ProviderRequest.of("mock", r, Optional.empty(), format);
    }

    @Test
    void followsTheScriptThenTheFallback() {
        ProviderUnavailableException boom = ProviderUnavailableException.builder("503").provider("mock").build();
        MockTtsProvider p = MockTtsProvider.builder()
                .then(MockOutcome.error(boom))
                .then(MockOutcome.audio(Duration.ofMillis(500)))
                .otherwise(MockOutcome.silence(Duration.ofMillis(100)))
                .build();
        assertThrows(ProviderUnavailableException.class, () -> p.synthesize(request(AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(5))));
        SpeechResult tone = p.synthesize(request(AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(5)));
        assertEquals(500, tone.duration().toMillis(), 2);
        assertFalse(AudioAnalysis.isSilent(WavCodec.decode(tone.audioBytes())));
        SpeechResult silent = p.synthesize(request(AudioFormat.PCM16_16K), ctx(Duration.ofSeconds(5)));
        assertEquals(AudioFormat.PCM16_16K, silent.format());
        assertEquals(3_200, silent.size(), "100 ms of 16 kHz PCM16");
        assertEquals(3, p.callCount());
        assertEquals(0, p.remainingScript());
        assertEquals(RecordedCall.Kind.SYNTHESIZE, p.calls().get(0).kind());
    }

    @Test
    void fixedFormatOutcomesIgnoreTheRequestedFormat() {
        MockTtsProvider p = MockTtsProvider.builder().then(MockOutcome.audio(Duration.ofMillis(200), AudioFormat.WAV_PCM16_44K)).build();
        assertEquals(AudioFormat.WAV_PCM16_44K, p.synthesize(request(AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(5))).format());
    }

    @Test
    void hangEndsAtTheDeadlineOrOnCancel() throws Exception {
        MockTtsProvider p = MockTtsProvider.builder().then(MockOutcome.hang()).then(MockOutcome.hang()).build();
        assertThrows(TtsTimeoutException.class, () -> p.synthesize(request(AudioFormat.PCM16_24K), ctx(Duration.ofMillis(100))));
        CallContext c = ctx(Duration.ofSeconds(30));
        CompletableFuture<Throwable> f = CompletableFuture.supplyAsync(() -> {
            try {
                p.synthesize(request(AudioFormat.PCM16_24K), c);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        TestWaits.until(() -> p.inFlight() > 0, "the call is in flight");
        c.cancellation().cancel();
        assertInstanceOf(CancelledException.class, f.get(5, TimeUnit.SECONDS));
        assertEquals(0, p.inFlight());
    }

    @Test
    void gatedOutcomesWaitForTheLatch() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        MockTtsProvider p = MockTtsProvider.builder().then(MockOutcome.gated(gate, MockOutcome.audio(Duration.ofMillis(50)))).build();
        CompletableFuture<SpeechResult> f = CompletableFuture.supplyAsync(() -> p.synthesize(request(AudioFormat.PCM16_24K), ctx(Duration.ofSeconds(10))));
        TestWaits.until(() -> p.inFlight() > 0, "the call is in flight");
        assertFalse(f.isDone());
        gate.countDown();
        assertEquals("mock", f.get(5, TimeUnit.SECONDS).provider());
    }

    @Test
    void chunkedStreamsDeliverPiecesAndFailMidStreamWithTheCause() throws IOException {
        MockTtsProvider p = MockTtsProvider.builder()
                .then(MockOutcome.chunked(5, Duration.ofMillis(20), Duration.ZERO))
                .then(MockOutcome.failMidStream(2, Duration.ofMillis(20), ProviderUnavailableException.builder("reset")
                        .provider("mock").build()))
                .build();
        try (AudioStream s = p.stream(request(AudioFormat.PCM16_24K), ctx(Duration.ofSeconds(5)))) {
            assertEquals(5 * 960, s.readAllBytes().length, "5 x 20 ms of 24 kHz PCM16");
        }
        assertEquals(0, p.inFlight(), "closing the stream ends the call");
        try (AudioStream s = p.stream(request(AudioFormat.PCM16_24K), ctx(Duration.ofSeconds(5)))) {
            byte[] buf = new byte[960];
            assertEquals(960, s.readNBytes(buf, 0, 960));
            IOException e = assertThrows(IOException.class, s::readAllBytes);
            assertInstanceOf(ProviderUnavailableException.class, e.getCause());
        }
        assertInstanceOf(RuntimeException.class, StreamInterruptedException.builder("x").build());
    }

    @Test
    void crashThrowsTheError() {
        MockTtsProvider p = MockTtsProvider.builder().then(MockOutcome.crash(new OutOfMemoryError("scripted"))).build();
        assertThrows(OutOfMemoryError.class, () -> p.synthesize(request(AudioFormat.PCM16_24K), ctx(Duration.ofSeconds(5))));
        assertEquals(0, p.inFlight(), "in-flight count is released even on an Error");
    }

    @Test
    void closedProvidersRefuseCalls() {
        MockTtsProvider p = MockTtsProvider.alwaysAudio("m");
        p.close();
        assertTrue(p.isClosed());
        assertThrows(ProviderUnavailableException.class, () -> p.synthesize(request(AudioFormat.PCM16_24K), ctx(Duration.ofSeconds(5))));
    }

    @Test
    void idsMustBeLowercase() {
        assertThrows(IllegalArgumentException.class, () -> MockTtsProvider.builder("Mock"));
        assertThrows(NullPointerException.class, () -> MockTtsProvider.builder().then((MockOutcome) null));
    }
}
