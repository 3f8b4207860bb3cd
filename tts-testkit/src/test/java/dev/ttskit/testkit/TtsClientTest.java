package dev.ttskit.testkit;

import dev.ttskit.AllProvidersFailedException;
import dev.ttskit.AudioFormatException;
import dev.ttskit.AudioStream;
import dev.ttskit.AuthenticationException;
import dev.ttskit.ErrorCategory;
import dev.ttskit.LongSpeechResult;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.Settings;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.TtsListener;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.audio.WavInfo;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.VoiceTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client end to end over scripted providers: routing basics, formats, errors, lifecycle, settings. */
@ExtendWith(NoLeaks.class)
class TtsClientTest {
    private static final String CANARY = "CANARY-text-7b1e";

    @Test
    void failsOverToTheNextProviderAndReportsAttempts() {
        MockTtsProvider primary = MockTtsProvider.builder("primary")
                .otherwise(MockOutcome.error(ProviderUnavailableException.builder("HTTP 503")
                        .provider("primary").requestId("r1").build())).build();
        MockTtsProvider backup = MockTtsProvider.alwaysAudio("backup");
        List<String> failovers = new ArrayList<>();
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(backup).sleeper(d -> { })
                .listener(new TtsListener() {
                    @Override
                    public void onFailover(String from, String to, TtsException cause) {
                        failovers.add(from + "->" + to + ":" + cause.category());
                    }
                }).build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.of("Hello there."));
            assertEquals("backup", r.provider());
            assertEquals(AudioFormat.WAV_PCM16_24K, r.format());
            assertEquals(List.of("primary->backup:UNAVAILABLE"), failovers);
            assertEquals(3, primary.callCount(), "a 503 is retried (default three attempts) before failing over");
            assertEquals(1, backup.callCount());
            assertEquals(4, r.attempts(), "attempts count across retries and failover");
        }
    }

    @Test
    void validationErrorsNeverReachAProvider() {
        MockTtsProvider p = MockTtsProvider.alwaysAudio("p");
        try (TtsClient tts = TtsClient.builder().provider(p).build()) {
            assertThrows(ValidationException.class, () -> tts.synthesize(SpeechRequest.of("   ")));
            assertEquals(0, p.callCount());
        }
    }

    @Test
    void nonFailoverErrorsStopTheChain() {
        MockTtsProvider a = MockTtsProvider.builder("a")
                .then(MockOutcome.error(ValidationException.builder("bad parameter stability=9").provider("a").build())).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).build()) {
            assertThrows(ValidationException.class, () -> tts.synthesize(SpeechRequest.of("Hi.")));
            assertEquals(0, b.callCount());
        }
    }

    @Test
    void everyProviderFailingKeepsEachCauseAndNeverTheText() {
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(MockOutcome.error(AuthenticationException.builder("HTTP 401")
                .provider("a").build())).build();
        MockTtsProvider b = MockTtsProvider.builder("b").otherwise(MockOutcome.silence(Duration.ofMillis(200))).build();
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).sleeper(d -> { }).build()) {
            AllProvidersFailedException e = assertThrows(AllProvidersFailedException.class,
                    () -> tts.synthesize(SpeechRequest.of("Say " + CANARY + " now.")));
            assertEquals(4, e.attempts().size(), "auth is not retried; bad audio is, three attempts in all");
            assertInstanceOf(AuthenticationException.class, e.attempts().get(0));
            for (int i = 1; i < 4; i++) assertInstanceOf(AudioFormatException.class, e.attempts().get(i), "silence is bad audio");
            assertEquals(502, e.httpStatus());
            assertNoCanary(e);
        }
    }

    private static void assertNoCanary(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause()) {
            assertFalse(String.valueOf(x.getMessage()).contains(CANARY), "message leaks text: " + x);
            assertFalse(x.toString().contains(CANARY));
            for (Throwable s : x.getSuppressed()) assertNoCanary(s);
        }
    }

    @Test
    void theRequestedFormatIsDeliveredWhateverTheProviderProduces() throws Exception {
        ProviderCapabilities only16k = ProviderCapabilities.builder().formats(AudioFormat.PCM16_16K).build();
        MockTtsProvider p = MockTtsProvider.builder("p").capabilities(only16k).build();
        try (TtsClient tts = TtsClient.builder().provider(p).build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.builder().text("Hi.").format(AudioFormat.WAV_PCM16_24K).build());
            assertEquals(AudioFormat.WAV_PCM16_24K, r.format());
            WavInfo info = WavCodec.readInfo(r.audioBytes());
            assertEquals(24_000, info.sampleRate());
            assertEquals(1, info.channels());
            assertEquals(AudioFormat.PCM16_16K, p.calls().get(0).request().format(), "asked for what it produces");
            assertTrue(Math.abs(r.duration().toMillis() - 300) < 20, "duration kept: " + r.duration());
        }
    }

    @Test
    void g711IsMadeFromAProvidersPcm() throws Exception {
        ProviderCapabilities only24k = ProviderCapabilities.builder().formats(AudioFormat.PCM16_24K).build();
        MockTtsProvider p = MockTtsProvider.builder("p").capabilities(only24k).build();
        try (TtsClient tts = TtsClient.builder().provider(p).build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.builder().text("Hi.").format(AudioFormat.MULAW_8K).build());
            assertEquals(AudioFormat.MULAW_8K, r.format());
            assertEquals(2_400, r.size(), "300 ms at 8,000 one-byte samples a second");
            assertEquals(AudioFormat.PCM16_24K, p.calls().get(0).request().format());
        }
    }

    @Test
    void providersThatCannotProduceTheFormatAreSkippedBeforeAnyCall() {
        MockTtsProvider pcmOnly = MockTtsProvider.alwaysAudio("pcm");
        try (TtsClient tts = TtsClient.builder().provider(pcmOnly).build()) {
            UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                    () -> tts.synthesize(SpeechRequest.builder().text("Hi.").format(AudioFormat.MP3_44K_128).build()));
            assertTrue(e.getMessage().contains("format"), e.getMessage());
            assertEquals(0, pcmOnly.callCount());
        }
    }

    @Test
    void logicalVoicesAreMappedPerProviderAndUnmappedProvidersSkipped() {
        MockTtsProvider a = MockTtsProvider.alwaysAudio("a");
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b)
                .voice("narrator", v -> v.on("b", "b-voice-7")).build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.builder().text("Hi.").voice("narrator").build());
            assertEquals("b", r.provider());
            assertEquals(0, a.callCount());
            assertEquals(VoiceTarget.id("b-voice-7"), b.calls().get(0).request().voice().orElseThrow());
            SpeechResult any = tts.synthesize(SpeechRequest.builder().text("Hi.").voice("narrator").allowAnyVoice(true).build());
            assertEquals("a", any.provider());
        }
    }

    @Test
    void speakerReferenceRoutesOnlyToCloningProviders() {
        ProviderCapabilities noCloning = MockTtsProvider.defaultCapabilities().toBuilder().voiceCloning(false).build();
        MockTtsProvider plain = MockTtsProvider.builder("plain").capabilities(noCloning).build();
        MockTtsProvider cloner = MockTtsProvider.alwaysAudio("cloner");
        try (TtsClient tts = TtsClient.builder().provider(plain).provider(cloner).build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.builder().text("Hi.").speakerReference(Path.of("ref.wav")).build());
            assertEquals("cloner", r.provider());
            assertEquals(VoiceTarget.reference(Path.of("ref.wav")), cloner.calls().get(0).request().voice().orElseThrow());
        }
    }

    @Test
    void streamHandsOnBytesWithAWavHeader() throws Exception {
        MockTtsProvider p = MockTtsProvider.builder("p").then(MockOutcome.chunked(4, Duration.ofMillis(50), Duration.ZERO)).build();
        try (TtsClient tts = TtsClient.builder().provider(p).build()) {
            byte[] bytes;
            try (AudioStream s = tts.stream(SpeechRequest.of("Hi."))) {
                assertEquals(AudioFormat.WAV_PCM16_24K, s.format());
                bytes = s.readAllBytes();
            }
            assertEquals(24_000, WavCodec.readInfo(bytes).sampleRate());
            assertEquals(0, tts.resources().openStreams(), "closing unregisters the stream");
        }
    }

    @Test
    void asyncCancelStopsTheProviderCall() throws Exception {
        MockTtsProvider p = MockTtsProvider.builder("p").then(MockOutcome.hang()).build();
        try (TtsClient tts = TtsClient.builder().provider(p).build()) {
            CompletableFuture<SpeechResult> f = tts.synthesizeAsync(SpeechRequest.of("Hi."));
            TestWaits.until(() -> p.callCount() > 0, "the provider was called");
            assertTrue(f.cancel(true));
            assertTrue(f.isCancelled());
            long start = System.nanoTime();
            while (p.inFlight() > 0 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
                Thread.onSpinWait();
            }
            assertEquals(0, p.inFlight(), "the hanging call ended on cancellation");
        }
    }

    @Test
    void deadlineEndsAHangingProvider() {
        MockTtsProvider p = MockTtsProvider.builder("p").then(MockOutcome.hang()).build();
        try (TtsClient tts = TtsClient.builder().provider(p).build()) {
            TtsException e = assertThrows(TtsException.class,
                    () -> tts.synthesize(SpeechRequest.builder().text("Hi.").timeout(Duration.ofMillis(200)).build()));
            assertEquals(ErrorCategory.TIMEOUT, e.category());
        }
    }

    @Test
    void asyncFailuresCompleteTheFutureWithTheTypedError() {
        MockTtsProvider p = MockTtsProvider.builder("p").otherwise(MockOutcome.error(AuthenticationException.builder("401")
                .provider("p").build())).build();
        try (TtsClient tts = TtsClient.builder().provider(p).build()) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> tts.synthesizeAsync(SpeechRequest.of("Hi.")).get());
            assertInstanceOf(AuthenticationException.class, e.getCause());
        }
    }

    @Test
    void longTextIsChunkedInOrderWithMonotonicProgress() {
        ProviderCapabilities small = MockTtsProvider.defaultCapabilities().toBuilder().maxChars(40).build();
        MockTtsProvider p = MockTtsProvider.builder("p").capabilities(small).build();
        List<Integer> percents = new ArrayList<>();
        String text = "One short sentence. Another short sentence. A third sentence here. And the fourth one.";
        try (TtsClient tts = TtsClient.builder().provider(p).build()) {
            LongSpeechResult r = tts.synthesizeLong(SpeechRequest.of(text), (pct, done, total) -> percents.add(pct));
            assertTrue(r.chunks() >= 3, "chunks: " + r.chunks());
            assertEquals(r.chunks(), p.callCount());
            assertEquals(100, percents.get(percents.size() - 1));
            for (int i = 1; i < percents.size(); i++) assertTrue(percents.get(i) >= percents.get(i - 1));
            // Chunks run in parallel, so they may reach the provider in any order.
            assertTrue(p.calls().stream().anyMatch(c -> c.request().text().equals("One short sentence.")));
            assertTrue(r.result().duration().toMillis() >= 300L * r.chunks());
        }
    }

    @Test
    void closeClosesProvidersAndIsIdempotent() {
        MockTtsProvider p = MockTtsProvider.alwaysAudio("p");
        TtsClient tts = TtsClient.builder().provider(p).build();
        tts.close();
        tts.close();
        assertTrue(p.isClosed());
        assertThrows(IllegalStateException.class, () -> tts.synthesize(SpeechRequest.of("Hi.")));
    }

    @Test
    void builderFailsFast() {
        assertThrows(IllegalStateException.class, () -> TtsClient.builder().build());
        assertThrows(IllegalArgumentException.class, () -> TtsClient.builder()
                .provider(MockTtsProvider.alwaysAudio("x")).provider(MockTtsProvider.alwaysAudio("x")).build());
        assertThrows(IllegalArgumentException.class, () -> TtsClient.builder().timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> TtsClient.builder().maxTextChars(0));
    }

    @Test
    void settingsDiscoverProvidersAndBuilderValuesWin() {
        Settings env = Settings.layered(Map.of(), Map.of("ttskit.max.text.chars", "10"),
                Map.of("ENVMOCK_ENABLED", "1", "TTSKIT_MAX_TEXT_CHARS", "100000"));
        try (TtsClient tts = TtsClient.builder().settings(env).build()) {
            assertEquals(List.of("envmock"), tts.providerIds());
            assertThrows(ValidationException.class, () -> tts.synthesize(SpeechRequest.of("This is longer than ten.")),
                    "system property (10) beats environment (100000)");
        }
        try (TtsClient tts = TtsClient.builder().settings(env).maxTextChars(1_000).build()) {
            assertEquals("envmock", tts.synthesize(SpeechRequest.of("This is longer than ten.")).provider(), "builder beats both");
        }
    }

    @Test
    void settingsNamingAnUnknownProviderFail() {
        Settings s = Settings.of(Map.of("TTSKIT_PROVIDERS", "envmock,nosuch", "ENVMOCK_ENABLED", "1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TtsClient.builder().settings(s).build());
        assertTrue(e.getMessage().contains("nosuch"));
        Settings missing = Settings.of(Map.of("TTSKIT_PROVIDERS", "envmock"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TtsClient.builder().settings(missing).build())
                .getMessage().contains("settings are missing"));
    }

    @Test
    void cancellingAWaitingFutureEndsTheProviderCall() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        MockTtsProvider p = MockTtsProvider.builder("p").then(MockOutcome.gated(never, MockOutcome.audio(Duration.ofMillis(100)))).build();
        try (TtsClient tts = TtsClient.builder().provider(p).build()) {
            CompletableFuture<SpeechResult> f = tts.synthesizeAsync(SpeechRequest.of("Hi."));
            f.cancel(true);
            assertTrue(f.isCancelled());
            assertThrows(java.util.concurrent.CancellationException.class, f::join);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (p.inFlight() > 0 && System.nanoTime() < end) Thread.onSpinWait();
            assertEquals(0, p.inFlight(), "a call that had started was stopped by the cancellation");
        }
    }
}
