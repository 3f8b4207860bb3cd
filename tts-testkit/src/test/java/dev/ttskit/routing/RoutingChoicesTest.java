package dev.ttskit.routing;

import dev.ttskit.AttemptPolicy;
import dev.ttskit.AudioStream;
import dev.ttskit.BreakerPolicy;
import dev.ttskit.CachePolicy;
import dev.ttskit.CircuitState;
import dev.ttskit.HedgePolicy;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsListener;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallCheckpoint;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.testkit.MockAudio;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which call the router makes: resumable calls are never shared, formats a stream cannot carry, an open primary. */
@ExtendWith(NoLeaks.class)
class RoutingChoicesTest {
    private static final String TEXT = "Hello there, how are you today?";

    /** Durable notes in memory, as a job store would keep them. */
    private static final class MapCheckpoint implements CallCheckpoint {
        private final Map<String, String> notes = new ConcurrentHashMap<>();

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(notes.get(key));
        }

        @Override
        public void put(String key, String value) {
            notes.put(key, value);
        }

        @Override
        public void remove(String key) {
            notes.remove(key);
        }
    }

    @Test
    void identicalCallsWithTheirOwnCheckpointsAreNotShared() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        MockTtsProvider p = MockTtsProvider.builder("p").otherwise(MockOutcome.gated(gate, MockOutcome.audio(Duration.ofSeconds(1)))).build();
        try (TtsClient tts = TtsClient.builder().provider(p).build()) {
            SpeechRequest same = SpeechRequest.of(TEXT);
            CompletableFuture<SpeechResult> first = CompletableFuture.supplyAsync(
                    () -> tts.synthesize(same, new MapCheckpoint(), new CancellationToken()));
            CompletableFuture<SpeechResult> second = CompletableFuture.supplyAsync(
                    () -> tts.synthesize(same, new MapCheckpoint(), new CancellationToken()));
            try {
                Waits.until(() -> p.inFlight() == 2, "each resumable call made its own provider call");
            } finally {
                gate.countDown();
            }
            assertEquals("p", first.get(10, TimeUnit.SECONDS).provider());
            assertEquals("p", second.get(10, TimeUnit.SECONDS).provider());
            assertEquals(2, p.callCount());
        }
    }

    @Test
    void aFormatAStreamCannotCarryIsSynthesizedWholeAndConverted() throws IOException {
        MockTtsProvider p = MockTtsProvider.builder("p").otherwise(MockOutcome.audio(Duration.ofSeconds(1))).build();
        try (TtsClient tts = TtsClient.builder().provider(p).build();
             AudioStream s = tts.stream(SpeechRequest.builder().text(TEXT).format(AudioFormat.MULAW_8K).build())) {
            assertEquals(AudioFormat.MULAW_8K, s.format());
            assertEquals(8_000, s.readAllBytes().length, "one second at 8,000 one-byte samples");
            assertTrue(p.calls().get(0).request().format().isLinearPcm(), "the provider was asked for PCM");
        }
    }

    @Test
    void aStreamFromAProviderThatCannotStreamIsItsWholeResult() throws IOException {
        ProviderCapabilities whole = MockTtsProvider.defaultCapabilities().toBuilder().streaming(false).build();
        MockTtsProvider p = MockTtsProvider.builder("p").capabilities(whole).otherwise(MockOutcome.audio(Duration.ofSeconds(1))).build();
        // A first-byte limit as long as the attempt's own.
        AttemptPolicy limits = AttemptPolicy.builder().attemptTimeout(Duration.ofSeconds(5)).firstByteTimeout(Duration.ofSeconds(5)).build();
        try (TtsClient tts = TtsClient.builder().provider(p).attemptLimits(limits).build();
             AudioStream s = tts.stream(SpeechRequest.builder().text(TEXT).format(AudioFormat.PCM16_24K).build())) {
            assertEquals(48_000, s.readAllBytes().length, "one second of 24 kHz PCM16");
        }
    }

    @Test
    void aPrimaryWhoseCircuitIsOpenIsNeitherCalledNorRacedAgainst() {
        ProviderCapabilities remote = MockTtsProvider.defaultCapabilities().toBuilder().local(false).paid(true).build();
        MockTtsProvider primary = MockTtsProvider.builder("primary").capabilities(remote)
                .otherwise(MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider("primary").build())).build();
        MockTtsProvider local = MockTtsProvider.alwaysAudio("local");
        Events events = new Events();
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(local).retry(RetryPolicy.NONE)
                .breaker(BreakerPolicy.builder().window(2, 2).openDuration(Duration.ofMinutes(10)).build())
                .hedging(HedgePolicy.after(Duration.ofSeconds(30)).build()).listener(events).build()) {
            tts.synthesize(SpeechRequest.of("First of the requests."));
            tts.synthesize(SpeechRequest.of("Second of the requests."));
            assertEquals(CircuitState.OPEN, tts.health().get(0).state());
            assertEquals(2, primary.callCount());

            assertEquals("local", tts.synthesize(SpeechRequest.of("Third of the requests.")).provider());
            assertEquals(2, primary.callCount(), "an open circuit is not called");
            assertEquals(List.of(), events.starting("hedge"), "nor hedged from");
        }
    }

    @Test
    void aWavStreamFromAProviderOfAnotherRateIsSynthesizedWholeAndConverted() throws IOException {
        ProviderCapabilities pcm16k = ProviderCapabilities.builder().formats(AudioFormat.PCM16_16K).streaming(true).local(true).build();
        MockTtsProvider p = MockTtsProvider.builder("p").capabilities(pcm16k).otherwise(MockOutcome.audio(Duration.ofSeconds(1))).build();
        try (TtsClient tts = TtsClient.builder().provider(p).build();
             AudioStream s = tts.stream(SpeechRequest.builder().text(TEXT).format(AudioFormat.WAV_PCM16_24K).build())) {
            assertEquals(AudioFormat.WAV_PCM16_24K, s.format());
            assertEquals(44 + 48_000, s.readAllBytes().length, "a WAV header and one second resampled to 24 kHz");
            assertEquals(AudioFormat.PCM16_16K, p.calls().get(0).request().format());
        }
    }

    @Test
    void aStreamNoProviderCanServeFailsBeforeAnyCall() {
        MockTtsProvider pcmOnly = MockTtsProvider.alwaysAudio("pcm");
        try (TtsClient tts = TtsClient.builder().provider(pcmOnly).build()) {
            UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                    () -> tts.stream(SpeechRequest.builder().text(TEXT).format(AudioFormat.MP3_44K_128).build()));
            assertTrue(e.getMessage().contains("pcm cannot produce the format mp3"), e.getMessage());
            assertEquals(0, pcmOnly.callCount());
        }
    }

    @Test
    void aRequestWithASpeakerReferenceSkipsProvidersThatCannotClone(@TempDir Path dir) throws IOException {
        Path reference = Files.write(dir.resolve("narrator.wav"), MockAudio.tone(AudioFormat.WAV_PCM16_24K, Duration.ofSeconds(3)));
        ProviderCapabilities noCloning = MockTtsProvider.defaultCapabilities().toBuilder().voiceCloning(false).build();
        MockTtsProvider p = MockTtsProvider.builder("plain").capabilities(noCloning).build();
        try (TtsClient tts = TtsClient.builder().provider(p).build()) {
            UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                    () -> tts.synthesize(SpeechRequest.builder().text(TEXT).speakerReference(reference).build()));
            assertTrue(e.getMessage().contains("plain does not clone voices"), e.getMessage());
            assertEquals(0, p.callCount());
        }
    }

    @Test
    void aHedgeSkipsAPaidProviderUnlessAllowed() {
        CountDownLatch hedged = new CountDownLatch(1);
        ProviderCapabilities remote = MockTtsProvider.defaultCapabilities().toBuilder().local(false).paid(true).build();
        MockTtsProvider primary = MockTtsProvider.builder("primary").capabilities(remote)
                .then(MockOutcome.gated(hedged, MockOutcome.audio(Duration.ofSeconds(1)))).build();
        MockTtsProvider paid = MockTtsProvider.builder("paid").capabilities(remote).build();
        MockTtsProvider free = MockTtsProvider.builder("free").otherwise(MockOutcome.gated(new CountDownLatch(1), MockOutcome.audio(Duration.ofSeconds(1)))).build();
        Events events = new Events();
        TtsListener openOnHedge = new TtsListener() {
            @Override
            public void onHedge(String from, String to) {
                hedged.countDown();
            }
        };
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(paid).provider(free).listener(events).listener(openOnHedge)
                .hedging(HedgePolicy.after(Duration.ofMillis(20)).onto("paid", "free").build()).build()) {
            assertEquals("primary", tts.synthesize(SpeechRequest.of(TEXT)).provider());
            assertEquals(List.of("hedge primary->free"), events.starting("hedge"), "the paid provider is passed over");
            assertEquals(0, paid.callCount());
            Waits.until(() -> free.inFlight() == 0, "the losing hedge was cancelled");
        }
    }

    @Test
    void opusAProviderProducesNativelyIsDeliveredAsSent() {
        // Not MP3 and not PCM: the router can judge neither its length nor its sound, and passes it on.
        byte[] opus = MockAudio.tone(AudioFormat.OPUS_48K_64, Duration.ofSeconds(1));
        ProviderCapabilities opusOnly = ProviderCapabilities.builder().formats(AudioFormat.OPUS_48K_64).local(true).build();
        MockTtsProvider p = MockTtsProvider.builder("p").capabilities(opusOnly).otherwise(MockOutcome.bytes(opus, AudioFormat.OPUS_48K_64)).build();
        try (TtsClient tts = TtsClient.builder().provider(p).build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.builder().text(TEXT).format(AudioFormat.OPUS_48K_64).build());
            assertEquals(AudioFormat.OPUS_48K_64, r.format());
            assertEquals(opus.length, r.size());
        }
    }

    @Test
    void theCacheTakesTheSameWordsInAnotherNormalFormOrSpacingAsTheSameRequest() {
        MockTtsProvider p = MockTtsProvider.builder("p").otherwise(MockOutcome.audio(Duration.ofSeconds(1))).build();
        try (TtsClient tts = TtsClient.builder().provider(p).cache(CachePolicy.maxBytes(10_000_000)).build()) {
            SpeechResult composed = tts.synthesize(SpeechRequest.of("Caf\u00e9 at noon, then home."));
            SpeechResult decomposed = tts.synthesize(SpeechRequest.of("Cafe\u0301 at noon, then home."));
            SpeechResult spaced = tts.synthesize(SpeechRequest.of("Caf\u00e9 at  noon,\tthen home."));
            assertEquals(1, p.callCount(), "one provider call for the three spellings");
            assertEquals(composed.size(), decomposed.size());
            assertEquals(composed.size(), spaced.size());
        }
    }
}
